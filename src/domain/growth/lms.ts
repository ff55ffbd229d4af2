import type { Lms } from './who-tables.ts';

/** Plain LMS z-score (WHO TR 2006, ch. 7). With L = 1 (length/height) this is (y/M - 1)/S. */
export function lmsZ(y: number, { L, M, S }: Lms): number {
  return ((y / M) ** L - 1) / (S * L);
}

/** The measurement at SD level k: M (1 + L S k)^(1/L). */
function lmsValue(k: number, { L, M, S }: Lms): number {
  return M * (1 + L * S * k) ** (1 / L);
}

/**
 * WHO's restricted LMS for the weight-based indicators: beyond +/-3 SD the distance is measured in units of the
 * SD2-SD3 gap, because the fitted skewness would otherwise stretch the tails.
 */
export function restrictedLmsZ(y: number, lms: Lms): number {
  const z = lmsZ(y, lms);
  if (z > 3) {
    const sd3 = lmsValue(3, lms);
    return 3 + (y - sd3) / (sd3 - lmsValue(2, lms));
  }
  if (z < -3) {
    const sd3neg = lmsValue(-3, lms);
    return -3 + (y - sd3neg) / (lmsValue(-2, lms) - sd3neg);
  }
  return z;
}

/**
 * The SD line WHO draws for level k: plain LMS within +/-3, and beyond it the restricted extrapolation
 * SD3 +/- (k - 3)(SD3 - SD2), which is what WHO's own tables print for SD4/SD4neg.
 */
export function restrictedLmsValue(k: number, lms: Lms): number {
  if (k > 3) {
    const sd3 = lmsValue(3, lms);
    return sd3 + (k - 3) * (sd3 - lmsValue(2, lms));
  }
  if (k < -3) {
    const sd3neg = lmsValue(-3, lms);
    return sd3neg - (-3 - k) * (lmsValue(-2, lms) - sd3neg);
  }
  return lmsValue(k, lms);
}

/** Linear interpolation of L, M and S, as anthro does between 0.1 cm rows and anthroplus between months. */
export function interpolateLms(low: Lms, high: Lms, fraction: number): Lms {
  return {
    L: low.L + fraction * (high.L - low.L),
    M: low.M + fraction * (high.M - low.M),
    S: low.S + fraction * (high.S - low.S),
  };
}

/**
 * Rounds to 2 decimals the way R's round() does since R 4.0 (the reference packages are R): of the two
 * 2-decimal neighbours, take the one nearer to x as a double; an exact tie goes to the even last digit.
 * Math.round(x * 100) / 100 differs on negative halves and on values like 1.005.
 */
export function roundZ(x: number): number {
  const lower = Math.floor(x * 100) / 100;
  const upper = Math.ceil(x * 100) / 100;
  if (lower === upper) return lower;
  const dLower = x - lower;
  const dUpper = upper - x;
  if (dLower < dUpper) return lower;
  if (dUpper < dLower) return upper;
  return Math.round(lower * 100) % 2 === 0 ? lower : upper;
}

/** Round half up to a whole number, as anthro's round_up for ages (non-negative input). */
export function roundHalfUp(x: number): number {
  const floor = Math.floor(x);
  return x - floor >= 0.5 ? floor + 1 : floor;
}
