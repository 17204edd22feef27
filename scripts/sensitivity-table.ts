/**
 * The tables of data/results/sensitivity/README.md: each committed map as a grid of validation accuracies (mean +- sd
 * (n) over seeds), the published values marked with *. Usage: node --import tsx scripts/sensitivity-table.ts
 * [store-dir] [--write] (with --write the tables replace the README's "<!-- tables -->" section).
 */
import { join } from "node:path";
import { ResultsStore } from "../src/experiment/store";
import { availableMaps } from "../src/figures/committedMaps";
import { writeTablesSection } from "./readme-tables";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "data/results/sensitivity";
const records = ResultsStore.read(dir).records().filter((r) => r.evaluatedOn === "validation");
const value = (v: number) => (v >= 1e5 ? v.toExponential(0) : String(v));
const out: string[] = [];
for (const { spec, map } of availableMaps(records)) {
  const xs = [...new Set(map.cells.map((c) => c.x))].sort((a, b) => a - b);
  const ys = [...new Set(map.cells.map((c) => c.y))].sort((a, b) => a - b);
  out.push(`${spec.neurons} neurons after ${spec.trainedSamples.toLocaleString("en-US")} digits, validation accuracy % (rows ${spec.yPath}, columns ${spec.xPath}; * published):`, "");
  out.push(`| ${spec.yPath} \\ ${spec.xPath} | ${xs.map((x) => `${value(x)}${x === map.published.x ? " *" : ""}`).join(" | ")} |`);
  out.push(`|---:|${xs.map(() => "---:|").join("")}`);
  for (const y of ys) {
    const cells = xs.map((x) => { const c = map.cells.find((q) => q.x === x && q.y === y); return c ? `${c.accuracyMean.toFixed(2)} +- ${c.accuracySd.toFixed(2)} (${c.n})` : ""; });
    out.push(`| ${value(y)}${y === map.published.y ? " *" : ""} | ${cells.join(" | ")} |`);
  }
  out.push("");
}
if (args.includes("--write")) {
  writeTablesSection(join(dir, "README.md"), out);
  console.log(`updated ${join(dir, "README.md")}`);
} else console.log(out.join("\n"));
