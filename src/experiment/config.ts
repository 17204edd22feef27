/**
 * What defines one run: everything that affects its numbers. A run trains one network through `epochs` passes over
 * `trainSamples` digits and evaluates snapshots at the training amounts in `snapshots` (digits seen, counted across
 * passes). Each evaluated snapshot yields one record.
 */
import { validatePreset } from "../core/derived";
import { presetFromLabel } from "../core/overrides";
import { canonicalDataset, DATASETS, DatasetName, datasetSizes, evaluationDigitsAvailable, idxFolderOf, trainingDigitsAvailable } from "../data/datasets";

export interface RunConfig {
  neurons: number;
  /**
   * Preset name (see core/params.ts), or a name with overrides of its values: `diehl-cook-2015+exc.tauThetaMs=100000000`
   * (see core/overrides.ts; presetLabel builds it).
   */
  preset: string;
  dataset: DatasetName;
  /** Training digits per pass (the first ones of the dataset's training order). */
  trainSamples: number;
  /** Passes over the training digits (default 1). */
  epochs: number;
  /** Test digits (the first ones of the dataset's test order). */
  testSamples: number;
  seed: number;
  /** Training digits used to assign labels at intermediate snapshots (the first ones); the last snapshot uses all. */
  labelSamples: number;
  /** Training amounts (digits seen) at which to evaluate; sorted, each in [1, trainSamples * epochs]. */
  snapshots: number[];
  /**
   * Evaluate on a validation split instead of the test digits: the last `testSamples` digits of the training split
   * are held out (never trained on, never used for labels). For choices made without looking at the test digits.
   */
  validation?: boolean;
  /**
   * Present the training digits in an order shuffled with this seed (one permutation of the digits available for
   * training, the same in every pass; held-out validation digits stay out of it). Absent: the dataset's order.
   */
  shuffleSeed?: number;
  /**
   * Present the evaluation digits this many times (default 1), each time with fresh Poisson noise (the frozen network's
   * input stream goes on), and measure accuracy over all testRepeats x testSamples presentations, as Diehl's 400- and
   * 6,400-neuron scripts test (the test digits 10 times). The labels are assigned once.
   */
  testRepeats?: number;
}

/** The largest testRepeats a run accepts (each repeat presents every evaluation digit once more). */
export const MAX_TEST_REPEATS = 100;

/** The testRepeats field as configs and records hold it: `{ testRepeats: K }` for K > 1, nothing for 1 (today's ids). */
export function testRepeatsField(k: number | undefined): { testRepeats?: number } {
  return (k ?? 1) > 1 ? { testRepeats: k } : {};
}

/** Training digits that assign labels at a run's intermediate snapshots, unless a sweep says otherwise (the last uses all). */
export const DEFAULT_LABEL_DIGITS = 10000;

/** The standard learning-curve amounts (digits seen), within a run's total. */
export const STANDARD_SNAPSHOTS = [100, 250, 500, 1000, 2000, 5000, 10000, 20000, 40000, 60000];

/**
 * The snapshot schedule of a run: the requested amounts within (0, total], plus the end of every pass, plus the total;
 * sorted, without duplicates.
 */
export function snapshotSchedule(requested: number[], trainSamples: number, epochs: number): number[] {
  const total = trainSamples * epochs;
  const set = new Set<number>();
  for (const a of requested) if (a > 0 && a <= total) set.add(a);
  for (let e = 1; e <= epochs; e++) set.add(e * trainSamples);
  return Array.from(set).sort((a, b) => a - b);
}

/** Check a run configuration; throws a RangeError naming the field and the rule. */
export function validateRunConfig(c: RunConfig): void {
  const int = (name: keyof RunConfig, min: number): void => {
    const v = c[name] as number;
    if (!Number.isInteger(v) || !(v >= min)) throw new RangeError(`run config: ${name} must be an integer >= ${min}, got ${v}`);
  };
  int("neurons", 1);
  int("trainSamples", 1);
  int("epochs", 1);
  int("testSamples", 1);
  int("seed", 0);
  int("labelSamples", 1);
  if (c.shuffleSeed !== undefined && !(Number.isInteger(c.shuffleSeed) && c.shuffleSeed >= 0 && c.shuffleSeed <= 0xffffffff)) {
    throw new RangeError(`run config: shuffleSeed must be an integer in [0, 2^32), got ${c.shuffleSeed}`);
  }
  if (c.testRepeats !== undefined && !(Number.isInteger(c.testRepeats) && c.testRepeats >= 1 && c.testRepeats <= MAX_TEST_REPEATS)) {
    throw new RangeError(`run config: testRepeats must be an integer in [1, ${MAX_TEST_REPEATS}], got ${c.testRepeats}`);
  }
  if (c.labelSamples > c.trainSamples) throw new RangeError(`run config: labelSamples ${c.labelSamples} exceeds trainSamples ${c.trainSamples}`);
  validatePreset(presetFromLabel(c.preset));
  if (!DATASETS.includes(canonicalDataset(c.dataset)) && idxFolderOf(c.dataset) === undefined) {
    throw new RangeError(`run config: unknown dataset "${c.dataset}": use one of ${DATASETS.join(", ")}, or idx:DIR`);
  }
  const sizes = datasetSizes(c.dataset);
  const evaluable = evaluationDigitsAvailable(c.dataset, Boolean(c.validation));
  if (c.testSamples > evaluable) throw new RangeError(`run config: ${c.testSamples} evaluation digits requested, dataset "${c.dataset}" has ${c.validation ? sizes.train : sizes.test}${c.validation ? " training digits (at least one must remain for training)" : ""}`);
  const available = trainingDigitsAvailable(c.dataset, c.validation ? c.testSamples : 0);
  if (c.trainSamples > available) {
    throw new RangeError(`run config: ${c.trainSamples} training digits requested, dataset "${c.dataset}" has ${available}${c.validation ? ` once ${c.testSamples} are held out for validation` : ""}`);
  }
  const total = c.trainSamples * c.epochs;
  for (const a of c.snapshots) {
    if (!Number.isInteger(a) || a < 1 || a > total) throw new RangeError(`run config: snapshot ${a} must be an integer in [1, ${total}]`);
  }
}
