/**
 * The table of data/results/paper-per-size/README.md: for each size of the per-size grid, its accuracy at the end of
 * every pass its three seeds have reached (over all test presentations, and over the first presentation of each digit
 * alone), beside the published-parameters runs of data/results/paper at the same amount of training and the paper's
 * figure. Usage: node --import tsx scripts/per-size-table.ts [--write]  (--write replaces the README's tables section)
 */
import { join } from "node:path";
import { meanSd, summarizeAccuracy } from "../src/analysis/summary";
import { loadReferenceAccuracy } from "../src/data/reference";
import { ResultsStore } from "../src/experiment/store";
import { StoredRecord } from "../src/experiment/records";
import { writeTablesSection } from "./readme-tables";

const dir = "data/results/paper-per-size";
const grid = ResultsStore.read(dir).records();
const published = ResultsStore.read("data/results/paper").records().filter((r) => r.preset === "diehl-cook-2015" && (r.evaluatedOn ?? "test") === "test" && r.shuffleSeed === undefined);
const paper = (n: number) => loadReferenceAccuracy().find((r) => r.model === "DiehlCook2015" && r.neurons === n)?.accuracy;
const fmt = (xs: number[]) => {
  if (xs.length === 0) return "";
  const s = meanSd(xs);
  return `${s.mean.toFixed(2)} +- ${s.sd.toFixed(2)} (${s.n})`;
};
/** The published-parameters runs' accuracy after `digits` of training, from runs of the same length (passes). */
const publishedAt = (neurons: number, epochs: number, digits: number) => {
  const rows = summarizeAccuracy(published.filter((r) => r.neurons === neurons && r.epochs === epochs)).filter((r) => r.trainedSamples === digits);
  return rows.length > 0 ? `${rows[0].accuracyMean.toFixed(2)} +- ${rows[0].accuracySd.toFixed(2)} (${rows[0].n})` : "";
};

const out: string[] = [];
out.push("| preset | neurons | passes | presentations per test digit | accuracy %, all presentations | first presentation only | proportion weighting | published parameters, same runs' length (`data/results/paper`) | paper |");
out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
const groups = new Map<string, StoredRecord[]>();
for (const r of grid) {
  const key = `${r.preset}|${r.neurons}|${r.epochs}|${r.testRepeats ?? 1}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key)!.push(r);
}
for (const records of [...groups.values()].sort((a, b) => a[0].neurons - b[0].neurons)) {
  const { preset, neurons, epochs } = records[0];
  const seeds = new Set(records.map((r) => r.seed)).size;
  const passEnds = [...new Set(records.map((r) => r.trainedSamples))].filter((d) => d % records[0].trainSamples === 0).sort((a, b) => a - b);
  for (const digits of passEnds) {
    const at = records.filter((r) => r.trainedSamples === digits);
    if (at.length < seeds) continue; // a pass not every seed has finished
    out.push(`| ${preset} | ${neurons} | ${digits / at[0].trainSamples} of ${epochs} | ${at[0].testRepeats ?? 1} | ${fmt(at.map((r) => r.accuracy))} | ${fmt(at.map((r) => r.accuracyFirstRepeat ?? r.accuracy))} | ${fmt(at.map((r) => r.accuracyProportion))} | ${publishedAt(neurons, epochs, digits)} | ${paper(neurons) ?? ""} |`);
  }
}

if (process.argv.includes("--write")) {
  writeTablesSection(join(dir, "README.md"), out);
  console.log(`updated ${join(dir, "README.md")}`);
} else console.log(out.join("\n"));
