/**
 * Stopping long notebook work on Kernel -> Interrupt. Jupyter interrupts a tslab kernel with SIGINT; tslab then ends
 * the cell ("Interrupted asynchronously") but cannot stop promises or worker threads the cell started. The helpers of
 * run.ts therefore run their work under an AbortSignal that the next SIGINT fires.
 */

/**
 * Run `work` with a signal that aborts on the next SIGINT; the SIGINT listener is removed when the work ends. The
 * listener is added on the next turn of the event loop: tslab runs a cell's synchronous part with vm's breakOnSigint,
 * which takes every SIGINT listener away for that time, and a listener added then left the kernel killed by the next
 * SIGINT (measured with tslab 1.0.22 on Node 20).
 */
export async function untilInterrupted<T>(work: (signal: AbortSignal) => Promise<T>, signals: SignalSource = process): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  await new Promise<void>((resolve) => setImmediate(resolve));
  signals.on("SIGINT", onSigint);
  try {
    return await work(controller.signal);
  } finally {
    signals.off("SIGINT", onSigint);
  }
}

/** Where SIGINT comes from: the process (tests pass an EventEmitter). */
export interface SignalSource {
  on(event: "SIGINT", listener: () => void): unknown;
  off(event: "SIGINT", listener: () => void): unknown;
}

/**
 * Digits per chunk so that a chunk takes about `seconds` at the rate measured so far (at least 1): work stops at the
 * end of a chunk, so this bounds how long an interrupt waits.
 */
export function chunkFor(digitsPerSec: number, seconds = 0.25, first = 5): number {
  if (!Number.isFinite(digitsPerSec) || digitsPerSec <= 0) return first;
  return Math.max(1, Math.round(digitsPerSec * seconds));
}
