/**
 * The LM-SNN code's running accuracy during training (github.com/djsaunde/lm-snn, csnn_two_level_inhibition.py:
 * assign_labels and get_current_performance): the training digits in windows of `window` (250); after each window the
 * per-class mean counts of its digits are added to a running matrix first multiplied by `decay` (0.9), and each neuron
 * takes the class of its largest entry (none while all are 0); the digits of the next window are predicted with those
 * labels (all-activity) as they are learned. What it measures is how fast labels become predictive during training,
 * on the training stream itself: not a held-out accuracy.
 */
import { Assignment, predictAllActivity } from "./labels";

export interface RunningPoint {
  /** Training digits seen at the end of the window. */
  digits: number;
  /** Percent of the window's digits predicted right by the labels of the windows before it. */
  accuracy: number;
}

/** Running accuracy per window after the first (counts: samples x neurons, each digit's counts while it was learned). */
export function runningAccuracy(counts: ArrayLike<number>, labels: ArrayLike<number>, neurons: number, window = 250, decay = 0.9,
  classes = 10): RunningPoint[] {
  const samples = labels.length;
  if (counts.length !== samples * neurons) throw new RangeError(`runningAccuracy: counts must hold ${samples} x ${neurons} values, got ${counts.length}`);
  if (!(Number.isInteger(window) && window >= 1)) throw new RangeError(`runningAccuracy: window must be a whole number >= 1, got ${window}`);
  const rates = new Float64Array(neurons * classes);
  const points: RunningPoint[] = [];
  for (let from = 0; from + window <= samples; from += window) {
    if (from > 0) {
      const a = currentAssignment(rates, neurons, classes);
      const slice = Array.prototype.slice.call(counts, from * neurons, (from + window) * neurons) as number[];
      const predicted = predictAllActivity(slice, window, a);
      let right = 0;
      for (let k = 0; k < window; k++) if (predicted[k] === labels[from + k]) right++;
      points.push({ digits: from + window, accuracy: (100 * right) / window });
    }
    accumulate(rates, counts, labels, from, window, neurons, classes, decay);
  }
  return points;
}

/** rates[:, c] = decay * rates[:, c] + the mean counts of the window's class-c digits (classes absent keep their rates). */
function accumulate(rates: Float64Array, counts: ArrayLike<number>, labels: ArrayLike<number>, from: number, window: number,
  neurons: number, classes: number, decay: number): void {
  const sums = new Float64Array(neurons * classes);
  const perClass = new Float64Array(classes);
  for (let k = from; k < from + window; k++) {
    const c = labels[k];
    perClass[c]++;
    for (let j = 0; j < neurons; j++) sums[j * classes + c] += counts[k * neurons + j];
  }
  for (let c = 0; c < classes; c++) {
    if (perClass[c] === 0) continue;
    for (let j = 0; j < neurons; j++) rates[j * classes + c] = rates[j * classes + c] * decay + sums[j * classes + c] / perClass[c];
  }
}

function currentAssignment(rates: Float64Array, neurons: number, classes: number): Assignment {
  const labels = new Int8Array(neurons).fill(-1);
  for (let j = 0; j < neurons; j++) {
    let best = -1, bestRate = 0;
    for (let c = 0; c < classes; c++) if (rates[j * classes + c] > bestRate) { bestRate = rates[j * classes + c]; best = c; }
    labels[j] = best;
  }
  return { labels, proportions: new Float64Array(neurons * classes), rates: rates.slice(), classes, neurons };
}
