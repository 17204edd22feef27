/** A state monitor's series (core/monitor.ts) as lines over presentation time. Data in, plotly spec out. */
import { MonitorVariable, StateMonitor } from "../core/monitor";
import { PLOTLY_COLOURS } from "./palette";
import { FigureSpec } from "./spec";

const UNITS: Record<MonitorVariable, string> = { v: "mV", ge: "conductance", gi: "conductance", theta: "mV", threshold: "mV", post1: "trace" };

/**
 * `variable` of every monitored neuron against presentation time: the presentations one after another (rest periods
 * are not recorded), `presentSteps` steps of `dtMs` each; a dotted line where a presentation starts.
 */
export function monitorFigure(m: StateMonitor, variable: MonitorVariable, dtMs: number, presentSteps: number,
  title = `${m.layer} ${variable} of neurons ${m.neurons.join(", ")}`): FigureSpec {
  const x = m.step.map((s, k) => (m.presentation[k] * presentSteps + s) * dtMs);
  const starts = [...new Set(m.presentation)].slice(1).map((p) => p * presentSteps * dtMs);
  return {
    data: m.neurons.map((j, q) => ({
      type: "scatter", mode: "lines", name: `neuron ${j}`, x, y: m.series(variable, q).map((v) => (Number.isFinite(v) ? v : null)),
      line: { color: PLOTLY_COLOURS[q % PLOTLY_COLOURS.length], width: 1 },
    })),
    layout: {
      title: { text: title }, height: 360,
      xaxis: { title: { text: "presentation time (ms; rest periods left out)" } }, yaxis: { title: { text: `${variable} (${UNITS[variable]})` } },
      shapes: starts.map((s) => ({ type: "line", x0: s, x1: s, yref: "paper", y0: 0, y1: 1, line: { dash: "dot", width: 1, color: "#999" } })),
      legend: { orientation: "h", y: -0.25 },
    },
  };
}
