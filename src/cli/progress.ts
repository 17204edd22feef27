import { RunConfig } from "../experiment/config";
import { runCost } from "../experiment/sweep";

/**
 * Progress lines on stderr: redrawn in place on a terminal, one line every ~10 % otherwise (CI logs, pipes).
 * Never writes to stdout, so `--json` output stays machine-readable.
 */
export interface ProgressLine {
  update(done: number, total: number, note?: string): void;
  done(message?: string): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  if (m < 60) return `${m}m${String(s).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** A text bar: label [#####-----] done/total rate ETA (rate = doneInTime / seconds). */
export function progressText(label: string, done: number, total: number, seconds: number, note = "", doneInTime = done): string {
  const width = 24;
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const rate = seconds > 0 ? doneInTime / seconds : 0;
  const eta = rate > 0 ? (total - done) / rate : Infinity;
  const speed = rate > 0 ? `${rate.toFixed(0)}/s ETA ${formatDuration(eta)}` : "(measuring)";
  return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${speed}${note ? " " + note : ""}`;
}

/** The clock starts at the first update (rates then count from that point), and restarts if `done` goes back. */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  let start = 0, first = 0, last = -1;
  return {
    update(done, total, note) {
      const now = performance.now();
      if (last < 0 || done < last) {
        start = now;
        first = done;
        lastDecile = -1;
      }
      last = done;
      const seconds = (now - start) / 1000;
      const text = progressText(label, done, total, seconds, note, done - first);
      if (tty) stream.write(`\r${text}\x1b[K`);
      else {
        const decile = Math.floor((10 * done) / Math.max(total, 1));
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(text + "\n");
        }
      }
    },
    done(message) {
      if (tty) stream.write("\r\x1b[K");
      if (message) stream.write(message + "\n");
    },
  };
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
