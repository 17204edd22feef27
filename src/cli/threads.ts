/**
 * `--threads` of `snn train` and `snn sweep`: a count, or `auto`, which splits a network only where the split pays
 * (docs/threads.md: every slice needs a core of its own at every meeting, and the meetings pay only for large
 * networks). An explicit count above the free cores is run as asked, with a warning: a slice without a core waits for
 * one at every meeting (measured here: 1,000 times slower with another process busy on one of two cores).
 */
import { availableParallelism, loadavg } from "node:os";
import { intOption, UsageError } from "./args";

/** Smallest network that `auto` splits: below it the meetings cost more than the slices save. */
export const AUTO_SPLIT_NEURONS = 1600;

/** Cores, the busy ones (the 1-minute load average, rounded) and the rest. */
export function freeCores(cores = availableParallelism(), load = loadavg()[0]): { cores: number; busy: number; free: number } {
  const busy = Math.min(cores, Math.round(load));
  return { cores, busy, free: cores - busy };
}

/**
 * The threads per network for `workers` networks of at least `neurons` neurons: `--threads` as given (refused above the
 * neurons, warned above the free cores through `warn`), or for `auto` the free cores per network when the networks are
 * large enough, else 1.
 */
export function threadsOption(o: Record<string, unknown>, neurons: number, workers: number, warn: (message: string) => void,
  cores = freeCores()): number {
  const perNetwork = Math.floor(cores.free / workers);
  if (o.threads === "auto") return neurons >= AUTO_SPLIT_NEURONS && perNetwork >= 2 ? Math.min(perNetwork, neurons) : 1;
  const threads = intOption(o, "threads", 1, 1, 256);
  if (threads > neurons) throw new UsageError(`--threads ${threads}: a network of ${neurons} neurons splits into at most ${neurons} threads`);
  if (threads > 1 && threads * workers > cores.free) {
    const asked = `--threads ${threads}${workers > 1 ? ` x ${workers} workers` : ""}: ${threads * workers} threads`;
    warn(`${asked} with ${cores.free} of ${cores.cores} cores free (load ${cores.busy}): slices without a core of their own wait ` +
      "for one at every meeting, which can make the run many times slower than one thread (docs/threads.md); --threads auto picks what fits");
  }
  return threads;
}
