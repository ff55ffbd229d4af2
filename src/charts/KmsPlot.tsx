import {
  type ChartPoint,
  type ChartVariant,
  type ChildCurves,
  KMS_LAST_MONTH,
  type SdLine,
  sdLines,
} from '../domain/growth/kms-chart-data.ts';

/**
 * The KMS plot itself: WHO's SD bands and lines and the child's points, in SVG. It carries no words of its own, so
 * the kader app and the puskesmas app, each with its own catalogue, draw the same chart (docs/architecture.md).
 */
export interface KmsPlotProps {
  curves: ChildCurves;
  variant: ChartVariant;
  /** The child's points (chartPoints()), which the caller also reads for the status under the chart. */
  points: ChartPoint[];
  labels: { title: string; ageAxis: string; valueAxis: string };
  /** The tooltip of one point, in the reader's language and number format. */
  pointTitle: (point: ChartPoint) => string;
}

// Drawn in a 360 x 300 box: one unit is one CSS pixel on a 360 px phone, and it scales for print.
const W = 360;
const H = 300;
const PLOT = { left: 30, right: 336, top: 10, bottom: 256 };

/** Band fills between consecutive SD lines (from -3/-2 up to +2/+3), as on the KMS. */
const BANDS: Record<ChartVariant, string[]> = {
  weight: ['band-yellow', 'band-green', 'band-green', 'band-green', 'band-light', 'band-orange'],
  length: ['band-yellow', 'band-green', 'band-green', 'band-green', 'band-green', 'band-green'],
  // Buku KIA's LK chart: below -2 SD (microcephaly) and above +2 SD (macrocephaly) both need the puskesmas.
  head: ['band-orange', 'band-green', 'band-green', 'band-green', 'band-green', 'band-orange'],
};

function niceRange(values: number[], step: number): [number, number] {
  return [Math.floor(Math.min(...values) / step) * step, Math.ceil(Math.max(...values) / step) * step];
}

export function KmsPlot({ curves, variant, points, labels, pointTitle }: KmsPlotProps) {
  const latestAge = Math.max(0, ...points.map((p) => p.ageMonths));
  const lastMonth = latestAge <= 23 ? 24 : KMS_LAST_MONTH;
  const lines = sdLines(curves, variant, lastMonth);
  const yStep = variant === 'weight' ? (lastMonth <= 24 ? 1 : 2) : variant === 'head' ? 2 : 5;
  const [yMin, yMax] = niceRange(
    [...lines.flatMap((l) => l.points.map(([, v]) => v)), ...points.map((p) => p.value)],
    yStep,
  );
  const x = (month: number) => PLOT.left + (month / lastMonth) * (PLOT.right - PLOT.left);
  const y = (value: number) => PLOT.bottom - ((value - yMin) / (yMax - yMin)) * (PLOT.bottom - PLOT.top);
  const path = (pts: [number, number][]) =>
    pts.map(([m, v], i) => `${i === 0 ? 'M' : 'L'}${x(m).toFixed(1)},${y(v).toFixed(1)}`).join('');

  const xTicks: number[] = [];
  for (let m = 0; m <= lastMonth; m += lastMonth <= 24 ? 2 : 6) xTicks.push(m);
  const yTicks: number[] = [];
  for (let v = yMin; v <= yMax + 1e-9; v += yStep) yTicks.push(v);

  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={labels.title} preserveAspectRatio="xMidYMid meet">
      <Bands lines={lines} variant={variant} path={path} />
      {yTicks.map((v) => (
        <g key={`y${v}`} class="grid">
          <line x1={PLOT.left} x2={PLOT.right} y1={y(v)} y2={y(v)} />
          <text x={PLOT.left - 4} y={y(v) + 3} text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      {xTicks.map((m) => (
        <g key={`x${m}`} class="grid">
          <line x1={x(m)} x2={x(m)} y1={PLOT.top} y2={PLOT.bottom} />
          <text x={x(m)} y={PLOT.bottom + 12} text-anchor="middle">
            {m}
          </text>
        </g>
      ))}
      {lines.map((line) => (
        <g key={`sd${line.sd}`}>
          <path d={path(line.points)} class={line.sd === -3 ? 'sd red-line' : line.sd === 0 ? 'sd median' : 'sd'} />
          <text
            x={PLOT.right + 2}
            y={y(line.points.at(-1)?.[1] ?? yMin) + 3}
            class={line.sd === -3 ? 'sd-label red' : 'sd-label'}
          >
            {line.sd > 0 ? `+${line.sd}` : line.sd}
          </text>
        </g>
      ))}
      <text x={(PLOT.left + PLOT.right) / 2} y={H - 14} text-anchor="middle" class="axis-title">
        {labels.ageAxis}
      </text>
      <text x={PLOT.left} y={H - 2} class="axis-title">
        {labels.valueAxis}
      </text>
      <ChildLine points={points} x={x} y={y} pointTitle={pointTitle} />
    </svg>
  );
}

function Bands({
  lines,
  variant,
  path,
}: {
  lines: SdLine[];
  variant: ChartVariant;
  path: (pts: [number, number][]) => string;
}) {
  return (
    <g class="bands">
      {lines.slice(0, -1).map((lower, i) => {
        const upper = lines[i + 1];
        if (!upper) return null;
        const d = `${path(lower.points)}${path([...upper.points].reverse()).replace(/^M/, 'L')}Z`;
        return <path key={`band${lower.sd}`} d={d} class={BANDS[variant][i]} />;
      })}
    </g>
  );
}

function ChildLine({
  points,
  x,
  y,
  pointTitle,
}: {
  points: ChartPoint[];
  x: (m: number) => number;
  y: (v: number) => number;
  pointTitle: (point: ChartPoint) => string;
}) {
  return (
    <g class="child">
      {points.map((p, i) => {
        const previous = points[i - 1];
        return p.joined && previous ? (
          <line
            key={`seg${p.date}`}
            x1={x(previous.ageMonths)}
            y1={y(previous.value)}
            x2={x(p.ageMonths)}
            y2={y(p.value)}
          />
        ) : null;
      })}
      {points.map((p) => {
        const code = p.kms?.code;
        const mark = code === 'N' || code === 'T' ? code : undefined;
        return (
          <g key={`pt${p.date}`} class={mark ? `point mark-${mark}` : 'point'}>
            <circle cx={x(p.ageMonths)} cy={y(p.value)} r={3.5}>
              <title>{pointTitle(p)}</title>
            </circle>
            {mark && (
              <text x={x(p.ageMonths)} y={mark === 'N' ? y(p.value) - 7 : y(p.value) + 14} text-anchor="middle">
                {p.kms?.twoT ? '2T' : mark}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
