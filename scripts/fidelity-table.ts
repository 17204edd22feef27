/**
 * The 6,400-neuron table of data/results/fidelity/README.md from the learning-diagnostics outputs
 * (scripts/diagnose-learning.ts): per variant, the accuracy on the held-out validation digits at each validation
 * point, and the spike statistics and the median threshold above rest averaged over the last five windows (1,000
 * digits each) the file holds. A variant run with several seeds lists their files separated by commas
 * (LABEL=FILE1,FILE2,FILE3): its cells are then the mean +- sd (n) over the files (sample sd; the spike statistics
 * are means over the files).
 *   node --import tsx scripts/fidelity-table.ts LABEL=FILE[,FILE...] [LABEL=FILE[,FILE...] ...]
 */
import { readFileSync } from "node:fs";
import { meanSd } from "../src/analysis/summary";

interface Row {
  digits: number;
  spikes: number;
  largestVolley: number;
  inVolleysPercent: number;
  /** The median threshold above rest, mV (the middle of the q10/q50/q90 column). */
  thresholdMedianMv: number;
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
      digits: n[0], spikes: n[1], largestVolley: n[5], inVolleysPercent: n[6], thresholdMedianMv: Number(cells[3].split("/")[1]),
      ...(cells.length >= 11 ? { neuronsPerDigit: n[9], clampedPerDigit: n[10] } : {}),
      ...(validation ? { validation: Number(validation[1]) } : {}),
    });
  }
  return rows;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? "" : x.toFixed(digits));

/** One value per file: the value itself for one file, mean +- sd (n) for several (files without it left out). */
const summary = (xs: (number | undefined)[], digits = 2) => {
  const have = xs.filter((x): x is number => x !== undefined && !Number.isNaN(x));
  if (have.length === 0) return "";
  if (xs.length === 1) return fmt(have[0], digits);
  const s = meanSd(have);
  return `${fmt(s.mean, digits)} +- ${fmt(s.sd, digits)} (${s.n})`;
};

const variants = process.argv.slice(2).map((arg) => {
  const eq = arg.lastIndexOf("="); // labels may hold "=" (overrides), file names do not
  if (eq <= 0) throw new Error(`fidelity-table: expected LABEL=FILE[,FILE...], got "${arg}"`);
  return { label: arg.slice(0, eq), files: arg.slice(eq + 1).split(",").map(parse) };
});
const points = [...new Set(variants.flatMap((v) => v.files.flat().filter((r) => r.validation !== undefined).map((r) => r.digits)))].sort((a, b) => a - b);
console.log(`| variant | digits trained | ${points.map((p) => `validation at ${p.toLocaleString("en-US")}`).join(" | ")} | spikes / digit | neurons firing / digit | median threshold above rest mV | largest volley | spikes in volleys % | clamps at E_inh / digit |`);
console.log(`|---|---:|${points.map(() => "---:|").join("")}---:|---:|---:|---:|---:|---:|`);
for (const v of variants) {
  const lasts = v.files.map((rows) => rows.slice(-5));
  const valueAt = (p: number) => v.files.map((rows) => rows.find((r) => r.digits === p)?.validation);
  const perFile = (get: (r: Row) => number | undefined) => lasts.map((last) => (last.length > 0 && last.every((r) => get(r) !== undefined) ? mean(last.map((r) => get(r)!)) : undefined));
  const overFiles = (xs: (number | undefined)[], digits = 1) => {
    const have = xs.filter((x): x is number => x !== undefined);
    return have.length === 0 ? "" : fmt(mean(have), digits);
  };
  const trained = [...new Set(v.files.map((rows) => rows.at(-1)?.digits ?? 0))].map((d) => d.toLocaleString("en-US")).join(" / ");
  console.log(`| ${v.label} | ${trained} | ${points.map((p) => summary(valueAt(p))).join(" | ")} | ${overFiles(perFile((r) => r.spikes))} | ${overFiles(perFile((r) => r.neuronsPerDigit))} | ${overFiles(perFile((r) => r.thresholdMedianMv))} | ${overFiles(perFile((r) => r.largestVolley))} | ${overFiles(perFile((r) => r.inVolleysPercent), 0)} | ${overFiles(perFile((r) => r.clampedPerDigit), 0)} |`);
}
