/**
 * One run: train a network and evaluate snapshots along the way (a learning curve from a single training run).
 * At each snapshot the network is cloned; the clone assigns labels (learning off, theta frozen) on training digits and
 * is tested on the test digits, while the original continues training untouched, so the curve equals what separate
 * runs stopped at each amount would give.
 */
import { Network, NetworkLike, NetworkState } from "../core/network";
import { SplitNetwork } from "./splitNetwork";
import { Totals } from "../core/simulation";
import { presetFromLabel } from "../core/overrides";
import { createRng, shuffleInPlace } from "../random/rng";
import { synOps } from "../analysis/cost";
import { Assignment } from "../analysis/labels";
import { accuracyPercent } from "../analysis/metrics";
import { ReadoutData, ReadoutNetwork, READOUTS } from "../analysis/readouts";
import { assignFromResponses, DecisionPoint, Evaluation, evaluateDecisions, evaluateResponses, PhaseStats, respond, Responses, sumStats, train } from "./phases";
import { Digits, PIXELS, selectDigits } from "../data/digits";
import { datasetHash, trainingDigitsAvailable } from "../data/datasets";
import { loadMnist } from "../data/mnist";
import { Checkpointer } from "./checkpoint";
import { RunConfig, snapshotSchedule, validateRunConfig } from "./config";
import { FinishedEvaluation, SnapshotEvaluator, SnapshotFields } from "./evaluator";
import { RunRecord } from "./runRecord";

export type { RunRecord } from "./runRecord";

export interface RunHooks {
  onProgress?: (phase: "train" | "labels" | "test", done: number, total: number) => void;
  /** Called with each record as soon as it exists. */
  onRecord?: (record: RunRecord) => void;
  /** Skip evaluating the snapshots at these amounts (already stored). */
  skip?: Set<number>;
  kernels?: "wasm" | "ts";
  /**
   * Split the network across this many threads (splitNetwork.ts; default 1: the whole network in the run's thread).
   * The records are the same, bit for bit; only the wall-clock fields differ.
   */
  threads?: number;
  /** Called with the training network at each snapshot (for example to save it); do not modify it. */
  onSnapshot?: (net: NetworkLike, trainedSamples: number) => void;
  /** Save the network after each snapshot and resume from the last one (see checkpoint.ts). */
  checkpoint?: Checkpointer;
  /** Also save a checkpoint every this many training digits between snapshots (default: only at snapshots). */
  checkpointEvery?: number;
  /**
   * Evaluate snapshots beside training (evaluator.ts threadEvaluator; default: each snapshot is evaluated by the run
   * before it trains on). The records are the same either way. Snapshots evaluated beside training report no
   * "labels"/"test" progress.
   */
  evaluator?: SnapshotEvaluator;
}

export interface RunData {
  train: Digits;
  test: Digits;
  /** A folder data set's content hash (idx:DIR, fashion-mnist): of the files these digits were read from. */
  dataHash?: string;
}

/** Load the digits a run needs (with `validation`, the evaluation digits are the last testSamples training digits). */
export function loadRunData(c: RunConfig): RunData {
  const full = loadMnist({ dataset: c.dataset, test: c.validation ? 0 : c.testSamples });
  const all = full.train;
  const pool = Int32Array.from({ length: trainingDigitsAvailable(c.dataset, c.validation ? c.testSamples : 0) }, (_, k) => k);
  if (c.shuffleSeed !== undefined) shuffleInPlace(pool, createRng(c.shuffleSeed));
  const dataHash = datasetHash(c.dataset); // the loader's cache holds these files' digits and hash (idxFolder.ts)
  return {
    ...(dataHash !== undefined ? { dataHash } : {}),
    train: selectDigits(all, pool.subarray(0, c.trainSamples)),
    test: c.validation ? selectDigits(all, Int32Array.from({ length: c.testSamples }, (_, k) => all.count - c.testSamples + k)) : full.test,
  };
}

/** The decision times records report (ms into the classifying presentation). */
export const DECISION_MS = [25, 50, 100, 200, 350] as const;

/**
 * The record fields of a phase's cost per digit (RunRecord's train... and test... fields, without the prefix): the
 * spent sums of `s` over `digits`, and the phase's wall time per digit.
 */
export function costPerSample(s: Pick<PhaseStats, "spentInputSpikes" | "spentExcSpikes" | "spentInhSpikes" | "simulatedSteps">,
  digits: number, neurons: number, dtMs: number, secondsPerDigit: number) {
  const spikes = { inputSpikes: s.spentInputSpikes, excSpikes: s.spentExcSpikes, inhSpikes: s.spentInhSpikes };
  return {
    CostInputSpikes: spikes.inputSpikes / digits, CostExcSpikes: spikes.excSpikes / digits, CostInhSpikes: spikes.inhSpikes / digits,
    CostSynOps: synOps(spikes, neurons) / digits, CostSimMs: s.simulatedSteps * dtMs / digits, CostWallUs: secondsPerDigit * 1e6,
  };
}

/** `fields` with each key prefixed ("train" + "CostSynOps" = "trainCostSynOps"). */
function prefixed<T extends Record<string, number>>(prefix: string, fields: T): Record<string, number> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [prefix + k, v]));
}

/**
 * Evaluate a frozen copy of `net`: labels from the first `labelSamples` training digits, accuracy on `test` presented
 * `testRepeats` times in a row (default 1; fresh Poisson noise each time, one prediction per presentation). Each
 * repeat is evaluated as it ends and its responses dropped (10 repeats at 6,400 neurons would hold 2.6 GB of counts):
 * every repeat presents the same digits, so the accuracies over all presentations are the means of the repeats'
 * accuracies, and the spike and cost statistics are summed over the repeats. `evaluation` is the first repeat's.
 */
export function evaluateSnapshot(net: NetworkLike, data: RunData, labelSamples: number, hooks: RunHooks = {}, testRepeats = 1) {
  // a whole network (the spike orders of the n-gram readout are recorded by one): the same bits as a split one
  const frozen: NetworkLike = net.recordSpikeOrder ? net.clone() : Network.fromState(net.exportState(), net.kernelKind);
  const progress = (phase: "labels" | "test") => (done: number, total: number) => hooks.onProgress?.(phase, done, total);
  const decisionMs = DECISION_MS.filter((ms) => ms <= net.preset.presentMs);
  const perRepeat = data.test.count;
  let forLabels: Responses;
  let assignment: Assignment;
  const repeats: { evaluation: Evaluation; decisions: DecisionPoint[]; stats: PhaseStats; readouts: Record<string, number> }[] = [];
  try {
    forLabels = respond(frozen, data.train, { samples: labelSamples, onProgress: progress("labels"), spikeOrder: true });
    assignment = assignFromResponses(forLabels);
    const readouts = fitReadouts(forLabels, data.train, assignment, { weights: frozen.exportState().arrays.weights, normTotal: net.preset.normTotal });
    for (let r = 0; r < testRepeats; r++) {
      const onTest = respond(frozen, data.test, {
        onProgress: (done) => hooks.onProgress?.("test", r * perRepeat + done, testRepeats * perRepeat), decisionMs, spikeOrder: true,
      });
      repeats.push({
        evaluation: evaluateResponses(onTest, assignment), decisions: evaluateDecisions(onTest, assignment), stats: onTest.stats,
        readouts: readouts.accuracies(onTest, data.test),
      });
    }
  } finally {
    frozen.close?.();
  }
  const meanOf = (value: (r: (typeof repeats)[number]) => number) => repeats.reduce((sum, r) => sum + value(r), 0) / repeats.length;
  const test = sumStats(repeats.map((r) => r.stats));
  const seconds = forLabels.stats.seconds + test.seconds;
  const decisions: Record<string, number> = {};
  repeats[0].decisions.forEach((d, q) => {
    decisions[`accuracyAt${d.ms}Ms`] = meanOf((r) => r.decisions[q].accuracy);
    decisions[`synOpsAt${d.ms}Ms`] = meanOf((r) => r.decisions[q].synOpsPerSample);
  });
  const first = repeats[0].evaluation;
  return {
    cost: {
      ...prefixed("test", costPerSample(test, test.samples, net.neurons, net.preset.dtMs, test.seconds / test.samples)),
      ...decisions,
    } as Partial<RunRecord>,
    accuracy: meanOf((r) => r.evaluation.accuracy),
    accuracyProportion: meanOf((r) => r.evaluation.accuracyProportion),
    ...(testRepeats > 1 ? { accuracyFirstRepeat: first.accuracy, accuracyProportionFirstRepeat: first.accuracyProportion } : {}),
    readouts: Object.fromEntries(Object.keys(repeats[0].readouts).map((column) => [column, meanOf((r) => r.readouts[column])])),
    unassignedNeurons: assignment.labels.filter((c) => c < 0).length,
    testSpikesPerSample: test.excSpikes / test.samples,
    testEInhClampsPerSample: test.eInhClamps / test.samples,
    evalSeconds: seconds,
    evalSamplesPerSec: (forLabels.stats.samples + test.samples) / Math.max(seconds, 1e-9),
    assignment,
    evaluation: first,
  };
}

/**
 * The readouts other than all-activity and proportion (the Evaluation's), fitted on the label digits' responses; each
 * repeat's accuracies by record column. A readout that reads the pixels only (distance) gives the same predictions in
 * every repeat: computed once.
 */
function fitReadouts(labelled: Responses, labelDigits: Digits, assignment: Assignment, network: ReadoutNetwork) {
  const extra = READOUTS.filter((r) => r.column !== "accuracy" && r.column !== "accuracyProportion");
  const models = extra.map((r) => r.fit(readoutData(labelled, labelDigits), assignment, network));
  const fixed = new Map<string, number>();
  return {
    accuracies(onTest: Responses, testDigits: Digits): Record<string, number> {
      const data = readoutData(onTest, testDigits);
      return Object.fromEntries(extra.map((r, q) => {
        const pixelsOnly = r.needs.length === 1 && r.needs[0] === "images";
        const accuracy = (pixelsOnly ? fixed.get(r.column) : undefined) ?? accuracyPercent(r.predict(models[q], data), onTest.labels);
        if (pixelsOnly) fixed.set(r.column, accuracy);
        return [r.column, accuracy];
      }));
    },
  };
}

/** Responses to digits [0, samples) of `digits` as a readout sees them (with the digits' pixels). */
function readoutData(r: Responses, digits: Digits): ReadoutData {
  return { ...r, images: digits.images.subarray(0, r.samples * PIXELS) };
}

/**
 * Labels at a snapshot: the final one uses all training digits; an intermediate one the first
 * min(digits seen, labelSamples, trainSamples) (the digits a run stopped there would have had).
 */
export function labelSamplesAt(c: RunConfig, amount: number): number {
  return amount === c.trainSamples * c.epochs ? c.trainSamples : Math.min(amount, c.labelSamples, c.trainSamples);
}

/** A run's record at snapshot `amount`: the training so far (the network's totals then) and the snapshot's evaluation. */
function snapshotRecord(c: RunConfig, amount: number, labelSamples: number, t: Readonly<Totals>, trainSeconds: number, dtMs: number,
  ev: SnapshotFields): RunRecord {
  return {
    trainedSamples: amount,
    epochsDone: amount / c.trainSamples,
    labelSamples,
    testSamples: c.testSamples,
    accuracy: ev.accuracy,
    accuracyProportion: ev.accuracyProportion,
    ...(ev.accuracyFirstRepeat !== undefined ? { accuracyFirstRepeat: ev.accuracyFirstRepeat, accuracyProportionFirstRepeat: ev.accuracyProportionFirstRepeat } : {}),
    ...ev.readouts,
    unassignedNeurons: ev.unassignedNeurons,
    presentationsPerSample: t.presentations / t.digits,
    cappedDigits: t.cappedDigits,
    excSpikesPerSample: t.excSpikes / t.digits,
    testSpikesPerSample: ev.testSpikesPerSample,
    eInhClampsPerSample: t.eInhClamps / t.digits,
    testEInhClampsPerSample: ev.testEInhClampsPerSample,
    trainSeconds,
    trainSamplesPerSec: amount / Math.max(trainSeconds, 1e-9),
    evalSeconds: ev.evalSeconds,
    evalSamplesPerSec: ev.evalSamplesPerSec,
    // the training cost over the digits the totals counted it for (all, unless resumed from an older save)
    ...(t.costDigits > 0 ? prefixed("train", costPerSample(t, t.costDigits, c.neurons, dtMs, trainSeconds / amount)) : {}),
    ...ev.cost,
  };
}

/**
 * Train and evaluate every snapshot of the schedule; returns the records in the order of the schedule (each also
 * passed to hooks.onRecord as soon as it exists). With hooks.evaluator, snapshots before the last are evaluated beside
 * training when it accepts them (the same records; see evaluator.ts), each kept in the checkpoint folder until its
 * record exists, so that a killed run evaluates it again on resuming.
 */
export function runExperiment(c: RunConfig, hooks: RunHooks = {}, data: RunData = loadRunData(c)): RunRecord[] {
  validateRunConfig(c);
  const schedule = snapshotSchedule(c.snapshots, c.trainSamples, c.epochs);
  const total = c.trainSamples * c.epochs;
  const checkpoint = hooks.checkpoint;
  const evaluator = hooks.evaluator;
  let saved = checkpoint?.load();
  const waiting = new Map((saved ? checkpoint?.pending?.() ?? [] : []).map((s) => [s.totals.digits, s]));
  // A checkpoint is usable only if every snapshot before it has its record or a kept state to evaluate it from.
  if (saved && !schedule.every((a) => a >= saved!.totals.digits || hooks.skip?.has(a) || waiting.has(a))) saved = undefined;
  if (!saved) waiting.clear();
  const threads = hooks.threads ?? 1;
  const whole = () => (saved ? Network.fromState(saved, hooks.kernels)
    : new Network({ neurons: c.neurons, seed: c.seed, preset: presetFromLabel(c.preset), kernels: hooks.kernels, trainingDigits: total }));
  const net: NetworkLike = threads > 1 ? new SplitNetwork(saved ?? whole().exportState(), threads, hooks.kernels) : whole();
  let trainSeconds = saved?.meta?.trainSeconds ?? 0;
  let seen = net.totals.digits;
  const dtMs = net.preset.dtMs;
  const records: RunRecord[] = [];
  const finish = (amount: number, totals: Readonly<Totals>, secondsTrained: number, ev: SnapshotFields) => {
    const record = snapshotRecord(c, amount, labelSamplesAt(c, amount), totals, secondsTrained, dtMs, ev);
    if (data.dataHash !== undefined) record.dataHash = data.dataHash;
    records.push(record);
    hooks.onRecord?.(record);
    checkpoint?.dropPending?.(amount);
  };
  const collect = (done: FinishedEvaluation[]) => {
    for (const f of done) finish(f.amount, f.state.totals, f.state.meta?.trainSeconds ?? 0, f.fields);
  };
  /**
   * Evaluate the snapshot in `state` (taken at `amount`) beside training if the evaluator takes it, else now (on
   * `current`, the training network, when the snapshot is the network as it is).
   */
  const evaluate = (amount: number, state: () => NetworkState, current?: NetworkLike) => {
    const labelSamples = labelSamplesAt(c, amount);
    if (evaluator && amount < total) {
      const s = state();
      if (evaluator.submit({ config: c, amount, labelSamples, state: s, kernels: net.kernelKind })) {
        if (!waiting.has(amount)) checkpoint?.savePending?.(s);
        return;
      }
    }
    if (current) finish(amount, current.totals, trainSeconds, evaluateSnapshot(current, data, labelSamples, hooks, c.testRepeats));
    else {
      const s = state();
      finish(amount, s.totals, s.meta?.trainSeconds ?? 0, evaluateSnapshot(Network.fromState(s, net.kernelKind), data, labelSamples, hooks, c.testRepeats));
    }
  };
  try {
    // snapshots a killed run had handed to its evaluation thread, from their kept states
    for (const [amount, state] of [...waiting].sort((x, y) => x[0] - y[0])) {
      if (!hooks.skip?.has(amount)) evaluate(amount, () => state);
    }
    for (const amount of schedule) {
      if (amount < seen) continue;
      const every = hooks.checkpointEvery ?? Infinity;
      while (seen < amount) {
        const start = seen % c.trainSamples;
        const nextCheckpoint = Number.isFinite(every) ? (Math.floor(seen / every) + 1) * every : Infinity;
        const samples = Math.min(amount - seen, c.trainSamples - start, nextCheckpoint - seen);
        const base = seen;
        const stats = train(net, data.train, {
          start, samples, onProgress: (done) => {
            hooks.onProgress?.("train", base + done, total);
            if (evaluator?.pending) collect(evaluator.poll());
          },
        });
        trainSeconds += stats.seconds;
        seen += samples;
        if (seen === nextCheckpoint && seen < amount) checkpoint?.save(net, trainSeconds);
      }
      hooks.onSnapshot?.(net, amount);
      if (!hooks.skip?.has(amount) && !waiting.has(amount)) {
        evaluate(amount, () => {
          const s = net.exportState();
          s.meta = { trainSeconds };
          return s;
        }, net);
      }
      if (amount < total) checkpoint?.save(net, trainSeconds);
    }
    if (evaluator) collect(evaluator.drain());
  } catch (e) {
    // do not leave the evaluation thread holding a core or working for a run that has failed
    void evaluator?.close();
    net.close?.();
    throw e;
  }
  checkpoint?.done(net);
  net.close?.();
  return records.sort((x, y) => x.trainedSamples - y.trainedSamples);
}
