/** Bar chart of the number of digits of each class per data set part. Data in, plotly spec out. */
import { FigureSpec } from "./spec";

export interface CountSeries {
  name: string;
  /** Digits per class 0..9. */
  counts: number[];
}

export function classCountsFigure(series: CountSeries[], title = "Digits per class"): FigureSpec {
  return {
    data: series.map((s) => ({
      type: "bar", name: s.name, x: s.counts.map((_, c) => String(c)), y: s.counts,
    })),
    layout: {
      title: { text: title }, barmode: "group",
      xaxis: { title: { text: "class" }, type: "category" }, yaxis: { title: { text: "digits" } },
      legend: { orientation: "h", y: -0.3 }, height: 400,
    },
  };
}
