/**
 * Numbers in tables: one number of decimals per column, enough to show every value of the column to 4 significant
 * digits (at most 6 decimals), so a value a user set (theta_plus 0.025 mV) is never rounded away and a column lines
 * up. Whole numbers stay whole; what is not a number is shown as text.
 */

/** Decimals that show `x` to 4 significant digits, without trailing zeros (0 for whole numbers; at most 6). */
export function decimalsFor(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const text = Number(x.toPrecision(4)).toFixed(6).replace(/0+$/, "");
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The cells of one column, formatted alike (see the module comment). */
export function formatColumn(values: readonly unknown[]): string[] {
  const decimals = Math.max(0, ...values.map((v) => (typeof v === "number" ? decimalsFor(v) : 0)));
  return values.map((v) => (typeof v === "number" ? (Number.isFinite(v) ? v.toFixed(Number.isInteger(v) && decimals === 0 ? 0 : decimals) : String(v)) : String(v ?? "")));
}

/** "mean +- sd (n)", or "mean (1)" for a single value (no spread to show). */
export function meanSdText(mean: number, sd: number, n: number, decimals = 2): string {
  return n > 1 ? `${mean.toFixed(decimals)} +- ${sd.toFixed(decimals)} (${n})` : `${mean.toFixed(decimals)} (${n})`;
}
