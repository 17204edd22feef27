/**
 * `npm run figures`: renders the main figures to PNG and SVG in docs/figures/ with Debian's chromium driven by
 * playwright-core (plotly's own Plotly.toImage), from committed data only:
 *   accuracy-vs-neurons, accuracy-vs-training  <- data/results/paper (the paper-scale results store)
 *   accuracy-by-rule                           <- the same store's one-pass runs of each learning rule
 *   accuracy-vs-neurons-per-size               <- data/results/paper-per-size (Diehl's per-size configurations, as
 *                                                 far as its runs have gone) beside the paper store's diehl-cook-2015
 *   accuracy-vs-cost, accuracy-vs-decision-time <- data/results/cost (the cost store, docs/cost.md)
 *   sensitivity-theta-400, -inhibition-400,    <- data/results/sensitivity (--vary grids on validation digits;
 *   -inhibition-1600                              src/figures/committedMaps.ts)
 *   fashion-vs-training, fashion-vs-neurons    <- data/results/fashion (beside the paper store's one-pass MNIST runs)
 *   speed                                      <- data/bench/bench.jsonl (output of npm run bench -- --json)
 *   learning-diagnostics                       <- data/results/diagnostics (scripts/diagnose-learning.ts)
 *   receptive-fields.png                       <- a 100-neuron network trained on the 8,000 embedded digits, seed 1
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { longestRunsOnly, summarizeAccuracy } from "../src/analysis/summary";
import { onePassRecords } from "../src/analysis/onePass";
import { Network } from "../src/core/network";
import { train } from "../src/experiment/phases";
import { loadMnist } from "../src/data/mnist";
import { loadReferenceAccuracy, loadReferenceSpeed } from "../src/data/reference";
import { ResultsStore } from "../src/experiment/store";
import { accuracyVsNeuronsFigure, accuracyVsTrainingFigure, finalRows, isDeparture, latestRows, mostTrainedPerSize, perSizeSeries } from "../src/figures/accuracy";
import { accuracyVsCostFigure, accuracyVsDecisionTimeFigure, costRows, longestPerSize } from "../src/figures/cost";
import { receptiveFieldGrid } from "../src/figures/digits";
import { availableMaps, mapTitle } from "../src/figures/committedMaps";
import { sensitivityMapFigure } from "../src/figures/sensitivity";
import { encodeGrayPng } from "../src/figures/png";
import { comparableReferences } from "../src/figures/references";
import { accuracyByRuleFigure, ruleComparisonRows } from "../src/figures/rules";
import { FigureWriter } from "../src/figures/save";
import { FigureSpec } from "../src/figures/spec";
import { BenchRow, speedFigure } from "../src/figures/speed";
import { parseDiagnosticsTable } from "../src/analysis/diagnostics";
import { learningDiagnosticsFigure } from "../src/figures/diagnostics";

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "docs", "figures");

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const figures: Record<string, FigureSpec> = {};
  const records = ResultsStore.read(join(ROOT, "data", "results", "paper")).records();
  if (records.length > 0) {
    // The rules comparison has its own figure, and so do the departures (overrides); the main one shows each
    // documented preset with its own rule.
    const summary = summarizeAccuracy(records.filter((r) => !r.preset.includes("@") && !isDeparture(r.preset)));
    const refs = comparableReferences(loadReferenceAccuracy(), { testSamples: 10000 });
    figures["accuracy-vs-neurons"] = accuracyVsNeuronsFigure(finalRows(summary), refs, "Accuracy vs excitatory neurons (MNIST, 10,000 test digits)");
    const departures = records.filter((r) => isDeparture(r.preset) && !r.preset.includes("@") && (r.evaluatedOn ?? "test") === "test");
    if (departures.length > 0) {
      const sizes = new Set(departures.map((r) => r.neurons));
      const beside = records.filter((r) => r.preset === "diehl-cook-2015" && sizes.has(r.neurons));
      figures["accuracy-vs-neurons-departures"] = accuracyVsNeuronsFigure(finalRows(summarizeAccuracy([...departures, ...beside])), refs,
        "Departures (parameters chosen on validation digits) beside the published parameters (10,000 test digits)");
    }
    const curves = summarizeAccuracy(longestRunsOnly(records.filter((r) => r.preset === "diehl-cook-2015")));
    figures["accuracy-vs-training"] = accuracyVsTrainingFigure(curves, refs, "Accuracy vs training digits (Diehl & Cook preset, longest runs)");
    const ruleRows = ruleComparisonRows(records, "diehl-cook-2015");
    if (ruleRows.some((r) => r.preset.includes("@"))) {
      figures["accuracy-by-rule"] = accuracyByRuleFigure(ruleRows, refs, "Accuracy vs neurons after one pass, per learning rule (diehl-cook-2015, 10,000 test digits)");
    }
    const perSize = ResultsStore.read(join(ROOT, "data", "results", "paper-per-size")).records();
    if (perSize.length > 0) {
      const chosen = mostTrainedPerSize(latestRows(summarizeAccuracy(perSize)));
      const published = finalRows(summarizeAccuracy(records.filter((r) => r.preset === "diehl-cook-2015")));
      figures["accuracy-vs-neurons-per-size"] = accuracyVsNeuronsFigure([...published, ...chosen], refs,
        "Accuracy vs neurons: published parameters and Diehl's per-size scripts (10,000 test digits)", { series: perSizeSeries(chosen) });
    }
  } else console.error("data/results/paper has no records: skipping the accuracy figures");
  const cost = costRows(ResultsStore.read(join(ROOT, "data", "results", "cost")).records().filter((r) => r.evaluatedOn === "test"));
  if (cost.length > 0) {
    figures["accuracy-vs-cost"] = accuracyVsCostFigure(cost, "Accuracy vs SynOps per test digit (diehl-cook-2015, one pass, sizes x training amounts)");
    figures["accuracy-vs-decision-time"] = accuracyVsDecisionTimeFigure(longestPerSize(cost), "Accuracy vs decision time after one pass (diehl-cook-2015, 10,000 test digits)");
  } else console.error("data/results/cost has no records: skipping the cost figures");
  const sensitivity = ResultsStore.read(join(ROOT, "data", "results", "sensitivity")).records();
  const maps = availableMaps(sensitivity.filter((r) => r.evaluatedOn === "validation"));
  for (const { spec, map } of maps) figures[spec.name] = sensitivityMapFigure(map, mapTitle(spec));
  if (maps.length === 0) console.error("data/results/sensitivity has no records of a committed map: skipping the sensitivity maps");
  const fashion = ResultsStore.read(join(ROOT, "data", "results", "fashion")).records().filter((r) => r.dataset === "fashion-mnist" && r.evaluatedOn === "test");
  if (fashion.length > 0) {
    const rows = summarizeAccuracy(fashion);
    figures["fashion-vs-training"] = accuracyVsTrainingFigure(rows, [], "Fashion-MNIST: accuracy vs training images (diehl-cook-2015, one pass, 10,000 test images)");
    const mnist = onePassRecords(records, "diehl-cook-2015", rows.map((f) => f.neurons));
    figures["fashion-vs-neurons"] = accuracyVsNeuronsFigure(finalRows([...rows, ...summarizeAccuracy(mnist)]), [], "Accuracy vs neurons after one pass: Fashion-MNIST and MNIST (diehl-cook-2015)");
  } else console.error("data/results/fashion has no fashion-mnist records: skipping the Fashion-MNIST figures");
  const benchPath = join(ROOT, "data", "bench", "bench.jsonl");
  if (existsSync(benchPath)) {
    const rows = readFileSync(benchPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as BenchRow);
    figures["speed"] = speedFigure(rows, loadReferenceSpeed(), "Training speed: snn-workbook (1 core of this machine) vs BindsNET 0.3.3 (CPU threads, H200 GPU)");
  } else console.error("data/bench/bench.jsonl missing: skipping the speed figure (npm run bench -- --json > data/bench/bench.jsonl)");
  const diagnostics = (file: string) => parseDiagnosticsTable(readFileSync(join(ROOT, "data", "results", "diagnostics", file), "utf8"));
  figures["learning-diagnostics"] = learningDiagnosticsFigure([
    { name: "1,600 neurons", neurons: 1600, rows: diagnostics("n1600-seed2.txt") },
    { name: "6,400 neurons", neurons: 6400, rows: diagnostics("n6400-seed2-validation.txt") },
    { name: "6,400 neurons, tau_theta x 10 (not the published value)", neurons: 6400, rows: diagnostics("n6400-seed2-tautheta1e8-validation.txt") },
  ], "Inside the network while it learns (seed 2, MNIST's order)");

  const writer = await FigureWriter.open();
  try {
    for (const [name, spec] of Object.entries(figures)) {
      for (const format of ["png", "svg"] as const) {
        const file = join(OUT, `${name}.${format}`);
        await writer.write(spec, file);
        console.log(`wrote ${file}`);
      }
    }
  } finally {
    await writer.close();
  }
  const { train: digits } = loadMnist();
  const net = new Network({ neurons: 100, seed: 1 });
  train(net, digits);
  const grid = receptiveFieldGrid(net.exportState().arrays.weights, 100, 100, 10, 2);
  writeFileSync(join(OUT, "receptive-fields.png"), encodeGrayPng(grid.pixels, grid.width, grid.height));
  console.log(`wrote ${join(OUT, "receptive-fields.png")}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
