/**
 * `npm run bench [-- --neurons 100,400,1600,6400 --samples 1000 --repeats 3 --preset diehl-cook-2015[,other,...] --kernels wasm --json]`
 * Training and inference speed on one core: for each network size, the median of `repeats` fresh processes, each
 * training a fresh network on the first `samples` digits of the embedded dataset and then running inference, and the
 * median of a fixed reference workload timed in the same processes (machineRefMs, see bench-one.ts: this machine's
 * speed drifts by up to 30 % over minutes, so compare runs at similar reference times).
 * Several presets run side by side in the same rounds (each size: every preset, then the next size), and the table
 * ends with each preset's training and inference rate relative to the first one's, per size.
 * Prints a table, or with --json one JSON object per line.
 *
 * `--threads 1,2[,K...]`: one network split across each count of threads (src/experiment/splitNetwork.ts; 1: a
 * whole Network), the counts alternating in fresh processes within each round (default sizes 1600,6400 there);
 * prints each size's median training and inference rates per thread count and their speed-ups over the first.
 *
 * `--beside [--snapshots 4]`: instead, whole runs (bench-run.ts: training with evenly spaced snapshots, each labelled
 * and tested) on 1 core (the run evaluates its snapshots itself) and on 2 (snapshots before the last evaluated beside
 * training, evaluator.ts), alternating in fresh processes within each round; prints each size's median wall time and
 * the speed-up (default sizes 400,1600 there).
 */
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { choiceOption, intListOption, intOption, parseOptions } from "../src/cli/args";
import { PRESETS } from "../src/core/params";
import { codeVersion } from "../src/experiment/version";

const o = parseOptions(process.argv.slice(2), {
  neurons: { type: "string" }, samples: { type: "string" }, repeats: { type: "string" }, preset: { type: "string" },
  kernels: { type: "string" }, json: { type: "boolean" }, threads: { type: "string" }, snapshots: { type: "string" },
  beside: { type: "boolean" },
});
const sizes = intListOption(o, "neurons", [100, 400, 1600, 6400], 1);
const samples = intOption(o, "samples", 1000, 1, 8000);
const repeats = intOption(o, "repeats", 3, 1, 50);
const presets = (typeof o.preset === "string" ? o.preset : "diehl-cook-2015").split(",");
for (const p of presets) choiceOption({ preset: p }, "preset", "diehl-cook-2015", Object.keys(PRESETS));
const kernels = choiceOption(o, "kernels", "wasm", ["wasm", "ts"] as const);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
if (o.beside) {
  benchRuns();
  process.exit(0);
}
if (o.threads !== undefined) {
  benchSplit();
  process.exit(0);
}

if (!o.json) {
  console.log(`${kernels} kernels, first ${samples} digits of a fresh network, median of ${repeats} processes, ${cpus()[0]?.model ?? "?"}`);
  console.log("preset                    neurons  train/s  ms/presentation  presentations/digit  inference/s  ms/presentation  machine ref ms");
}
// Rounds over all sizes (rather than all repeats of one size in a row), so a slow spell of this shared machine
// spreads over the sizes instead of landing on one of them; the median per size then discards it.
const measure = (neurons: number, preset: string) => {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "bench-one.ts"), String(neurons), String(samples), preset, kernels], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!);
};
const key = (preset: string, neurons: number) => `${preset}/${neurons}`;
const runsBySize = new Map<string, Record<string, number>[]>(presets.flatMap((p) => sizes.map((n) => [key(p, n), []])));
for (let r = 0; r < repeats; r++) {
  for (const neurons of sizes) {
    for (const preset of presets) {
      runsBySize.get(key(preset, neurons))!.push(measure(neurons, preset));
      if (!o.json) process.stderr.write(`\rround ${r + 1}/${repeats}, ${neurons} neurons, ${preset}   `);
    }
  }
}
if (!o.json) process.stderr.write("\r" + " ".repeat(40) + "\r");
const rows: Record<string, Record<string, number | string>> = {};
for (const neurons of sizes) for (const preset of presets) {
  const runs = runsBySize.get(key(preset, neurons))!;
  const pick = (key: string) => median(runs.map((r) => r[key]));
  const row = {
    neurons, preset, kernels, samples, repeats,
    trainSamplesPerSec: pick("trainSamplesPerSec"), trainMsPerPresentation: pick("trainMsPerPresentation"),
    presentationsPerSample: pick("presentationsPerSample"),
    inferSamplesPerSec: pick("inferSamplesPerSec"), inferMsPerPresentation: pick("inferMsPerPresentation"),
    machineRefMs: pick("machineRefMs"),
    date: new Date().toISOString().slice(0, 10), code: codeVersion(),
  };
  rows[key(preset, neurons)] = row;
  if (o.json) console.log(JSON.stringify(row));
  else {
    console.log(`${preset.padEnd(24)}  ${String(neurons).padStart(7)}  ${row.trainSamplesPerSec.toFixed(0).padStart(7)}  ${row.trainMsPerPresentation.toFixed(3).padStart(15)}  ${row.presentationsPerSample.toFixed(3).padStart(19)}  ${row.inferSamplesPerSec.toFixed(0).padStart(11)}  ${row.inferMsPerPresentation.toFixed(3).padStart(15)}  ${row.machineRefMs.toFixed(2).padStart(14)}`);
  }
}
if (!o.json && presets.length > 1) {
  console.log(`\nrelative to ${presets[0]} (medians of the same rounds): training / inference`);
  for (const neurons of sizes) {
    const base = rows[key(presets[0], neurons)];
    const parts = presets.slice(1).map((p) => {
      const r = rows[key(p, neurons)];
      return `${p} ${((r.trainSamplesPerSec as number) / (base.trainSamplesPerSec as number)).toFixed(2)} / ${((r.inferSamplesPerSec as number) / (base.inferSamplesPerSec as number)).toFixed(2)}`;
    });
    console.log(`${String(neurons).padStart(7)}  ${parts.join("   ")}`);
  }
}

/**
 * --threads: a network split across each count of threads, training then inference, the counts alternating in
 * fresh processes; the speed-ups are ratios of medians measured in the same rounds.
 */
function benchSplit(): void {
  const threads = intListOption(o, "threads", [1, 2], 1, 64);
  const sizes = intListOption(o, "neurons", [1600, 6400], 1);
  const preset = presets[0];
  if (!o.json) {
    console.log(`one network split across threads: ${samples} training digits, then inference on ${Math.min(samples, 2000)} test digits, ${preset}, median of ${repeats} processes per thread count, ${cpus().length} cores (${cpus()[0]?.model ?? "?"})`);
    console.log("neurons  threads  train/s  inference/s  train speed-up  inference speed-up  machine ref ms");
  }
  const medianOf = alternatingRounds(sizes, threads, "bench-one.ts", (neurons, k) => [neurons, samples, preset, kernels, "-", k]);
  for (const neurons of sizes) {
    const pick = (k: number, field: string) => medianOf(neurons, k, field);
    for (const k of threads) {
      const row = {
        neurons, threads: k, samples, repeats, preset, trainSamplesPerSec: pick(k, "trainSamplesPerSec"), inferSamplesPerSec: pick(k, "inferSamplesPerSec"),
        trainSpeedUp: pick(k, "trainSamplesPerSec") / pick(threads[0], "trainSamplesPerSec"),
        inferSpeedUp: pick(k, "inferSamplesPerSec") / pick(threads[0], "inferSamplesPerSec"),
        machineRefMs: pick(k, "machineRefMs"), cores: cpus().length, date: new Date().toISOString().slice(0, 10), code: codeVersion(),
      };
      if (o.json) console.log(JSON.stringify(row));
      else console.log(`${String(neurons).padStart(7)}  ${String(k).padStart(7)}  ${row.trainSamplesPerSec.toFixed(1).padStart(7)}  ${row.inferSamplesPerSec.toFixed(1).padStart(11)}  ${row.trainSpeedUp.toFixed(2).padStart(14)}  ${row.inferSpeedUp.toFixed(2).padStart(18)}  ${row.machineRefMs.toFixed(2).padStart(14)}`);
    }
  }
}

/** --beside: whole runs with their snapshots evaluated by the run (1) or beside its training (2), alternating. */
function benchRuns(): void {
  const threads = [1, 2];
  const sizes = intListOption(o, "neurons", [400, 1600], 1);
  const snapshots = intOption(o, "snapshots", 4, 1, samples);
  if (!o.json) {
    console.log(`whole runs: ${samples} training digits, ${snapshots} snapshots (labels from up to 1,000 digits, 1,000 test digits), median of ${repeats} processes per thread count, ${cpus()[0]?.model ?? "?"}`);
    console.log("neurons  threads  wall s  train s  eval s  speed-up  machine ref ms");
  }
  const medianOf = alternatingRounds(sizes, threads, "bench-run.ts", (neurons, k) => [neurons, samples, snapshots, k]);
  for (const neurons of sizes) {
    const pick = (k: number, field: string) => medianOf(neurons, k, field);
    for (const k of threads) {
      const row = {
        neurons, threads: k, samples, snapshots, repeats, wallSeconds: pick(k, "wallSeconds"), trainSeconds: pick(k, "trainSeconds"),
        evalSeconds: pick(k, "evalSeconds"), speedUp: pick(threads[0], "wallSeconds") / pick(k, "wallSeconds"),
        machineRefMs: pick(k, "machineRefMs"), date: new Date().toISOString().slice(0, 10), code: codeVersion(),
      };
      if (o.json) console.log(JSON.stringify(row));
      else console.log(`${String(neurons).padStart(7)}  ${String(k).padStart(7)}  ${row.wallSeconds.toFixed(1).padStart(6)}  ${row.trainSeconds.toFixed(1).padStart(7)}  ${row.evalSeconds.toFixed(1).padStart(6)}  ${row.speedUp.toFixed(2).padStart(8)}  ${row.machineRefMs.toFixed(2).padStart(14)}`);
    }
  }
}

/**
 * Run `script` (in this folder; it prints one JSON line) in a fresh process for every size and thread count, `repeats`
 * rounds in which the thread counts alternate; returns the median of a field over the rounds, per size and count.
 */
function alternatingRounds(sizes: number[], threads: number[], script: string, args: (neurons: number, k: number) => (string | number)[]) {
  const runs = new Map<string, Record<string, number>[]>();
  for (let r = 0; r < repeats; r++) {
    for (const neurons of sizes) {
      for (const k of threads) {
        if (!o.json) process.stderr.write(`\rround ${r + 1}/${repeats}, ${neurons} neurons, ${k} thread(s)   `);
        const out = execFileSync(process.execPath, ["--import", "tsx", join(__dirname, script), ...args(neurons, k).map(String)], { encoding: "utf8" });
        const key = `${neurons}/${k}`;
        runs.set(key, [...(runs.get(key) ?? []), JSON.parse(out.trim().split("\n").pop()!)]);
      }
    }
  }
  if (!o.json) process.stderr.write("\r" + " ".repeat(50) + "\r");
  return (neurons: number, k: number, field: string) => median(runs.get(`${neurons}/${k}`)!.map((x) => x[field]));
}
