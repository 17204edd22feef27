/**
 * Long work from a notebook with live progress: these functions await between chunks of digits (or run on worker
 * threads), so that the progress display updates while the cell runs. Kernel -> Interrupt stops them (interrupt.ts):
 * training and responses at the end of the current chunk (a quarter of a second of work), sweeps by terminating
 * their worker threads.
 */
import { Network } from "../core/network";
import { joinResponses, PhaseStats, respond, Responses, sumStats, train } from "../experiment/phases";
import { Digits } from "../data/digits";
import { runSweep, SweepOutcome } from "../experiment/pool";
import { SweepSpec } from "../experiment/sweep";
import { OverallProgress } from "../experiment/sweepProgress";
import { escapeHtml, liveHtml, progressBar, showMarkdown } from "./display";
import { chunkFor, untilInterrupted } from "./interrupt";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The sweep's overall line (runs done, share of the work by cost, ETA: experiment/sweepProgress.ts), in bold. */
const overallHtml = (text: string) => `<div style="font-family:monospace;font-weight:bold">${escapeHtml(text)}</div>`;

/** `samples` (and `chunk`, when given) as whole counts within the digits: refused otherwise, naming the function. */
function checkCounts(fn: string, digits: Digits, samples: number, chunk?: number): void {
  if (!(Number.isInteger(samples) && samples >= 0 && samples <= digits.count)) {
    throw new RangeError(`${fn}: samples must be a whole number in [0, ${digits.count}] (the digits given), got ${samples}`);
  }
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`${fn}: chunk must be a whole number >= 1, got ${chunk}`);
}

/** The note shown when training stops on an interrupt (`what`: which work, e.g. "training 100 neurons"). */
export function sayTrainingInterrupted(done: number, samples: number, what = "training"): void {
  showMarkdown(`**Interrupted** ${what} after ${done} of ${samples} digits: the network has learned from exactly these ${done} ` +
    "digits (each one presented whole) and can be trained further or evaluated.");
}

/**
 * Train on the first `samples` digits with a progress bar (learning on), `chunk` digits between display updates
 * (default: about a quarter of a second of work). On Kernel -> Interrupt it stops at a digit boundary: the network has then
 * learned from exactly the digits reported, and can be trained further or evaluated.
 */
export async function trainWithProgress(net: Network, digits: Digits, samples = digits.count, chunk?: number): Promise<PhaseStats> {
  checkCounts("trainWithProgress", digits, samples, chunk);
  const bar = progressBar(`training ${net.neurons} neurons`);
  return untilInterrupted(async (signal) => {
    const parts: PhaseStats[] = [];
    let done = 0;
    while (done < samples && !signal.aborted) {
      const n = Math.min(chunk ?? chunkFor(done > 0 ? sumStats(parts).samplesPerSec : NaN), samples - done);
      parts.push(train(net, digits, { start: done, samples: n }));
      done += n;
      bar(done, samples, `${sumStats(parts).samplesPerSec.toFixed(0)} digits/s`);
      await tick();
    }
    if (done < samples) sayTrainingInterrupted(done, samples, `training ${net.neurons} neurons`);
    return sumStats(parts);
  });
}

/**
 * Responses (learning off) to the first `samples` digits, with a progress bar. On Kernel -> Interrupt it stops at a
 * digit boundary and returns the responses to the digits done so far (`samples` says how many).
 */
export async function respondWithProgress(net: Network, digits: Digits, samples = digits.count, label = "responses"): Promise<Responses> {
  checkCounts("respondWithProgress", digits, samples);
  const bar = progressBar(label);
  return untilInterrupted(async (signal) => {
    const parts: Responses[] = [];
    let done = 0;
    while (done < samples && !signal.aborted) {
      const n = Math.min(chunkFor(done > 0 ? sumStats(parts.map((p) => p.stats)).samplesPerSec : NaN), samples - done);
      parts.push(respond(net, digits, { start: done, samples: n }));
      done += n;
      bar(done, samples);
      await tick();
    }
    if (done < samples) showMarkdown(`**Interrupted** after ${done} of ${samples} digits: the responses returned cover these ${done} digits only.`);
    return joinResponses(parts, net.neurons);
  });
}

/**
 * Run sweeps on worker threads with one live progress bar per worker; finished cells in `out` are reused. On
 * Kernel -> Interrupt the worker threads are terminated (within a second or two), the records finished so far stay in
 * `out`, and running the cell again resumes; the outcomes returned end with the interrupted sweep.
 */
export async function sweepWithProgress(specs: SweepSpec[], out: string, workers?: number): Promise<SweepOutcome[]> {
  if (typeof out !== "string" || out.trim() === "") throw new RangeError(`sweepWithProgress: out must name the results folder (e.g. resultsDir("my-study", scale)), got ${JSON.stringify(out)}`);
  return untilInterrupted(async (signal) => {
    const outcomes: SweepOutcome[] = [];
    for (const spec of specs) {
      const bars = new Map<number, ReturnType<typeof progressBar>>();
      const overall = new OverallProgress();
      let overallView: ((html: string) => void) | undefined;
      const outcome = await runSweep(spec, {
        out, workers, signal,
        onEvent: (e) => {
          if (e.type === "start") {
            showMarkdown(`${e.runs} runs (${spec.preset}, ${spec.dataset}, N = ${spec.neurons.join(", ")}): ${e.storedCells} results already in \`${out}\`, ${e.missingCells} to compute on ${e.workers} worker threads.`);
            overall.start(e.pendingRuns, e.pendingCost);
            overallView = liveHtml();
          }
          if (e.type === "run-start") bars.set(e.worker, progressBar(`worker ${e.worker}: N = ${e.config.neurons}, seed ${e.config.seed}`));
          if (e.type === "progress") {
            bars.get(e.worker)?.(e.done, e.total, e.phase);
            overall.progress(e.worker, e.config, e.phase, e.done, e.total);
            overallView?.(overallHtml(overall.text()));
          }
          if (e.type === "run-done") {
            overall.runDone(e.worker, e.config);
            overallView?.(overallHtml(overall.text()));
          }
        },
      });
      if (outcome.errors.length > 0) throw new Error(`sweep failed: ${outcome.errors.map((x) => x.message).join("\n")}`);
      outcomes.push(outcome);
      if (outcome.interrupted) {
        showMarkdown(`**Interrupted**: the worker threads are stopped; ${outcome.store.records().length} records are in \`${out}\`. Run the cell again to resume.`);
        break;
      }
    }
    return outcomes;
  });
}
