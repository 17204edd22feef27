/**
 * The tables of data/results/sensitivity/README.md: each committed map as a grid of validation accuracies (mean +- sd
 * (n) over seeds), the published values marked with *. Usage: node --import tsx scripts/sensitivity-table.ts
 * [store-dir] [--write] (with --write the tables replace the README's "<!-- tables -->" section).
 */
import { join } from "node:path";
import { ResultsStore } from "../src/experiment/store";
import { sensitivityMap } from "../src/figures/sensitivity";
import { writeTablesSection } from "./readme-tables";

/** The maps the store holds: parameters, size, training digits. */
const MAPS = [{ x: "exc.thetaPlusMv", y: "exc.tauThetaMs", neurons: 400, trained: 50000 }];

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "data/results/sensitivity";
const records = ResultsStore.read(dir).records().filter((r) => r.evaluatedOn === "validation");
const out: string[] = [];
for (const m of MAPS) {
  const map = sensitivityMap(records, m.x, m.y, m.neurons, m.trained);
  const xs = [...new Set(map.cells.map((c) => c.x))].sort((a, b) => a - b);
  const ys = [...new Set(map.cells.map((c) => c.y))].sort((a, b) => a - b);
  out.push(`${m.neurons} neurons after ${m.trained.toLocaleString("en-US")} digits, validation accuracy % (rows ${m.y}, columns ${m.x}; * published):`, "");
  out.push(`| ${m.y} \\ ${m.x} | ${xs.map((x) => `${x}${x === map.published.x ? " *" : ""}`).join(" | ")} |`);
  out.push(`|---:|${xs.map(() => "---:|").join("")}`);
  for (const y of ys) {
    const cells = xs.map((x) => { const c = map.cells.find((q) => q.x === x && q.y === y); return c ? `${c.accuracyMean.toFixed(2)} +- ${c.accuracySd.toFixed(2)} (${c.n})` : ""; });
    out.push(`| ${y.toExponential(0)}${y === map.published.y ? " *" : ""} | ${cells.join(" | ")} |`);
  }
  out.push("");
}
if (args.includes("--write")) {
  writeTablesSection(join(dir, "README.md"), out);
  console.log(`updated ${join(dir, "README.md")}`);
} else console.log(out.join("\n"));
