/**
 * The sizes behind each notebook's one `scale` setting: "quick" (the embedded digits, about a minute per notebook on
 * two cores) or "full" (mnist-full at the paper's sizes; hours, and the full-scale notebooks read and extend the
 * committed results store data/results/paper, so they compute only what is missing).
 */
import { EMBEDDED_TEST, EMBEDDED_TRAIN, FULL_TEST, FULL_TRAIN } from "../data/datasets";
import { SweepSpec } from "./sweep";

export type Scale = "quick" | "full";

export function checkScale(scale: string): Scale {
  if (scale !== "quick" && scale !== "full") throw new RangeError(`scale must be "quick" or "full", got "${scale}"`);
  return scale;
}

/**
 * The scale the notebooks run at unless a notebook sets its own: SNN_SCALE ("quick" or "full"; default "quick"), so
 * that `SNN_SCALE=full npm run notebooks` runs every notebook at paper scale.
 */
export function notebookScale(env: Record<string, string | undefined> = process.env): Scale {
  return checkScale(env.SNN_SCALE ?? "quick");
}

/** 01-network: one network trained on all training digits (quick: the 8,000 embedded ones, seconds). */
export function networkScale(scale: Scale) {
  return checkScale(scale) === "quick"
    ? { dataset: "mnist-10k" as const, neurons: 100, trainSamples: EMBEDDED_TRAIN, testSamples: EMBEDDED_TEST }
    : { dataset: "mnist-full" as const, neurons: 400, trainSamples: FULL_TRAIN, testSamples: FULL_TEST };
}

/** The committed store a notebook reads at full scale, where it is not the paper store. */
const FULL_STORES: Record<string, string> = { "05-cost": "data/results/cost", "06-sensitivity": "data/results/sensitivity", "07-fashion": "data/results/fashion" };

/** Results store of a notebook at a scale (full: the committed store its figures draw from). */
export function resultsDir(notebook: string, scale: Scale): string {
  return checkScale(scale) === "quick" ? `build/results/${notebook}-quick` : FULL_STORES[notebook] ?? "data/results/paper";
}

/** 02-neurons: accuracy against network size after one pass. */
export function neuronsSweep(scale: Scale): SweepSpec[] {
  if (checkScale(scale) === "quick") {
    return [{ neurons: [25, 50, 100, 200, 400], seeds: [1, 2], preset: "diehl-cook-2015", dataset: "mnist-10k", trainAmounts: [EMBEDDED_TRAIN], testSamples: EMBEDDED_TEST }];
  }
  const paper = (neurons: number[], epochs?: number): SweepSpec => ({
    neurons, seeds: [1, 2, 3], preset: "diehl-cook-2015", dataset: "mnist-full", epochs,
    trainAmounts: [1000, 2000, 5000, 10000, 20000, 40000, FULL_TRAIN], testSamples: FULL_TEST,
  });
  return [paper([100, 225, 625, 900]), paper([400], 3), paper([1600], 7), paper([6400], 15)];
}

/** 03-training: learning curves, one per network size. */
export function trainingSweep(scale: Scale): SweepSpec[] {
  if (checkScale(scale) === "quick") {
    return [{ neurons: [50, 100, 400], seeds: [1, 2], preset: "diehl-cook-2015", dataset: "mnist-10k", trainAmounts: [100, 250, 500, 1000, 2000, 4000, EMBEDDED_TRAIN], testSamples: 1000, labelSamples: EMBEDDED_TRAIN }];
  }
  return neuronsSweep("full");
}
