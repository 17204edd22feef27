/**
 * The table of data/results/lmsnn/README.md: for each preset, size and amount of training in the store, every
 * readout's accuracy (mean +- sd over seeds, n), beside the lab's one-seed 400-neuron table
 * (data/reference/lmsnn_accuracy.csv). Usage: node --import tsx scripts/lmsnn-table.ts [--write]
 */
import { join } from "node:path";
import { READOUTS } from "../src/analysis/readouts";
import { meanSdText } from "../src/analysis/numberFormat";
import { meanSd } from "../src/analysis/summary";
import { loadReferenceAccuracy } from "../src/data/reference";
import { StoredRecord } from "../src/experiment/records";
import { ResultsStore } from "../src/experiment/store";
import { writeTablesSection } from "./readme-tables";

const dir = "data/results/lmsnn";
const records = ResultsStore.read(dir).records();
const lab = loadReferenceAccuracy(undefined, "lmsnn_accuracy.csv");
const fmt = (xs: number[]) => (xs.length === 0 ? "" : ((s) => meanSdText(s.mean, s.sd, s.n))(meanSd(xs)));

const out: string[] = [];
out.push(`| preset | neurons | training digits | ${READOUTS.map((r) => r.name).join(" | ")} | spikes per test digit |`);
out.push(`|---|---:|---:|${READOUTS.map(() => "---:").join("|")}|---:|`);
const groups = new Map<string, StoredRecord[]>();
for (const r of records) {
  const key = `${r.preset}|${r.neurons}|${r.trainedSamples}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key)!.push(r);
}
const ordered = [...groups.values()].sort((a, b) => a[0].preset.localeCompare(b[0].preset) || a[0].neurons - b[0].neurons || a[0].trainedSamples - b[0].trainedSamples);
for (const at of ordered) {
  const { preset, neurons, trainedSamples } = at[0];
  const cells = READOUTS.map((r) => fmt(at.map((x) => (x as unknown as Record<string, unknown>)[r.column]).filter((v): v is number => typeof v === "number")));
  out.push(`| ${preset} | ${neurons} | ${trainedSamples.toLocaleString("en")} | ${cells.join(" | ")} | ${fmt(at.map((x) => x.testSpikesPerSample))} |`);
}
out.push("");
out.push("The lab's table (one seed, 400 neurons, one pass, Brian 1 at dt 0.1 ms; `data/reference/lmsnn_accuracy.csv`):");
out.push("");
out.push("| network | all-activity | note |");
out.push("|---|---:|---|");
for (const r of lab) out.push(`| ${r.model} | ${r.accuracy} | ${r.note} |`);

if (process.argv.includes("--write")) {
  writeTablesSection(join(dir, "README.md"), out);
  console.log(`updated ${join(dir, "README.md")}`);
} else console.log(out.join("\n"));
