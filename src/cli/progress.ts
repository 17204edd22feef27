import { formatDuration } from "../experiment/sweepProgress";

export { formatDuration, OverallProgress } from "../experiment/sweepProgress";

/**
 * Progress lines on stderr: redrawn in place on a terminal, one line every ~10 % otherwise (CI logs, pipes).
 * Never writes to stdout, so `--json` output stays machine-readable.
 */
export interface ProgressLine {
  update(done: number, total: number, note?: string): void;
  done(message?: string): void;
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
