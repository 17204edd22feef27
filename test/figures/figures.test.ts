import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { test } from "node:test";
import { assignLabels } from "../../src/analysis/labels";
import { SummaryRow } from "../../src/analysis/summary";
import { createRecording, Network } from "../../src/core/network";
import { loadReferenceAccuracy, loadReferenceSpeed, parseCsv } from "../../src/data/reference";
import { accuracyVsNeuronsFigure, accuracyVsTrainingFigure, finalRows } from "../../src/figures/accuracy";
import { membraneFigure, mostActive, spikeRasterFigure } from "../../src/figures/activity";
import { classCountsFigure } from "../../src/figures/classCounts";
import { confusionFigure, neuronsPerClassFigure } from "../../src/figures/labels";
import { encodeGrayPng, tileImages } from "../../src/figures/png";
import { referenceSeries } from "../../src/figures/references";
import { accuracyByRuleFigure, ruleComparisonRows, ruleSeriesName } from "../../src/figures/rules";
import { speedFigure } from "../../src/figures/speed";

const row = (neurons: number, trainedSamples: number, accuracyMean: number, accuracySd = 1): SummaryRow => ({
  preset: "diehl-cook-2015", evaluatedOn: "test", trainOrder: "dataset", dataset: "mnist-full", neurons, trainedSamples, epochsDone: trainedSamples / 60000, n: 3,
  accuracyMean, accuracySd, accuracyProportionMean: accuracyMean, accuracyProportionSd: 0, seeds: "1 2 3",
  final: trainedSamples >= 60000,
});

test("reference CSV: parsed with quoted commas; test-set-labelled rows are left out of the series", () => {
  assert.deepEqual(parseCsv('a,b\n1,"x, y"\n2,"say ""hi"""\n'), [{ a: "1", b: "x, y" }, { a: "2", b: 'say "hi"' }]);
  const refs = loadReferenceAccuracy();
  const paper = refs.filter((r) => referenceSeries(r) === "Diehl & Cook 2015 (paper)");
  assert.deepEqual(paper.map((r) => [r.neurons, r.accuracy]), [[100, 82.9], [400, 87], [1600, 91.9], [6400, 95]]);
  assert.equal(refs.filter((r) => r.accuracy === 91.56).map(referenceSeries)[0], undefined);
  assert.ok(loadReferenceSpeed().some((r) => r.implementation === "BindsNET" && r.neurons === 400 && r.samplesPerSec === 2.18));
});

test("accuracy vs neurons: our means with sd error bars on a log axis, references as separate marked series", () => {
  const rows = finalRows([row(100, 1000, 60), row(100, 60000, 83), row(400, 180000, 89, 0.5), { ...row(6400, 2000, 61), final: false }]);
  const fig = accuracyVsNeuronsFigure(rows, loadReferenceAccuracy());
  const ours = fig.data[0] as { x: number[]; y: number[]; error_y: { array: number[] }; name: string };
  assert.deepEqual(ours.x, [100, 400]);
  assert.deepEqual(ours.y, [83, 89]);
  assert.deepEqual(ours.error_y.array, [1, 0.5]);
  assert.equal((fig.layout.xaxis as { type: string }).type, "log");
  const names = fig.data.map((d) => d.name);
  for (const n of ["Diehl & Cook 2015 (paper)", "Brian (BindsNET lab table)", "BindsNET (lab table)"]) assert.ok(names.includes(n), n);
  const paper = fig.data.find((d) => d.name === "Diehl & Cook 2015 (paper)") as { x: number[]; y: number[]; mode: string };
  assert.deepEqual(paper.y, [82.9, 87, 91.9, 95]);
  assert.equal(paper.mode, "markers");
});

test("accuracy vs training: one curve per network size, references placed at their training presentations", () => {
  const fig = accuracyVsTrainingFigure([row(100, 1000, 60), row(100, 60000, 83), row(400, 1000, 55), row(400, 60000, 86)], loadReferenceAccuracy());
  const measured = fig.data.filter((d) => String(d.name).startsWith("ours"));
  assert.equal(measured.length, 2);
  assert.deepEqual((measured[1] as { x: number[] }).x, [1000, 60000]);
  const released = fig.data.find((d) => d.name === "Diehl & Cook released code (readme)") as { x: number[]; y: number[] };
  assert.deepEqual([released.x, released.y], [[180000], [89]]);
});

test("rules comparison: complete one-pass runs of the base preset only, one series per rule and normalisation", () => {
  const rec = (preset: string, neurons: number, seed: number, accuracy: number, extra: Record<string, unknown> = {}) => ({
    preset, dataset: "mnist-full", neurons, trainedSamples: 60000, epochsDone: 1, seed, accuracy, accuracyProportion: accuracy,
    trainSamples: 60000, epochs: 1, ...extra,
  });
  const records = [
    rec("diehl-cook-2015", 100, 1, 80), rec("diehl-cook-2015", 100, 2, 82),
    rec("diehl-cook-2015@power-law", 100, 1, 75), rec("diehl-cook-2015@power-law+stdp.normalize=true", 100, 1, 79),
    rec("diehl-cook-2015@power-law", 400, 1, 85),
    rec("diehl-cook-2015", 400, 1, 99, { epochs: 3, epochsDone: 1 }), // a longer run's first pass: not one pass
    rec("diehl-cook-2015+exc.thetaPlusMv=0.1", 100, 1, 99), // another change than the rule: left out
    rec("diehl-cook-2015-released@pre-post", 100, 1, 99), // another base preset
    rec("diehl-cook-2015@pre-post", 100, 1, 99, { evaluatedOn: "validation" }),
  ];
  const rows = ruleComparisonRows(records, "diehl-cook-2015");
  assert.deepEqual(rows.map((r) => [r.preset, r.neurons, r.accuracyMean, r.n]), [
    ["diehl-cook-2015", 100, 81, 2], ["diehl-cook-2015@power-law", 100, 75, 1], ["diehl-cook-2015@power-law", 400, 85, 1],
    ["diehl-cook-2015@power-law+stdp.normalize=true", 100, 79, 1],
  ]);
  assert.equal(ruleSeriesName("diehl-cook-2015"), "triplet, normalised");
  assert.equal(ruleSeriesName("diehl-cook-2015@power-law"), "power-law, no normalisation");
  assert.equal(ruleSeriesName("diehl-cook-2015@power-law+stdp.normalize=true"), "power-law, normalised");
  const fig = accuracyByRuleFigure(rows, loadReferenceAccuracy());
  assert.deepEqual(fig.data.map((d) => d.name), ["power-law, no normalisation", "power-law, normalised", "triplet, normalised", "Diehl & Cook 2015 (paper)"]);
  assert.deepEqual((fig.data[0] as { x: number[]; y: number[] }).x, [100, 400]);
  assert.deepEqual((fig.data[3] as { y: number[] }).y, [82.9, 87, 91.9, 95]);
});

test("activity, label, class-count and speed figures carry the data they are given", () => {
  const net = new Network({ neurons: 10, seed: 1 });
  net.state.w.fill(0.5);
  const rec = createRecording(net);
  net.present(new Uint8Array(784).fill(100), false, rec);
  const raster = spikeRasterFigure(rec, 0.5);
  assert.equal((raster.data[0] as { x: number[] }).x.length, rec.inputSteps.length);
  assert.equal((raster.data[1] as { y: number[] }).y.length, rec.excIndices.length);
  const active = mostActive(rec, 2);
  const membrane = membraneFigure(rec, 10, active, 0.5);
  assert.equal(membrane.data.length, 2 * active.length);
  assert.equal((membrane.data[0] as { y: number[] }).y.length, 700);
  const a = assignLabels(Float32Array.of(3, 0, 0, 1), Uint8Array.of(0, 1), 2, 2);
  assert.deepEqual((neuronsPerClassFigure(a).data[0] as { y: number[] }).y, [1, 1, 0]);
  assert.deepEqual((confusionFigure([[3, 1], [0, 2]]).data[0] as { z: number[][] }).z, [[75, 25], [0, 100]]);
  assert.deepEqual((classCountsFigure([{ name: "t", counts: [1, 2] }]).data[0] as { y: number[] }).y, [1, 2]);
  const speed = speedFigure([{ neurons: 400, trainSamplesPerSec: 1500, inferSamplesPerSec: 2500 }], loadReferenceSpeed());
  assert.deepEqual((speed.data[0] as { y: number[] }).y, [1500]);
  assert.ok(speed.data.some((d) => String(d.name).includes("BindsNET")));
});

test("PNG encoder: valid signature, header and pixel rows; tiling places images in a grid", () => {
  const png = encodeGrayPng(Uint8Array.of(0, 255, 255, 0), 2, 2);
  assert.deepEqual(Array.from(png.subarray(0, 8)), [137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(png.buffer, png.byteOffset);
  assert.equal(view.getUint32(16), 2);
  assert.equal(view.getUint32(20), 2);
  const idatLength = view.getUint32(33);
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  assert.deepEqual(Array.from(raw), [0, 0, 255, 0, 255, 0]);
  const grid = tileImages(Uint8Array.of(10, 20), 2, 1, 1, 2, 1);
  assert.deepEqual([grid.width, grid.height], [5, 3]);
  assert.deepEqual(Array.from(grid.pixels.subarray(5, 10)), [128, 10, 128, 20, 128]);
});
