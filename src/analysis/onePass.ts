import { FULL_TRAIN } from "../data/datasets";

/**
 * The records of one-pass runs over all 60,000 training digits: the comparison point that the Fashion-MNIST figures
 * and notebook 07 draw MNIST's curves from.
 */
export interface OnePassFields {
  preset: string;
  epochs: number;
  trainSamples: number;
  neurons: number;
}

/** Records of `preset` (by its exact label) from runs of one pass over 60,000 digits, at the given sizes only. */
export function onePassRecords<R extends OnePassFields>(records: readonly R[], preset: string, neurons: readonly number[]): R[] {
  return records.filter((r) => r.preset === preset && r.epochs === 1 && r.trainSamples === FULL_TRAIN && neurons.includes(r.neurons));
}
