import { DAYS_PER_MONTH, ageInDays } from '../../domain/growth/age.ts';
import type { ChildMeasurement } from '../../domain/growth/child-measurement.ts';
import type { KbmTable } from '../../domain/growth/kbm-table.ts';
import {
  type ChartPoint,
  type ChartVariant,
  type ChildCurves,
  KMS_LAST_MONTH,
  type SdLine,
  chartPoints,
  sdLines,
} from '../../domain/growth/kms-chart-data.ts';
import { t } from '../../i18n/index.ts';
import { formatDate, formatNumber } from '../format.ts';
import { latestStatusKeys } from './kms-status.ts';
import { KMS_CHART_CSS } from './kms-chart-style.ts';

export interface KmsChartProps {
  /** WHO weight- and length/height-for-age for the child's sex (childCurves() picks them from the tables). */
  curves: ChildCurves;
  birthDate: string;
  measurements: readonly ChildMeasurement[];
  variant?: ChartVariant;
  /** The KBM table in use, when the app configured another than the default. */
  kbm?: KbmTable;
}

// Drawn in a 360 x 300 box: one unit is one CSS pixel on a 360 px phone, and it scales for print.
const W = 360;
const H = 300;
const PLOT = { left: 30, right: 336, top: 10, bottom: 256 };

/** Band fills between consecutive SD lines (from -3/-2 up to +2/+3), as on the KMS. */
const BANDS: Record<ChartVariant, string[]> = {
  weight: ['band-yellow', 'band-green', 'band-green', 'band-green', 'band-light', 'band-orange'],
  length: ['band-yellow', 'band-green', 'band-green', 'band-green', 'band-green', 'band-green'],
};

function niceRange(values: number[], step: number): [number, number] {
  return [Math.floor(Math.min(...values) / step) * step, Math.ceil(Math.max(...values) / step) * step];
}

export function KmsChart({ curves, birthDate, measurements, variant = 'weight', kbm }: KmsChartProps) {
  const points = chartPoints(curves, birthDate, measurements, variant, kbm);
  const latestAge = Math.max(0, ...points.map((p) => p.ageMonths));
  const lastMonth = latestAge <= 23 ? 24 : KMS_LAST_MONTH;
  const lines = sdLines(curves, variant, lastMonth);
  const yStep = variant === 'weight' ? (lastMonth <= 24 ? 1 : 2) : 5;
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

  const latest = points[points.length - 1];
  const latestMeasurement = [...measurements].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const olderThanKms =
    latestMeasurement !== undefined && ageInDays(birthDate, latestMeasurement.date) / DAYS_PER_MONTH >= KMS_LAST_MONTH;
  const statusKeys = olderThanKms
    ? (['chart_statusOlder'] as const)
    : latestStatusKeys(latest, variant, latest?.date === latestMeasurement?.date && latestMeasurement?.oedema === true);
  const title = variant === 'weight' ? t('chart_weightTitle') : t('chart_lengthTitle');
  const sexClass = curves.sex === 'male' ? 'boy' : 'girl';

  return (
    <figure class={`kms-chart ${sexClass}`}>
      <style>{KMS_CHART_CSS}</style>
      <figcaption>
        {title} · {curves.sex === 'male' ? t('chart_boy') : t('chart_girl')}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
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
          {t('chart_ageAxis')}
        </text>
        <text x={PLOT.left} y={H - 2} class="axis-title">
          {variant === 'weight'
            ? `${t('chart_weightAxis')} · ${t('chart_legendN')} · ${t('chart_legendT')}`
            : t('chart_lengthAxis')}
        </text>
        <ChildLine points={points} x={x} y={y} />
      </svg>
      <div class="kms-status" role="status">
        {statusKeys.map((key) => (
          <p
            key={key}
            class={
              key === 'chart_statusBgm' || key === 'chart_status2T' || key === 'chart_statusOedema' ? 'urgent' : ''
            }
          >
            {t(key)}
          </p>
        ))}
        {latest && (
          <p class="latest">
            {t('chart_latestMeasurement', {
              date: formatDate(latest.date),
              value: variant === 'weight' ? `${formatNumber(latest.value)} kg` : `${formatNumber(latest.value, 1)} cm`,
            })}
          </p>
        )}
      </div>
      <small class="attribution">{t('chart_attribution')}</small>
    </figure>
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

function ChildLine({ points, x, y }: { points: ChartPoint[]; x: (m: number) => number; y: (v: number) => number }) {
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
              <title>{`${formatDate(p.date)}: ${formatNumber(p.value)}`}</title>
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
