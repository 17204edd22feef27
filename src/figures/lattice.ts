/**
 * Figures of the lattice map SNN (core/lattice.ts): the class each neuron learned, drawn where it sits on the lattice;
 * the inhibition level over training for each schedule; accuracy by readout. Data in, plotly spec out.
 */
import { Assignment } from "../analysis/labels";
import { READOUTS } from "../analysis/readouts";
import { RunningPoint } from "../analysis/runningAccuracy";
import { meanSd } from "../analysis/summary";
import { inhibitionLevel, latticeSide } from "../core/lattice";
import { InhibitionSchedule } from "../core/presetTypes";
import { PLOTLY_COLOURS } from "./palette";
import { FigureSpec } from "./spec";

/** The class of each neuron at its lattice place (row k div side, column k mod side); unassigned neurons blank. */
export function latticeLabelMapFigure(a: Assignment, title = "Classes on the lattice"): FigureSpec {
  const side = latticeSide(a.neurons, "latticeLabelMapFigure");
  const rows = Array.from({ length: side }, (_, r) => Array.from({ length: side }, (_, c) => {
    const label = a.labels[r * side + c];
    return label >= 0 ? label : null;
  }));
  const colorscale = PLOTLY_COLOURS.flatMap((colour, k) => [[k / 10, colour], [(k + 1) / 10, colour]]);
  return {
    data: [{
      type: "heatmap", z: rows, zmin: -0.5, zmax: 9.5, colorscale, showscale: true,
      colorbar: { title: { text: "class" }, tickvals: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
      text: rows.map((row) => row.map((l) => (l === null ? "" : String(l)))), texttemplate: "%{text}",
      hovertemplate: "row %{y}, column %{x}: class %{z}<extra></extra>",
    }],
    layout: {
      title: { text: title }, width: 520, height: 480,
      xaxis: { title: { text: "lattice column" }, constrain: "domain" },
      yaxis: { title: { text: "lattice row" }, autorange: "reversed", scaleanchor: "x" },
    },
  };
}

/** The share of lattice neighbours (right and below) that learned the same class: 1 = one class per region. */
export function neighbourAgreement(a: Assignment): number {
  const side = latticeSide(a.neurons, "neighbourAgreement");
  let same = 0, pairs = 0;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const here = a.labels[r * side + c];
      for (const [rr, cc] of [[r, c + 1], [r + 1, c]]) {
        if (rr >= side || cc >= side) continue;
        const there = a.labels[rr * side + cc];
        if (here < 0 || there < 0) continue;
        pairs++;
        if (here === there) same++;
      }
    }
  }
  return pairs > 0 ? same / pairs : 0;
}

/** The lattice inhibition's level c against learned digits for each named schedule (cap: its preset's wInhExc). */
export function inhibitionScheduleFigure(schedules: { name: string; schedule: InhibitionSchedule; cap: number }[], trainingDigits: number,
  title = "Lattice inhibition level over training"): FigureSpec {
  const step = Math.max(1, Math.floor(trainingDigits / 400));
  const x: number[] = [];
  for (let d = 0; d <= trainingDigits; d += step) x.push(d);
  return {
    data: schedules.map((s, k) => ({
      type: "scatter", mode: "lines", name: s.name, x, y: x.map((d) => inhibitionLevel(s.schedule, d, trainingDigits, s.cap)),
      line: { color: PLOTLY_COLOURS[k % PLOTLY_COLOURS.length], shape: "hv" },
    })),
    layout: {
      title: { text: title }, height: 360,
      xaxis: { title: { text: `digits learned (of ${trainingDigits.toLocaleString("en")})` } },
      yaxis: { title: { text: "c (weight = min(cap, c sqrt(d)))" }, rangemode: "tozero" },
    },
  };
}

/** What readoutFigure draws: records of one network (series name) with an accuracy column per readout. */
export interface ReadoutSeries {
  name: string;
  /** Records (or any objects) with the readouts' accuracy fields (accuracy, accuracyProportion, ...). */
  records: readonly object[];
}

/** Accuracy by readout (mean +- sd over the records that have the column, n in the hover), one bar group per readout. */
export function readoutFigure(series: ReadoutSeries[], title = "Accuracy by readout"): FigureSpec {
  return {
    data: series.map((s, k) => {
      const stats = READOUTS.map((r) => {
        const values = s.records.map((rec) => (rec as Record<string, unknown>)[r.column]).filter((v): v is number => typeof v === "number");
        return values.length > 0 ? meanSd(values) : { mean: 0, sd: 0, n: 0 };
      });
      return {
        type: "bar", name: s.name, x: READOUTS.map((r) => r.name), y: stats.map((m) => (m.n > 0 ? m.mean : null)),
        error_y: { type: "data", array: stats.map((m) => (m.n > 1 ? m.sd : 0)), visible: true },
        customdata: stats.map((m) => m.n), hovertemplate: "%{x}: %{y:.2f} % (n = %{customdata})<extra>" + s.name + "</extra>",
        marker: { color: PLOTLY_COLOURS[k % PLOTLY_COLOURS.length] },
      };
    }),
    layout: {
      title: { text: title }, height: 380, barmode: "group",
      xaxis: { title: { text: "readout" }, type: "category" }, yaxis: { title: { text: "accuracy (%)" } },
    },
  };
}

/** Running accuracy over training (analysis/runningAccuracy.ts), one line per network. */
export function runningAccuracyFigure(series: { name: string; points: readonly RunningPoint[] }[],
  title = "Running accuracy during training (labels of the windows before each window of 250 digits)"): FigureSpec {
  return {
    data: series.map((s, k) => ({
      type: "scatter", mode: "lines", name: s.name, x: s.points.map((p) => p.digits), y: s.points.map((p) => p.accuracy),
      line: { color: PLOTLY_COLOURS[k % PLOTLY_COLOURS.length] },
    })),
    layout: {
      title: { text: title }, height: 380,
      xaxis: { title: { text: "training digits" } }, yaxis: { title: { text: "accuracy on the window (%)" }, range: [0, 100] },
    },
  };
}
