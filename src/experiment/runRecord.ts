/** What a run records at each evaluated snapshot (run.ts writes them; the store keeps them with their identity). */
/** One evaluated snapshot. */
export interface RunRecord {
  /** Training digits seen when the snapshot was taken (across passes). */
  trainedSamples: number;
  /** Passes completed (fractional inside a pass). */
  epochsDone: number;
  labelSamples: number;
  testSamples: number;
  /** All-activity accuracy on the evaluation digits (the test digits, or the validation digits), percent. */
  accuracy: number;
  accuracyProportion: number;
  /**
   * With testRepeats > 1 (accuracy is then over all repeats): the accuracies of the first presentation of each digit
   * alone, which are what the same run with testRepeats 1 reports. Absent with one presentation.
   */
  accuracyFirstRepeat?: number;
  accuracyProportionFirstRepeat?: number;
  /**
   * The other readouts' accuracies (analysis/readouts.ts; means over the repeats as `accuracy`): confidence weighting,
   * nearest filter, pairs of consecutive spikes. Absent in records stored before they existed.
   */
  accuracyConfidence?: number;
  accuracyDistance?: number;
  accuracyNgram2?: number;
  /** A folder data set's content hash, of the files the run read (RunData.dataHash). */
  dataHash?: string;
  unassignedNeurons: number;
  /** Training so far: presentations per digit (retry rule), digits that hit the retry cap, spikes per digit. */
  presentationsPerSample: number;
  cappedDigits: number;
  excSpikesPerSample: number;
  /** Spikes per test digit (frozen network). */
  testSpikesPerSample: number;
  /**
   * Excitatory updates clamped at eInh (the conductance model's safety; Totals.eInhClamps) per digit: in training so
   * far, and on the evaluation digits. Absent in records stored before the count existed.
   */
  eInhClampsPerSample?: number;
  testEInhClampsPerSample?: number;
  /**
   * What a digit costs (docs/cost.md), per digit, every presentation (retries) and its rest period included: input,
   * excitatory and inhibitory spikes, SynOps (analysis/cost.ts), simulated milliseconds and wall microseconds; for
   * training so far (train...) and on the evaluation digits (test...). Absent in records stored before they existed.
   */
  trainCostInputSpikes?: number;
  trainCostExcSpikes?: number;
  trainCostInhSpikes?: number;
  trainCostSynOps?: number;
  trainCostSimMs?: number;
  trainCostWallUs?: number;
  testCostInputSpikes?: number;
  testCostExcSpikes?: number;
  testCostInhSpikes?: number;
  testCostSynOps?: number;
  testCostSimMs?: number;
  testCostWallUs?: number;
  /**
   * Accuracy (all-activity, percent) and SynOps per digit when the reader decides after 25 ... 350 ms of the
   * classifying presentation (DECISION_MS; only the times within the preset's presentation). Absent in older records.
   */
  accuracyAt25Ms?: number;
  accuracyAt50Ms?: number;
  accuracyAt100Ms?: number;
  accuracyAt200Ms?: number;
  accuracyAt350Ms?: number;
  synOpsAt25Ms?: number;
  synOpsAt50Ms?: number;
  synOpsAt100Ms?: number;
  synOpsAt200Ms?: number;
  synOpsAt350Ms?: number;
  trainSeconds: number;
  trainSamplesPerSec: number;
  evalSeconds: number;
  evalSamplesPerSec: number;
}
