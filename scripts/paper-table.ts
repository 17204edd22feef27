/**
 * The tables of data/results/paper/README.md, from the results store: for each preset and network size, the accuracy
 * (mean +- sd over seeds, n) after one pass and at the end of each run, beside the published figures; then the runs'
 * completeness and compute time. Usage: node --import tsx scripts/paper-table.ts [store-dir] [--write]
 * With --write the tables replace the part of <store-dir>/README.md between "<!-- tables -->" and "<!-- /tables -->".
 */
import { join } from "node:path";
import { summarizeAccuracy } from "../src/analysis/summary";
import { loadReferenceAccuracy } from "../src/data/reference";
import { ResultsStore } from "../src/experiment/store";
import { ruleComparisonRows, ruleSeriesName } from "../src/figures/rules";
import { writeTablesSection } from "./readme-tables";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "data/results/paper";
const out: string[] = [];
const log = (line: string) => out.push(line);
const records = ResultsStore.read(dir).records();
const rows = summarizeAccuracy(records).filter((r) => r.evaluatedOn === "test");
const refs = loadReferenceAccuracy();
const ref = (model: string, n: number) => {
  const r = refs.find((x) => x.model === model && x.neurons === n);
  return r ? `${r.accuracy.toFixed(1)}${r.spread ? ` +- ${r.spread}` : ""}` : "";
};
const fmt = (m: number, sd: number, n: number) => `${m.toFixed(2)} +- ${sd.toFixed(2)} (${n})`;
log("| preset | neurons | passes | training digits | accuracy % (mean +- sd (n)) | proportion weighting % | paper | Brian (BindsNET lab) | BindsNET (lab) |");
log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
// Runs of different lengths are summarised apart: a longer run's snapshot after one pass assigned its labels on 10,000
// digits, a one-pass run's final snapshot on all 60,000.
const testRecords = records.filter((r) => (r.evaluatedOn ?? "test") === "test" && r.shuffleSeed === undefined);
const sizes = [...new Set(rows.map((r) => `${r.preset}/${r.neurons}`))];
let intermediate = false;
for (const key of sizes) {
  const ofSize = testRecords.filter((r) => `${r.preset}/${r.neurons}` === key);
  const lengths = [...new Set(ofSize.map((r) => r.epochs))].sort((a, b) => a - b);
  const summary = (epochs: number) => summarizeAccuracy(ofSize.filter((r) => r.epochs === epochs));
  const shown: { row: (typeof rows)[number]; mark: string }[] = [];
  const onePass = lengths.includes(1) ? summary(1) : summary(lengths[0]);
  for (const row of onePass.filter((r) => Math.abs(r.epochsDone - 1) < 1e-9)) shown.push({ row, mark: lengths.includes(1) ? "" : " *" });
  for (const epochs of lengths.filter((e) => e > 1)) {
    const last = summary(epochs).reduce((a, b) => (b.trainedSamples > a.trainedSamples ? b : a));
    shown.push({ row: last, mark: "" });
  }
  for (const { row: r, mark } of shown) {
    intermediate ||= mark !== "";
    log(`| ${r.preset} | ${r.neurons} | ${r.epochsDone}${mark} | ${r.trainedSamples} | ${fmt(r.accuracyMean, r.accuracySd, r.n)} | ${fmt(r.accuracyProportionMean, r.accuracyProportionSd, r.n)} | ${ref("DiehlCook2015", r.neurons)} | ${ref("Brian", r.neurons)} | ${ref("BindsNET (all activity)", r.neurons)} |`);
  }
}
if (intermediate) log("\n\\* after the first pass of a longer run: labels assigned on the first 10,000 training digits (at the end of a run, on all 60,000).");

// The four rules after one pass on the default preset: one column per rule (and normalisation setting).
const ruleRows = ruleComparisonRows(records, "diehl-cook-2015");
const series = [...new Set(ruleRows.map((r) => ruleSeriesName(r.preset)))].sort();
if (series.length > 1) {
  log("\nThe learning rules on `diehl-cook-2015`, one pass (60,000 digits; labels on all of them), accuracy % (mean +- sd (n)):\n");
  log(`| neurons | ${series.join(" | ")} | paper |`);
  log(`|---:|${series.map(() => "---:").join("|")}|---:|`);
  for (const neurons of [...new Set(ruleRows.map((r) => r.neurons))].sort((a, b) => a - b)) {
    const cell = (name: string) => {
      const r = ruleRows.find((x) => x.neurons === neurons && ruleSeriesName(x.preset) === name);
      return r ? fmt(r.accuracyMean, r.accuracySd, r.n) : "";
    };
    log(`| ${neurons} | ${series.map(cell).join(" | ")} | ${ref("DiehlCook2015", neurons)} |`);
  }
}

// Compute time per run: training (cumulative at the last snapshot) plus every snapshot's evaluation.
log("\n| preset | neurons | passes | complete runs (seeds) | records | training min/run | evaluation min/run | code |");
log("|---|---:|---:|---|---:|---:|---:|---|");
const byRun = new Map<string, typeof records>();
for (const r of records) {
  if (!byRun.has(r.runId)) byRun.set(r.runId, []);
  byRun.get(r.runId)!.push(r);
}
const groups = new Map<string, { seeds: number[]; complete: number[]; records: number; train: number[]; evaluation: number[]; code: Set<string> }>();
for (const runRecords of byRun.values()) {
  const first = runRecords[0];
  const key = `${first.preset}|${first.neurons}|${first.epochs}`;
  if (!groups.has(key)) groups.set(key, { seeds: [], complete: [], records: 0, train: [], evaluation: [], code: new Set() });
  const g = groups.get(key)!;
  const last = runRecords.reduce((a, b) => (b.trainedSamples > a.trainedSamples ? b : a));
  g.seeds.push(first.seed);
  g.records += runRecords.length;
  runRecords.forEach((r) => g.code.add(r.code));
  if (last.trainedSamples === first.trainSamples * first.epochs) {
    g.complete.push(first.seed);
    g.train.push(last.trainSeconds / 60);
    g.evaluation.push(runRecords.reduce((s, r) => s + r.evalSeconds, 0) / 60);
  }
}
const mean = (xs: number[]) => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) : "");
for (const [key, g] of groups) {
  const [preset, neurons, epochs] = key.split("|");
  log(`| ${preset} | ${neurons} | ${epochs} | ${g.complete.length} of ${g.seeds.length} started (${g.complete.sort().join(", ") || "none"}) | ${g.records} | ${mean(g.train)} | ${mean(g.evaluation)} | ${[...g.code].join(", ")} |`);
}

if (args.includes("--write")) {
  const readme = join(dir, "README.md");
  writeTablesSection(readme, out);
  console.log(`updated ${readme}`);
} else console.log(out.join("\n"));
