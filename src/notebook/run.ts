/**
 * Long work from a notebook with live progress: these functions await between chunks of digits (or run on worker
 * threads), so that the progress display updates while the cell runs.
 */
import { Network } from "../core/network";
import { PhaseStats, respond, Responses, sumStats, train } from "../experiment/phases";
import { Digits } from "../data/digits";
import { runSweep, SweepOutcome } from "../experiment/pool";
import { SweepSpec } from "../experiment/sweep";
import { progressBar, showMarkdown } from "./display";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Train on the first `samples` digits with a progress bar (learning on). */
export async function trainWithProgress(net: Network, digits: Digits, samples = digits.count, chunk = 50): Promise<PhaseStats> {
  const bar = progressBar(`training ${net.neurons} neurons`);
  const parts: PhaseStats[] = [];
  for (let start = 0; start < samples; start += chunk) {
    parts.push(train(net, digits, { start, samples: Math.min(chunk, samples - start) }));
    const sofar = sumStats(parts);
    bar(sofar.samples, samples, `${sofar.samplesPerSec.toFixed(0)} digits/s`);
    await tick();
  }
  return sumStats(parts);
}

/** Responses (learning off) to the first `samples` digits, with a progress bar. */
export async function respondWithProgress(net: Network, digits: Digits, samples = digits.count, label = "responses"): Promise<Responses> {
  const bar = progressBar(label);
  const parts: Responses[] = [];
  const chunk = 100;
  for (let start = 0; start < samples; start += chunk) {
    parts.push(respond(net, digits, { start, samples: Math.min(chunk, samples - start) }));
    bar(Math.min(start + chunk, samples), samples);
    await tick();
  }
  const counts = new Float32Array(samples * net.neurons);
  let offset = 0;
  for (const p of parts) {
    counts.set(p.counts, offset);
    offset += p.counts.length;
  }
  return { counts, labels: digits.labels.slice(0, samples), samples, neurons: net.neurons, stats: sumStats(parts.map((p) => p.stats)) };
}

/** Run sweeps on worker threads with one live progress bar per worker; finished cells in `out` are reused. */
export async function sweepWithProgress(specs: SweepSpec[], out: string, workers?: number): Promise<SweepOutcome[]> {
  const outcomes: SweepOutcome[] = [];
  for (const spec of specs) {
    const bars = new Map<number, ReturnType<typeof progressBar>>();
    const outcome = await runSweep(spec, {
      out, workers,
      onEvent: (e) => {
        if (e.type === "start") showMarkdown(`${e.runs} runs (${spec.preset}, ${spec.dataset}, N = ${spec.neurons.join(", ")}): ${e.storedCells} results already in \`${out}\`, ${e.missingCells} to compute on ${e.workers} worker threads.`);
        if (e.type === "run-start") bars.set(e.worker, progressBar(`worker ${e.worker}: N = ${e.config.neurons}, seed ${e.config.seed}`));
        if (e.type === "progress") bars.get(e.worker)?.(e.done, e.total, e.phase);
      },
    });
    if (outcome.errors.length > 0) throw new Error(`sweep failed: ${outcome.errors.map((x) => x.message).join("\n")}`);
    outcomes.push(outcome);
  }
  return outcomes;
}
