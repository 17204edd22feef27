/** `snn train`: train one network, assign labels on the training digits, evaluate on the test digits. */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Readout, READOUTS } from "../analysis/readouts";
import { saveNetwork } from "../core/snapshot";
import { DATASETS, datasetSizes, evaluationDigitsAvailable, trainingDigitsAvailable } from "../data/datasets";
import { fileCheckpointer } from "../experiment/checkpoint";
import { RunConfig } from "../experiment/config";
import { runId } from "../experiment/records";
import { DECISION_MS, loadRunData, RunRecord, runExperiment } from "../experiment/run";
import { codeVersion } from "../experiment/version";
import { choiceOption, datasetOption, intOption, parseOptions, testRepeatsOption, UsageError } from "./args";
import { PRESET_HELP, presetOption } from "./preset";
import { progressLine } from "./progress";
import { threadsOption } from "./threads";

export const TRAIN_USAGE = `snn train [options]
  --neurons N        excitatory neurons (default 100)
  --train N          training digits per pass (default: all of the dataset's training split)
  --epochs E         passes over the training digits (default 1)
  --test N           test digits (default: all of the test split)
  --dataset NAME     ${DATASETS.join(" | ")} (default mnist: the embedded 8,000 / 2,000
                     split; fashion-mnist: after npm run data:fashion), or idx:DIR: a folder of IDX files named as
                     MNIST's four (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-..., optionally .gz; records
                     name it by path and content hash)
  --seed S           seed of the run (default 1)
${PRESET_HELP}
  --kernels K        wasm | ts (default wasm)
  --threads T        split the network across T threads (default 1; the same result bit for bit, only the wall clock
                     differs; pays only where threads meet fast: slower on this project's 2-core VM, docs/threads.md);
                     auto: the free cores for networks of 1,600 neurons or more, else 1
  --validation       evaluate on the last --test training digits (held out) instead of the test digits
  --test-repeats K   present the evaluation digits K times with fresh input noise; accuracy over all K x --test
                     presentations (default 1), and of the first presentation alone
  --shuffle SEED     train on the digits in an order shuffled with SEED (the same in every pass; default: the
                     dataset's order)
  --checkpoints DIR  save the training state every 10,000 digits; the same command run again resumes from it
  --save FILE        save the trained network (weights, thresholds, preset, seed, full state; see src/core/snapshot.ts)
  --json             print the result as one JSON object on the last stdout line`;

export async function trainCommand(argv: string[]): Promise<number> {
  const o = parseOptions(argv, {
    neurons: { type: "string" }, train: { type: "string" }, epochs: { type: "string" }, test: { type: "string" },
    dataset: { type: "string" }, seed: { type: "string" }, preset: { type: "string" }, kernels: { type: "string" },
    json: { type: "boolean" }, save: { type: "string" }, validation: { type: "boolean" }, checkpoints: { type: "string" },
    shuffle: { type: "string" }, override: { type: "string" }, rule: { type: "string" }, threads: { type: "string" },
    "test-repeats": { type: "string" },
  });
  const dataset = datasetOption(o);
  const preset = presetOption(o);
  const kernels = choiceOption(o, "kernels", "wasm", ["wasm", "ts"] as const);
  const sizes = datasetSizes(dataset);
  const validation = Boolean(o.validation);
  const testSamples = intOption(o, "test", sizes.test, 1, evaluationDigitsAvailable(dataset, validation));
  const available = trainingDigitsAvailable(dataset, validation ? testSamples : 0);
  const trainSamples = intOption(o, "train", available, 1, available);
  const epochs = intOption(o, "epochs", 1, 1, 1000);
  const config: RunConfig = {
    neurons: intOption(o, "neurons", 100, 1, 100000),
    preset, dataset, trainSamples, epochs,
    testSamples,
    seed: intOption(o, "seed", 1, 0, 0xffffffff),
    labelSamples: trainSamples,
    snapshots: [trainSamples * epochs],
    ...(validation ? { validation: true } : {}),
    ...(o.shuffle !== undefined ? { shuffleSeed: intOption(o, "shuffle", undefined, 0, 0xffffffff) } : {}),
    ...testRepeatsOption(o),
  };
  const threads = threadsOption(o, config.neurons, 1, (m) => console.warn(`snn train: ${m}`));
  if (typeof o.save === "string") checkWritableFile(o.save, "--save");
  const data = loadRunData(config);
  const bars = { train: progressLine("train "), labels: progressLine("labels"), test: progressLine("test  ") };
  const [record] = runExperiment(config, {
    kernels, threads,
    ...(typeof o.checkpoints === "string" ? { checkpoint: fileCheckpointer(o.checkpoints, runId(config)), checkpointEvery: 10000 } : {}),
    onSnapshot: (net) => {
      if (typeof o.save === "string") saveNetwork(net, o.save);
    },
    onProgress: (phase, done, total) => {
      bars[phase].update(done, total);
      if (done === total) bars[phase].done();
    },
  }, data);
  const result = {
    neurons: config.neurons, dataset, trainSamples, epochs, testSamples: config.testSamples, seed: config.seed, preset,
    evaluatedOn: validation ? "validation" : "test",
    ...(config.shuffleSeed !== undefined ? { shuffleSeed: config.shuffleSeed } : {}),
    ...(config.testRepeats !== undefined ? { testRepeats: config.testRepeats } : {}),
    accuracy: round(record.accuracy, 2), accuracyProportion: round(record.accuracyProportion, 2),
    ...(record.accuracyFirstRepeat !== undefined ? { accuracyFirstRepeat: round(record.accuracyFirstRepeat, 2) } : {}),
    ...Object.fromEntries(otherReadouts(record).map((r) => [r.column, round(readoutAccuracy(record, r), 2)])),
    labelSamples: record.labelSamples, unassignedNeurons: record.unassignedNeurons,
    trainSamplesPerSec: round(record.trainSamplesPerSec, 1), evalSamplesPerSec: round(record.evalSamplesPerSec, 1),
    presentationsPerSample: round(record.presentationsPerSample, 4), cappedDigits: record.cappedDigits,
    excSpikesPerSample: round(record.excSpikesPerSample, 2), testSpikesPerSample: round(record.testSpikesPerSample, 2),
    eInhClampsPerSample: round(record.eInhClampsPerSample ?? 0, 2), testEInhClampsPerSample: round(record.testEInhClampsPerSample ?? 0, 2),
    ...costFields(record),
    trainSeconds: round(record.trainSeconds, 2), evalSeconds: round(record.evalSeconds, 2), kernels, threads,
    code: codeVersion(), ...(typeof o.save === "string" ? { saved: o.save } : {}),
  };
  if (o.json) console.log(JSON.stringify(result));
  else {
    console.log(`${preset}, ${config.neurons} neurons, ${trainSamples} x ${epochs} training digits (${dataset}), seed ${config.seed}`);
    const digits = `${config.testSamples} ${validation ? "held-out training (validation)" : "test"} digits`;
    const shown = config.testRepeats ? `${digits} x ${config.testRepeats} presentations` : digits;
    console.log(`accuracy ${result.accuracy.toFixed(2)} % (all-activity), ${result.accuracyProportion.toFixed(2)} % (proportion weighting) on ${shown}`);
    if (record.accuracyFirstRepeat !== undefined) console.log(`first presentation alone: ${record.accuracyFirstRepeat.toFixed(2)} % (all-activity)`);
    const others = otherReadouts(record);
    if (others.length > 0) console.log(`other readouts: ${others.map((r) => `${readoutAccuracy(record, r).toFixed(2)} % (${r.name})`).join(", ")}`);
    console.log(`training ${result.trainSamplesPerSec} digits/s (${result.presentationsPerSample} presentations per digit, ${result.cappedDigits} capped), inference ${result.evalSamplesPerSec} digits/s`);
    console.log(`updates of v clamped at E_inh per digit: ${result.eInhClampsPerSample} in training, ${result.testEInhClampsPerSample} on the evaluation digits`);
    console.log(`cost per digit (docs/cost.md): ${Math.round(record.trainCostSynOps ?? 0)} SynOps in training, ${Math.round(record.testCostSynOps ?? 0)} on the evaluation digits (${round(record.testCostSimMs ?? 0, 1)} simulated ms, ${Math.round(record.testCostWallUs ?? 0)} wall us)`);
    console.log(`decision time: ${DECISION_MS.filter((ms) => record[`accuracyAt${ms}Ms`] !== undefined)
      .map((ms) => `${record[`accuracyAt${ms}Ms`]!.toFixed(1)} % after ${ms} ms`).join(", ")}`);
  }
  return 0;
}

/** The readouts beyond all-activity and proportion (analysis/readouts.ts) that the record has a column for. */
const otherReadouts = (record: RunRecord): Readout[] => READOUTS.slice(2).filter((r) => readoutAccuracy(record, r) !== undefined);
const readoutAccuracy = (record: RunRecord, r: Readout): number => record[r.column as keyof RunRecord] as number;

/** Refuse, before any training, a file path the result could not be written to (a folder, or a parent that is a file). */
function checkWritableFile(path: string, option: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${option} ${path} is a folder: give a file name (e.g. ${join(path, "net.snn")})`);
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new UsageError(`${option} ${path}: ${dir} is a file, not a folder`);
      try {
        accessSync(dir, constants.W_OK);
      } catch {
        throw new UsageError(`${option} ${path}: the folder ${dir} is not writable`);
      }
      return;
    }
    if (dirname(dir) === dir) return;
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The record's cost and decision-time fields, rounded (absent ones left out). */
function costFields(record: RunRecord): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === "number" && /Cost|^accuracyAt|^synOpsAt/.test(key)) out[key] = round(value, 2);
  }
  return out;
}
