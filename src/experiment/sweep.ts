/**
 * A sweep: a grid of network sizes x seeds (x training amounts, as snapshots of each run) for one preset and data set.
 * Each (neurons, seed) pair is one run that trains once and is evaluated at every requested training amount, so the
 * whole accuracy-versus-training curve costs one training run.
 */
import { canonicalDataset, datasetSizes, evaluationDigitsAvailable, trainingDigitsAvailable } from "../data/datasets";
import { DatasetName } from "../data/mnist";
import { DEFAULT_LABEL_DIGITS, RunConfig, snapshotSchedule, STANDARD_SNAPSHOTS, testRepeatsField, validateRunConfig } from "./config";
import { cellId } from "./records";

export interface SweepSpec {
  neurons: number[];
  /** Seeds of the runs (e.g. [1, 2, 3]). */
  seeds: number[];
  preset: string;
  dataset: DatasetName;
  /** Training amounts (digits seen) at which to evaluate. */
  trainAmounts: number[];
  /** Training digits per pass: default the largest amount (one pass), or the whole training split when epochs > 1. */
  trainSamples?: number;
  /** Passes over the training digits (default 1). */
  epochs?: number;
  testSamples: number;
  /** Label digits at intermediate snapshots (default 10,000; the final snapshot uses all training digits). */
  labelSamples?: number;
  /** Evaluate on the last testSamples training digits instead of the test digits (see RunConfig.validation). */
  validation?: boolean;
  /** Train every run in an order shuffled with this seed (see RunConfig.shuffleSeed). */
  shuffleSeed?: number;
  /** Present the evaluation digits this many times per snapshot (see RunConfig.testRepeats; default 1). */
  testRepeats?: number;
}

/** The default snapshots of a sweep over `available` training digits: 1k, 2k, 5k, 10k, 20k, 40k below it, and it. */
export function defaultTrainAmounts(available: number): number[] {
  return [...[1000, 2000, 5000, 10000, 20000, 40000].filter((a) => a < available), available];
}

/**
 * A sweep spec from the fields a researcher usually sets, the rest defaulted: seeds 1-3, the `diehl-cook-2015`
 * preset, the embedded `mnist` digits, all of the dataset's test digits, snapshots at 1,000, 2,000, 5,000, 10,000,
 * 20,000 and 40,000 digits up to the whole training split (fewer held-out digits with `validation`).
 * Example: `sweepSpec({ neurons: [100, 400], dataset: "mnist-full", trainAmounts: [10000, 60000] })`.
 */
export function sweepSpec(fields: Partial<SweepSpec> & Pick<SweepSpec, "neurons">): SweepSpec {
  const dataset = canonicalDataset(fields.dataset ?? "mnist-10k");
  const testSamples = fields.testSamples ?? datasetSizes(dataset).test;
  const available = trainingDigitsAvailable(dataset, fields.validation ? testSamples : 0);
  const trainAmounts = fields.trainAmounts ?? defaultTrainAmounts(available);
  return { seeds: [1, 2, 3], preset: "diehl-cook-2015", ...fields, dataset, testSamples, trainAmounts };
}

/** The runs of a sweep, largest networks first (so that the longest runs start early on the worker pool). */
export function sweepRuns(spec: SweepSpec): RunConfig[] {
  const epochs = spec.epochs ?? 1;
  const amounts = spec.trainAmounts.length > 0 ? spec.trainAmounts : STANDARD_SNAPSHOTS;
  const available = trainingDigitsAvailable(spec.dataset, spec.validation ? spec.testSamples : 0);
  const trainSamples = spec.trainSamples ?? (epochs > 1 ? available : Math.max(...amounts));
  if (trainSamples > available) {
    throw new RangeError(`sweep: ${trainSamples} training digits requested, dataset "${spec.dataset}" has ${available}${spec.validation ? ` once ${spec.testSamples} are held out for validation` : ""}`);
  }
  const evaluable = evaluationDigitsAvailable(spec.dataset, Boolean(spec.validation));
  if (!spec.validation && spec.testSamples > evaluable) throw new RangeError(`sweep: ${spec.testSamples} test digits requested, dataset "${spec.dataset}" has ${evaluable}`);
  const runs: RunConfig[] = [];
  for (const neurons of [...spec.neurons].sort((a, b) => b - a)) {
    for (const seed of spec.seeds) {
      const config: RunConfig = {
        neurons, seed, preset: spec.preset, dataset: canonicalDataset(spec.dataset), trainSamples, epochs, testSamples: spec.testSamples,
        labelSamples: Math.min(spec.labelSamples ?? DEFAULT_LABEL_DIGITS, trainSamples),
        snapshots: snapshotSchedule(amounts, trainSamples, epochs),
        ...(spec.validation ? { validation: true } : {}),
        ...(spec.shuffleSeed !== undefined ? { shuffleSeed: spec.shuffleSeed } : {}),
        ...testRepeatsField(spec.testRepeats),
      };
      validateRunConfig(config);
      runs.push(config);
    }
  }
  return runs;
}

/** The snapshot amounts of a run whose records are not yet stored. */
export function missingAmounts(c: RunConfig, has: (cellId: string) => boolean): number[] {
  return c.snapshots.filter((a) => !has(cellId(c, a)));
}

/** Relative cost of a run (for ETAs and scheduling): digits presented times network size, roughly. */
export function runCost(c: RunConfig): number {
  return (c.trainSamples * c.epochs + c.snapshots.length * (c.labelSamples + c.testSamples * (c.testRepeats ?? 1))) * (c.neurons + 300);
}
