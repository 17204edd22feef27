import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { test } from "node:test";
import { assignLabels } from "../../src/analysis/labels";
import { SummaryRow } from "../../src/analysis/summary";
import { createRecording, Network } from "../../src/core/network";
import { loadReferenceAccuracy, loadReferenceSpeed, parseCsv } from "../../src/data/reference";
import { accuracyVsNeuronsFigure, accuracyVsTrainingFigure, finalRows, isDeparture, latestRows, logTicks, mostTrainedPerSize, PER_SIZE_SERIES, perSizeSeries, ticksAt } from "../../src/figures/accuracy";
import { membraneFigure, mostActive, spikeRasterFigure } from "../../src/figures/activity";
import { classCountsFigure } from "../../src/figures/classCounts";
import { confusionFigure, neuronsPerClassFigure } from "../../src/figures/labels";
import { encodeGrayPng, tileImages } from "../../src/figures/png";
import { comparableReferences, referenceSeries } from "../../src/figures/references";
import { accuracyByRuleFigure, ruleComparisonRows, ruleSeriesName } from "../../src/figures/rules";
import { speedFigure } from "../../src/figures/speed";

const row = (neurons: number, trainedSamples: number, accuracyMean: number, accuracySd = 1): SummaryRow => ({
  preset: "diehl-cook-2015", evaluatedOn: "test", trainOrder: "dataset", dataset: "mnist-full", neurons, trainedSamples, epochsDone: trainedSamples / 60000, n: 3,
  accuracyMean, accuracySd, accuracyMin: accuracyMean - accuracySd, accuracyMax: accuracyMean + 2 * accuracySd, accuracyProportionMean: accuracyMean, accuracyProportionSd: 0, seeds: "1 2 3",
  final: trainedSamples >= 60000,
});

test("accuracy vs neurons: Diehl's per-size presets as one series beside the published-parameters preset", () => {
  const published = [row(100, 60000, 83), row(400, 180000, 89)];
  const grid = [row(100, 60000, 84), { ...row(400, 180000, 90), preset: "diehl-cook-2015-n400" }, { ...row(6400, 900000, 95), preset: "diehl-cook-2015-n6400-learning" }];
  const other = { ...row(1600, 60000, 91), preset: "diehl-cook-2015-n400" };
  const fig = accuracyVsNeuronsFigure([...published, ...grid, other], [], "t", { series: perSizeSeries(grid) });
  const series = fig.data as { name: string; x: number[]; y: number[]; text: string[]; customdata: string[] }[];
  const ours = series.find((d) => d.name.startsWith(PER_SIZE_SERIES))!;
  assert.deepEqual([ours.x, ours.y], [[100, 400, 6400], [84, 90, 95]]);
  assert.match(ours.customdata[2], /^diehl-cook-2015-n6400-learning, N = 6400, 900000 digits \(15 passes\)/);
  // points trained for different passes are labelled with theirs; a series of one training length names it
  assert.equal(ours.name, `${PER_SIZE_SERIES}, passes as labelled`);
  assert.deepEqual(ours.text, ["1p", "3p", "15p"]);
  // the published-parameters runs keep their series (the grid's 100-neuron row has the same preset name); a row of a
  // grid preset that is not in the grid keeps its own
  const published100 = series.find((d) => d.name.startsWith("ours: diehl-cook-2015 (mnist-full)"))!;
  assert.deepEqual([published100.x, published100.y], [[100, 400], [83, 89]]);
  assert.deepEqual(series.map((d) => d.name).sort(), [`${PER_SIZE_SERIES}, passes as labelled`, "ours: diehl-cook-2015 (mnist-full), passes as labelled", "ours: diehl-cook-2015-n400 (mnist-full), 1 pass"].sort());
  // ticks at the sizes drawn, not at a fixed list
  assert.deepEqual((fig.layout.xaxis as { tickvals: number[]; ticktext: string[] }).ticktext, ["100", "400", "1,600", "6,400"]);
});

test("axes: ticks from the data (sizes drawn) and readable log ticks for amounts", () => {
  assert.deepEqual(ticksAt([25, 50, 100, 200, 400, 100]).ticktext, ["25", "50", "100", "200", "400"]);
  assert.equal(ticksAt(Array.from({ length: 40 }, (_, k) => 10 * (k + 1)), 8).tickvals.length, 8);
  assert.deepEqual(logTicks(500, 60000).ticktext, ["500", "1k", "2k", "5k", "10k", "20k", "50k"]);
  assert.deepEqual(logTicks(60000, 900000).ticktext, ["50k", "100k", "200k", "500k", "1M"]);
  assert.equal(isDeparture("diehl-cook-2015+wInhExc=34"), true);
  assert.equal(isDeparture("diehl-cook-2015@power-law"), false);
});

test("latest rows: per size, the most training every seed has reached (a grid committed part way)", () => {
  const rows = [row(6400, 10000, 90), row(6400, 60000, 94), { ...row(6400, 120000, 95), n: 1, seeds: "1" }, row(100, 60000, 83),
    { ...row(100, 60000, 84), evaluatedOn: "test x 10" }];
  assert.deepEqual(latestRows(rows).map((r) => [r.neurons, r.evaluatedOn, r.trainedSamples, r.accuracyMean]),
    [[6400, "test", 60000, 94], [100, "test", 60000, 83], [100, "test x 10", 60000, 84]]);
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
  assert.deepEqual(ours.error_y.array, [2, 1]); // 3 seeds: their range (highest above the mean, lowest below)
  assert.deepEqual((ours.error_y as unknown as { arrayminus: number[] }).arrayminus, [1, 0.5]);
  const many = accuracyVsNeuronsFigure([{ ...row(100, 60000, 83), n: 8 }]).data[0] as { error_y: { array: number[]; arrayminus: number[] } };
  assert.deepEqual([many.error_y.array, many.error_y.arrayminus], [[1], [1]]); // more seeds: +- sd
  assert.deepEqual((fig.layout.xaxis as { tickvals: number[] }).tickvals, [100, 225, 400, 625, 900, 1600, 6400]);
  assert.equal((fig.layout.xaxis as { type: string }).type, "log");
  const names = fig.data.map((d) => d.name);
  for (const n of ["Diehl & Cook 2015 (paper)", "Brian (BindsNET lab table)", "BindsNET (lab table)"]) assert.ok(names.includes(n), n);
  const paper = fig.data.find((d) => d.name === "Diehl & Cook 2015 (paper)") as { x: number[]; y: number[]; mode: string };
  assert.deepEqual(paper.y, [82.9, 87, 91.9, 95]);
  assert.equal(paper.mode, "markers");
});

test("comparable references: same test-set size (or unstated), and the same training amount when asked", () => {
  const refs = loadReferenceAccuracy();
  const full = comparableReferences(refs, { testSamples: 10000 });
  assert.ok(full.some((r) => r.model === "DiehlCook2015") && !full.some((r) => r.accuracy === 32.05));
  const embedded = comparableReferences(refs, { testSamples: 2000, trainDigits: 8000 });
  assert.ok(embedded.some((r) => r.accuracy === 83.1) && !embedded.some((r) => r.accuracy === 32.05 || r.model === "DiehlCook2015"));
});

test("accuracy vs training: one curve per network size, references placed at their training presentations", () => {
  const fig = accuracyVsTrainingFigure([row(100, 1000, 60), row(100, 60000, 83), row(400, 1000, 55), row(400, 60000, 86)], loadReferenceAccuracy());
  const measured = fig.data.filter((d) => String(d.name).startsWith("ours"));
  assert.equal(measured.length, 2);
  assert.deepEqual((measured[1] as { x: number[] }).x, [1000, 60000]);
  const released = fig.data.find((d) => d.name === "Diehl & Cook released code (readme), N = 400") as { x: number[]; y: number[]; marker: { color: string } };
  assert.deepEqual([released.x, released.y], [[180000], [89]]);
  assert.equal(released.marker.color, (measured[1] as { line: { color: string } }).line.color); // the colour of our N = 400 curve
  assert.ok(!fig.data.some((d) => String(d.name).endsWith("N = 6400")), "a reference of a size not drawn"); // BindsNET's 6,400-neuron run
});

test("rules comparison: complete one-pass runs of the base preset only, one series per rule and normalisation", () => {
  const rec = (preset: string, neurons: number, seed: number, accuracy: number, extra: Record<string, unknown> = {}) => ({
    preset, dataset: "mnist-full", neurons, trainedSamples: 60000, epochsDone: 1, seed, accuracy, accuracyProportion: accuracy,
    trainSamples: 60000, epochs: 1, ...extra,
  });
  const records = [
    rec("diehl-cook-2015", 100, 1, 80), rec("diehl-cook-2015", 100, 2, 82), rec("diehl-cook-2015", 225, 1, 86), // 225: no other rule
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

test("saveFigure writes PNG, SVG and PDF by extension; the same figure gives the same bytes", { skip: !require("node:fs").existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium") && "no chromium", timeout: 120_000 }, async () => {
  const { saveFigure, FigureWriter } = await import("../../src/figures/save");
  const { mkdtempSync, readFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "savefig-"));
  const fig = accuracyVsNeuronsFigure([row(100, 60000, 83), row(400, 60000, 89)], loadReferenceAccuracy(), "test figure");
  await assert.rejects(saveFigure(fig, join(dir, "f.jpg")), /must end in \.png, \.svg, \.pdf/);
  const writer = await FigureWriter.open();
  try {
    for (const f of ["a.png", "b.png", "a.svg", "b.svg", "sub/a.pdf"]) await writer.write(fig, join(dir, f), { width: 600 });
  } finally {
    await writer.close();
  }
  const bytes = (f: string) => readFileSync(join(dir, f));
  assert.deepEqual([...bytes("a.png").subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(bytes("a.png").readUInt32BE(16), 1200); // 600 px at scale 2
  assert.match(bytes("a.svg").toString("utf8", 0, 200), /^<svg/);
  assert.equal(bytes("sub/a.pdf").toString("latin1", 0, 5), "%PDF-");
  assert.ok(bytes("a.png").equals(bytes("b.png")), "PNG bytes differ between two renderings of one figure");
  assert.ok(bytes("a.svg").equals(bytes("b.svg")), "SVG bytes differ between two renderings of one figure");
  // saveFigure calls in a row, and overlapping ones, share one browser
  const { saveFigureLaunches } = await import("../../src/figures/save");
  const before = saveFigureLaunches();
  await saveFigure(fig, join(dir, "c.png"), { width: 600 });
  await Promise.all([saveFigure(fig, join(dir, "d.svg"), { width: 600 }), saveFigure(fig, join(dir, "e.png"), { width: 600 })]);
  assert.equal(saveFigureLaunches() - before, 1);
  assert.ok(bytes("c.png").equals(bytes("a.png")) && bytes("e.png").equals(bytes("a.png")) && bytes("d.svg").equals(bytes("a.svg")));
});

test("one point per size: the row with the most training", () => {
  const rows = [row(6400, 60000, 92.7), { ...row(6400, 120000, 92.6), evaluatedOn: "test x 10" }, row(100, 60000, 84)];
  assert.deepEqual(mostTrainedPerSize(rows).map((r) => [r.neurons, r.trainedSamples]), [[6400, 120000], [100, 60000]]);
});
