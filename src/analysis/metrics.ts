/** Accuracy and confusion of predictions against labels. */

/** Percentage of samples whose prediction equals the label (0 for no samples is an error). */
export function accuracyPercent(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predicted.length !== labels.length) {
    throw new RangeError(`accuracyPercent: ${predicted.length} predictions for ${labels.length} labels`);
  }
  if (labels.length === 0) throw new RangeError("accuracyPercent: no samples");
  let right = 0;
  for (let k = 0; k < labels.length; k++) if (predicted[k] === labels[k]) right++;
  return (100 * right) / labels.length;
}

/** classes x classes counts, row = true class, column = predicted class. */
export function confusionMatrix(predicted: ArrayLike<number>, labels: ArrayLike<number>, classes = 10): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let k = 0; k < labels.length; k++) m[labels[k]][predicted[k]]++;
  return m;
}

/** Percent right per true class (NaN for a class with no samples). */
export function perClassAccuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>, classes = 10): number[] {
  if (predicted.length !== labels.length) throw new RangeError(`perClassAccuracy: ${predicted.length} predictions for ${labels.length} labels`);
  const right = new Array<number>(classes).fill(0), total = new Array<number>(classes).fill(0);
  for (let k = 0; k < labels.length; k++) {
    total[labels[k]]++;
    if (predicted[k] === labels[k]) right[labels[k]]++;
  }
  return total.map((n, c) => (n > 0 ? (100 * right[c]) / n : NaN));
}

/** The indices of the samples predicted wrong (in order), at most `limit`. */
export function misclassified(predicted: ArrayLike<number>, labels: ArrayLike<number>, limit = Infinity): number[] {
  const out: number[] = [];
  for (let k = 0; k < labels.length && out.length < limit; k++) if (predicted[k] !== labels[k]) out.push(k);
  return out;
}
