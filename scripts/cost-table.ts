/**
 * The tables of data/results/cost/README.md, from the cost store: per network size and training amount (mean over
 * seeds) the accuracy and what a test digit cost (SynOps, spikes, simulated and wall time), the accuracy after each
 * decision time, which points lie on the accuracy-cost frontier; then whether the store's cells that another store
 * also holds (the paper store's runs, made before the cost counters) have the same accuracy there.
 * Usage: node --import tsx scripts/cost-table.ts [store-dir] [--against data/results/paper] [--write]
 * With --write the tables replace the part of <store-dir>/README.md between "<!-- tables -->" and "<!-- /tables -->".
 */
import { join } from "node:path";
import { meanSd } from "../src/analysis/summary";
import { ResultsStore } from "../src/experiment/store";
import { costFrontier, costRows } from "../src/figures/cost";
import { writeTablesSection } from "./readme-tables";

const args = process.argv.slice(2);
const value = (flag: string) => { const k = args.indexOf(flag); return k >= 0 ? args[k + 1] : undefined; };
const dir = args.find((a, k) => !a.startsWith("--") && args[k - 1] !== "--against") ?? "data/results/cost";
const against = value("--against") ?? "data/results/paper";
const records = ResultsStore.read(dir).records().filter((r) => r.evaluatedOn === "test");
const out: string[] = [];
const log = (line: string) => out.push(line);

const rows = costRows(records).sort((a, b) => a.neurons - b.neurons || a.trainedSamples - b.trainedSamples);
const onFrontier = new Set(costFrontier(rows, (r) => r.synOpsMean, (r) => r.accuracyMean));
const times = [...new Set(rows.flatMap((r) => r.decisions.map((d) => d.ms)))].sort((a, b) => a - b);
const field = (r: (typeof rows)[number], name: string) => {
  const values = records.filter((x) => x.preset === r.preset && x.neurons === r.neurons && x.trainedSamples === r.trainedSamples)
    .map((x) => (x as unknown as Record<string, unknown>)[name]).filter((v): v is number => typeof v === "number");
  return values.length > 0 ? meanSd(values).mean : NaN;
};
const num = (x: number, digits = 0) => Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "";
log("Per test digit, mean over seeds (SynOps: docs/cost.md; the wall time is this machine's, with another run on the other core).");
log("");
log(`| preset | neurons | training digits | accuracy % (mean +- sd (n)) | SynOps | input spikes | exc. spikes | inh. spikes | simulated ms | wall us | ${times.map((t) => `acc. @ ${t} ms`).join(" | ")} | SynOps @ 100 ms | frontier |`);
log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|${times.map(() => "---:|").join("")}---:|---|`);
for (const r of rows) {
  const at = (t: number) => { const d = r.decisions.find((x) => x.ms === t); return d ? d.accuracyMean.toFixed(2) : ""; };
  log(`| ${r.preset} | ${r.neurons} | ${r.trainedSamples} | ${r.accuracyMean.toFixed(2)} +- ${r.accuracySd.toFixed(2)} (${r.n}) | ` +
    `${num(r.synOpsMean)} | ${num(field(r, "testCostInputSpikes"))} | ${num(field(r, "testCostExcSpikes"), 1)} | ${num(field(r, "testCostInhSpikes"), 1)} | ` +
    `${num(field(r, "testCostSimMs"))} | ${num(field(r, "testCostWallUs"))} | ${times.map(at).join(" | ")} | ${num(r.decisions.find((d) => d.ms === 100)?.synOpsMean ?? NaN)} | ${onFrontier.has(r) ? "yes" : ""} |`);
}

// Cells also held by the other store: the runs are deterministic, so the accuracy must be the same.
const other = new Map(ResultsStore.read(against).records().map((r) => [r.cellId, r]));
const shared = records.filter((r) => other.has(r.cellId));
const differ = shared.filter((r) => other.get(r.cellId)!.accuracy !== r.accuracy);
log("");
log(`${shared.length} of the ${records.length} cells are also in ${against}: ${shared.length - differ.length} with the same accuracy` +
  `${differ.length > 0 ? `, ${differ.length} with another (${differ.map((r) => `${r.neurons} neurons seed ${r.seed} after ${r.trainedSamples}: ${r.accuracy} vs ${other.get(r.cellId)!.accuracy}`).join("; ")})` : ""}.`);

if (args.includes("--write")) {
  const readme = join(dir, "README.md");
  writeTablesSection(readme, out);
  console.log(`updated ${readme}`);
} else console.log(out.join("\n"));
