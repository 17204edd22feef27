/**
 * Figures for looking inside a trained network: accuracy per class, the distributions of its weights and thresholds,
 * and a gallery of the digits it got wrong (each with its true and predicted class). Data in, plotly spec or pixels out.
 */
import { Digits, selectDigits } from "../data/digits";
import { digitGrid } from "./digits";
import { FigureSpec } from "./spec";

/** Accuracy per true class as bars, the overall accuracy as a line. */
export function perClassAccuracyFigure(perClass: number[], overall: number, title = "Accuracy per class"): FigureSpec {
  return {
    data: [
      { type: "bar", name: "per class", x: perClass.map((_, c) => String(c)), y: perClass, hovertemplate: "class %{x}: %{y:.1f} %<extra></extra>" },
      { type: "scatter", mode: "lines", name: `overall ${overall.toFixed(2)} %`, x: perClass.map((_, c) => String(c)), y: perClass.map(() => overall), line: { dash: "dot", color: "#444" } },
    ],
    layout: {
      title: { text: title }, height: 360, xaxis: { title: { text: "true class" }, type: "category" },
      yaxis: { title: { text: "accuracy (%)" }, range: [Math.max(0, Math.min(...perClass.filter(Number.isFinite)) - 5), 100] },
      legend: { orientation: "h", y: -0.25 },
    },
  };
}

/**
 * A histogram of values (weights, thresholds), optionally several named sets overlaid, binned here over their common
 * range (the figure holds the counts, not the values: 78,400 weights of 100 neurons would weigh a megabyte).
 */
export function histogramFigure(sets: { name: string; values: ArrayLike<number> }[], xTitle: string, title = `Distribution of ${xTitle}`, bins = 60): FigureSpec {
  let lo = Infinity, hi = -Infinity;
  for (const s of sets) for (let k = 0; k < s.values.length; k++) { lo = Math.min(lo, s.values[k]); hi = Math.max(hi, s.values[k]); }
  if (!(hi > lo)) hi = lo + 1;
  const width = (hi - lo) / bins;
  const centres = Array.from({ length: bins }, (_, b) => lo + (b + 0.5) * width);
  return {
    data: sets.map((s) => {
      const counts = new Array<number>(bins).fill(0);
      for (let k = 0; k < s.values.length; k++) counts[Math.min(bins - 1, Math.floor((s.values[k] - lo) / width))]++;
      return { type: "bar", name: s.name, x: centres, y: counts, width, opacity: sets.length > 1 ? 0.6 : 1 };
    }),
    layout: {
      title: { text: title }, height: 360, barmode: "overlay", bargap: 0,
      xaxis: { title: { text: xTitle } }, yaxis: { title: { text: "count" } }, legend: { orientation: "h", y: -0.25 },
    },
  };
}

/**
 * The first `count` of `indices` (samples of `digits`) in a grid, with a caption per image "true -> predicted" in
 * reading order (the grid's pixels: showGrayImage / encodeGrayPng).
 */
export function misclassifiedGallery(digits: Digits, indices: number[], predicted: ArrayLike<number>, count = 30, columns = 10, zoom = 2) {
  const shown = indices.slice(0, count);
  const grid = shown.length > 0 ? digitGrid(selectDigits(digits, Int32Array.from(shown)), shown.length, columns, zoom) : undefined;
  return { grid, captions: shown.map((k) => `#${k}: ${digits.labels[k]} -> ${predicted[k]}`) };
}
