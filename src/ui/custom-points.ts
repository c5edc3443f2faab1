/**
 * Custom data points of the page: a clicked point as the settings' `pts`, its coordinates
 * rounded to 3 decimals as the URL keeps them (pasted CSV: classroom.ts `readPastedPoints`).
 */

/** A coordinate as the URL keeps it: 3 decimals. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
