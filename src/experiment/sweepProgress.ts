/**
 * How far a sweep has got, for the command line (cli/sweep.ts) and notebooks (notebook/run.ts sweepWithProgress): runs
 * done, the share of the work by each run's relative cost, and an ETA from it.
 */
import { RunConfig } from "./config";
import { runCost } from "./sweep";

/** "45s", "3m07s", "1h05m"; "?" when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  if (m < 60) return `${m}m${String(s).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/**
 * A sweep's overall progress: runs done of those pending at the start, and an ETA weighted by each run's relative
 * cost (sweep.ts runCost), counting the training already done in the running runs (their evaluations count when the
 * run is done).
 */
export class OverallProgress {
  private runs = 0;
  private runsDone = 0;
  private costTotal = 0;
  private costDone = 0;
  private readonly running = new Map<number, number>(); // worker -> cost done of its current run
  private started = 0;

  start(runs: number, cost: number): void {
    this.runs = runs;
    this.costTotal = cost;
    this.started = performance.now();
  }

  progress(worker: number, c: RunConfig, phase: "train" | "labels" | "test", done: number, total: number): void {
    if (phase !== "train") return; // evaluations count when their run is done
    const trainCost = runCost({ ...c, snapshots: [] });
    this.running.set(worker, Math.max(this.running.get(worker) ?? 0, trainCost * Math.min(1, done / Math.max(total, 1))));
  }

  runDone(worker: number, c: RunConfig): void {
    this.running.delete(worker);
    this.runsDone++;
    this.costDone += runCost(c);
  }

  /** "sweep: 3 of 12 runs done, 31 % of the work, ETA 1h05m". */
  text(now = performance.now()): string {
    const done = this.costDone + [...this.running.values()].reduce((a, b) => a + b, 0);
    const fraction = this.costTotal > 0 ? Math.min(1, done / this.costTotal) : 0;
    const seconds = (now - this.started) / 1000;
    const eta = fraction > 0 ? (seconds * (1 - fraction)) / fraction : Infinity;
    return `sweep: ${this.runsDone} of ${this.runs} runs done, ${(100 * fraction).toFixed(0)} % of the work, ETA ${formatDuration(eta)}`;
  }
}
