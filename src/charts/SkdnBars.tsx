import type { SkdnResult } from '../domain/reports/index.ts';

const BARS = ['S', 'K', 'D', 'N'] as const;
/** Room above the tallest bar for its count. */
const TOP = 24;
const COLOURS: Record<(typeof BARS)[number], string> = { S: '#2f6fb3', K: '#4a9a5b', D: '#d59a1e', N: '#c0392b' };

/**
 * The balok SKDN: four bars side by side, each labelled with its count, printable and 360 px wide. Its one word, the
 * label a screen reader says, comes from the caller's catalogue: the kader app and the puskesmas app draw it alike.
 */
export function SkdnBars({ skdn, label }: { skdn: SkdnResult; label: string }) {
  const max = Math.max(1, ...BARS.map((bar) => skdn.total[bar]));
  const height = 160;
  return (
    <svg
      viewBox={`0 0 320 ${height + 60}`}
      role="img"
      aria-label={label}
      data-testid="skdn-chart"
      style={{ width: '100%', maxWidth: '480px' }}
    >
      {BARS.map((bar, index) => {
        const value = skdn.total[bar];
        const barHeight = (value / max) * height;
        const x = 20 + index * 75;
        return (
          <g key={bar}>
            <rect x={x} y={TOP + height - barHeight} width={55} height={barHeight} fill={COLOURS[bar]} />
            <text x={x + 27.5} y={TOP + height - barHeight - 6} text-anchor="middle" font-size="14">
              {value}
            </text>
            <text x={x + 27.5} y={TOP + height + 22} text-anchor="middle" font-size="16" font-weight="bold">
              {bar}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
