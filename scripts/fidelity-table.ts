/**
 * The 6,400-neuron table of data/results/fidelity/README.md from the learning-diagnostics outputs
 * (scripts/diagnose-learning.ts): per variant, the accuracy on the held-out validation digits at each validation
 * point, and the spike statistics averaged over the last five windows (1,000 digits each) the file holds.
 *   node --import tsx scripts/fidelity-table.ts LABEL=FILE [LABEL=FILE ...]
 */
import { readFileSync } from "node:fs";

interface Row {
  digits: number;
  spikes: number;
  largestVolley: number;
  inVolleysPercent: number;
  neuronsPerDigit?: number;
  clampedPerDigit?: number;
  validation?: number;
}

/** The windows of one diagnose-learning text output (the neurons and clamps columns exist in newer files only). */
function parse(path: string): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(path, "utf8").split("\n").slice(1)) {
    const validation = /validation ([\d.]+) %/.exec(line);
    const cells = line.replace(/validation [\d.]+ %/, "").replace(/%/g, " ").trim().split(/\s+/);
    if (cells.length < 9 || !/^\d+$/.test(cells[0])) continue;
    // digits spikes fired q10/q50/q90 learned volley in-volleys repeats seconds [neurons clamped]; the seconds column
    // can run into the repeats one ("63%1277"), which the % removal separates
    const n = cells.map(Number);
    rows.push({
      digits: n[0], spikes: n[1], largestVolley: n[5], inVolleysPercent: n[6],
      ...(cells.length >= 11 ? { neuronsPerDigit: n[9], clampedPerDigit: n[10] } : {}),
      ...(validation ? { validation: Number(validation[1]) } : {}),
    });
  }
  return rows;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? "" : x.toFixed(digits));

const variants = process.argv.slice(2).map((arg) => {
  const eq = arg.lastIndexOf("="); // labels may hold "=" (overrides), file names do not
  if (eq <= 0) throw new Error(`fidelity-table: expected LABEL=FILE, got "${arg}"`);
  return { label: arg.slice(0, eq), rows: parse(arg.slice(eq + 1)) };
});
const points = [...new Set(variants.flatMap((v) => v.rows.filter((r) => r.validation !== undefined).map((r) => r.digits)))].sort((a, b) => a - b);
console.log(`| variant | digits trained | ${points.map((p) => `validation at ${p.toLocaleString("en-US")}`).join(" | ")} | spikes / digit | neurons firing / digit | largest volley | spikes in volleys % | clamps at E_inh / digit |`);
console.log(`|---|---:|${points.map(() => "---:|").join("")}---:|---:|---:|---:|---:|`);
for (const v of variants) {
  const last = v.rows.slice(-5);
  const valueAt = (p: number) => v.rows.find((r) => r.digits === p)?.validation;
  const optional = (key: "neuronsPerDigit" | "clampedPerDigit") => (last.every((r) => r[key] !== undefined) ? mean(last.map((r) => r[key]!)) : undefined);
  console.log(`| ${v.label} | ${v.rows.at(-1)?.digits.toLocaleString("en-US") ?? 0} | ${points.map((p) => fmt(valueAt(p), 2)).join(" | ")} | ${fmt(mean(last.map((r) => r.spikes)))} | ${fmt(optional("neuronsPerDigit"))} | ${fmt(mean(last.map((r) => r.largestVolley)))} | ${fmt(mean(last.map((r) => r.inVolleysPercent)), 0)} | ${fmt(optional("clampedPerDigit"), 0)} |`);
}
