/**
 * Training with a live view (notebook 01): every few hundred digits the receptive fields, a running accuracy estimate
 * and the map of the neurons' classes are redrawn in place while the network learns.
 */
import { Assignment, assignLabels, predictAllActivity } from "../analysis/labels";
import { accuracyPercent } from "../analysis/metrics";
import { Network } from "../core/network";
import { Digits } from "../data/digits";
import { joinResponses, PhaseStats, Responses, sumStats, trainRecording } from "../experiment/phases";
import { receptiveFieldGrid } from "../figures/digits";
import { PLOTLY_COLOURS } from "../figures/palette";
import { grayImageHtml, liveHtml } from "./display";
import { chunkFor, untilInterrupted } from "./interrupt";
import { sayTrainingInterrupted } from "./run";

export interface LiveViewOptions {
  /** Redraw every this many digits (default 500). */
  every?: number;
  /** Receptive fields drawn (default: up to 100 neurons). */
  fields?: number;
}


/** The neurons as a grid of cells, each coloured by its class and showing it ("" for unassigned). */
export function assignmentMapHtml(labels: Int8Array, columns = Math.ceil(Math.sqrt(labels.length))): string {
  const cells = Array.from(labels, (c, j) => `<td title="neuron ${j}: ${c < 0 ? "no class" : `class ${c}`}" style="width:14px;height:14px;padding:0;text-align:center;font-size:9px;color:#fff;background:${c < 0 ? "#ccc" : PLOTLY_COLOURS[c]}">${c < 0 ? "" : c}</td>`);
  const rows: string[] = [];
  for (let k = 0; k < cells.length; k += columns) rows.push(`<tr>${cells.slice(k, k + columns).join("")}</tr>`);
  return `<table style="border-collapse:separate;border-spacing:1px">${rows.join("")}</table>`;
}

/**
 * The running estimate: labels assigned on one window of training digits (counts recorded while learning), accuracy
 * of the next window predicted with them. An estimate of the trend only: the network changes within each window.
 */
export function runningEstimate(previous: Responses, current: Responses): { assignment: Assignment; accuracy: number } {
  const assignment = assignLabels(previous.counts, previous.labels, previous.neurons);
  return { assignment, accuracy: accuracyPercent(predictAllActivity(current.counts, current.samples, assignment), current.labels) };
}

/**
 * Train on the first `samples` digits (learning on) and redraw, every `every` digits, the receptive fields, the running
 * accuracy estimate and the assignment map in one output. Kernel -> Interrupt stops at a digit boundary, as
 * trainWithProgress does.
 */
export async function trainWithLiveView(net: Network, digits: Digits, samples = digits.count, options: LiveViewOptions = {}): Promise<PhaseStats> {
  const every = options.every ?? 500;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`trainWithLiveView: every must be an integer >= 1, got ${every}`);
  const fields = Math.min(net.neurons, options.fields ?? 100);
  const view = liveHtml();
  const estimates: string[] = [];
  const draw = (done: number, rate: number, labels?: Int8Array) => {
    const grid = receptiveFieldGrid(net.exportState().arrays.weights, net.neurons, fields);
    view(`<div style="font-family:sans-serif">
<div><b>${done} of ${samples}</b> training digits, ${rate.toFixed(0)} digits/s. Running estimate (labels from the previous ${every} digits, counted while learning): ${estimates.length ? estimates.join(" → ") : "after two windows"}</div>
<div style="display:flex;gap:24px;align-items:flex-start;margin-top:6px">
<div><div>receptive fields (${fields} neurons)</div>${grayImageHtml(grid, "receptive fields")}</div>
<div><div>assigned classes (running)</div>${labels ? assignmentMapHtml(labels) : "<i>after the first window</i>"}</div>
</div></div>`);
  };
  return untilInterrupted(async (signal) => {
    const stats: PhaseStats[] = [];
    let window: Responses[] = [];
    let previous: Responses | undefined;
    let labels: Int8Array | undefined;
    let done = 0;
    draw(0, 0);
    while (done < samples && !signal.aborted) {
      const rate = done > 0 ? sumStats(stats).samplesPerSec : NaN;
      const inWindow = window.reduce((n, p) => n + p.samples, 0);
      const n = Math.min(chunkFor(rate), samples - done, every - inWindow);
      const part = trainRecording(net, digits, { start: done, samples: n });
      stats.push(part.stats);
      window.push(part);
      done += n;
      if (inWindow + n === every || done === samples) {
        const current = joinResponses(window, net.neurons);
        if (previous) {
          const estimate = runningEstimate(previous, current);
          labels = estimate.assignment.labels;
          estimates.push(`${estimate.accuracy.toFixed(0)} %`);
          if (estimates.length > 12) estimates.shift();
        } else labels = assignLabels(current.counts, current.labels, current.neurons).labels;
        previous = current;
        window = [];
        draw(done, sumStats(stats).samplesPerSec, labels);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (done < samples) {
      draw(done, sumStats(stats).samplesPerSec, labels);
      sayTrainingInterrupted(done, samples, `training ${net.neurons} neurons (live view)`);
    }
    return sumStats(stats);
  });
}
