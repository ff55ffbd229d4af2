/**
 * Approximate WHO Child Growth Standards medians by month (boys, girls) and a coefficient of variation, enough to
 * draw plausible weighings for demo children. Real z-scores are computed from WHO's own tables elsewhere.
 */
const WEIGHT_MEDIAN_KG: Record<'male' | 'female', [number, number][]> = {
  male: [
    [0, 3.3],
    [1, 4.5],
    [2, 5.6],
    [3, 6.4],
    [6, 7.9],
    [9, 8.9],
    [12, 9.6],
    [18, 10.9],
    [24, 12.2],
    [36, 14.3],
    [48, 16.3],
    [60, 18.3],
  ],
  female: [
    [0, 3.2],
    [1, 4.2],
    [2, 5.1],
    [3, 5.8],
    [6, 7.3],
    [9, 8.2],
    [12, 8.9],
    [18, 10.2],
    [24, 11.5],
    [36, 13.9],
    [48, 16.1],
    [60, 18.2],
  ],
};

const LENGTH_MEDIAN_CM: Record<'male' | 'female', [number, number][]> = {
  male: [
    [0, 49.9],
    [1, 54.7],
    [2, 58.4],
    [3, 61.4],
    [6, 67.6],
    [9, 72.0],
    [12, 75.7],
    [18, 82.3],
    [24, 87.8],
    [36, 96.1],
    [48, 103.3],
    [60, 110.0],
  ],
  female: [
    [0, 49.1],
    [1, 53.7],
    [2, 57.1],
    [3, 59.8],
    [6, 65.7],
    [9, 70.1],
    [12, 74.0],
    [18, 80.7],
    [24, 86.4],
    [36, 95.1],
    [48, 102.7],
    [60, 109.4],
  ],
};

function interpolate(table: [number, number][], ageMonths: number): number {
  const clamped = Math.max(0, Math.min(60, ageMonths));
  for (let i = 1; i < table.length; i++) {
    const [a, va] = table[i - 1] as [number, number];
    const [b, vb] = table[i] as [number, number];
    if (clamped <= b) return va + ((vb - va) * (clamped - a)) / (b - a);
  }
  return (table.at(-1) as [number, number])[1];
}

/** Weight at a z-like offset: the weight spread is roughly log-normal with a CV of about 11 %. */
export function weightKgAt(sex: 'male' | 'female', ageMonths: number, z: number): number {
  return Math.round(interpolate(WEIGHT_MEDIAN_KG[sex], ageMonths) * Math.exp(0.11 * z) * 10) / 10;
}

/** Length/height at a z-like offset (SD about 3.7 % of the median). */
export function lengthCmAt(sex: 'male' | 'female', ageMonths: number, z: number): number {
  return Math.round(interpolate(LENGTH_MEDIAN_CM[sex], ageMonths) * (1 + 0.037 * z) * 10) / 10;
}
