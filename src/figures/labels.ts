/** Figures of label assignment and classification: neurons per class, confusion matrix. Data in, plotly spec out. */
import { Assignment } from "../analysis/labels";
import { FigureSpec } from "./spec";

/** How many neurons were assigned to each class (and how many stayed unassigned). */
export function neuronsPerClassFigure(a: Assignment, title = "Neurons assigned to each class"): FigureSpec {
  const counts = new Array<number>(a.classes).fill(0);
  let unassigned = 0;
  for (const c of a.labels) {
    if (c >= 0) counts[c]++;
    else unassigned++;
  }
  return {
    data: [{ type: "bar", x: [...counts.map((_, c) => String(c)), "none"], y: [...counts, unassigned], marker: { color: [...counts.map(() => "#1f77b4"), "#999"] } }],
    layout: { title: { text: title }, height: 340, xaxis: { title: { text: "class" }, type: "category" }, yaxis: { title: { text: "neurons" } } },
  };
}

/** Confusion matrix (rows: true class, columns: predicted), as percentages of each true class. */
export function confusionFigure(matrix: number[][], title = "Confusion matrix (% of each true class)"): FigureSpec {
  const pct = matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((n) => (total > 0 ? (100 * n) / total : 0));
  });
  const classes = matrix.map((_, c) => String(c));
  return {
    data: [{ type: "heatmap", z: pct, x: classes, y: classes, colorscale: "Blues", reversescale: true, hovertemplate: "true %{y}, predicted %{x}: %{z:.1f} %<extra></extra>" }],
    layout: {
      title: { text: title }, height: 440, width: 520,
      xaxis: { title: { text: "predicted" }, type: "category" }, yaxis: { title: { text: "true class" }, type: "category", autorange: "reversed" },
    },
  };
}
