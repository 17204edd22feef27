/**
 * A count of free cores shared by every thread of a sweep (a SharedArrayBuffer, changed with Atomics), so that runs
 * and the evaluations beside them never use more cores than the sweep was given. The sweep's main thread takes one
 * core for each run it starts (waiting for one if need be); a run takes a further core for its evaluation thread only
 * while one is free (tryAcquire), and gives it back when that thread has nothing left to do.
 *
 * Layout of the shared Int32Array: [0] free cores, [1 + k] cores held by worker k's evaluation thread (so that the
 * main thread can give them back if worker k dies while holding them).
 */

/** Atomics.waitAsync (Node >= 16; not in the ES2022 library this project compiles against). */
const waitAsync = (Atomics as unknown as {
  waitAsync(cells: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string };
}).waitAsync;

export interface CoreBudget {
  /** The shared memory (pass it to worker threads; `coreBudgetFrom` opens it there). */
  readonly buffer: SharedArrayBuffer;
  /** Cores free now. */
  free(): number;
  /** Take one core if one is free, without waiting; true if taken. */
  tryAcquire(): boolean;
  /** Take one core, waiting (without blocking the event loop) until one is free. */
  acquire(): Promise<void>;
  /** Give back `count` cores (default 1). */
  release(count?: number): void;
  /** The cores worker `k`'s evaluation thread holds (set by that worker). */
  heldBy(k: number): number;
  setHeldBy(k: number, count: number): void;
}

/** A budget of `cores` free cores for `workers` workers. */
export function createCoreBudget(cores: number, workers: number): CoreBudget {
  if (!Number.isInteger(cores) || !(cores >= 1)) throw new RangeError(`createCoreBudget: cores must be an integer >= 1, got ${cores}`);
  if (!Number.isInteger(workers) || !(workers >= 1)) throw new RangeError(`createCoreBudget: workers must be an integer >= 1, got ${workers}`);
  const buffer = new SharedArrayBuffer(4 * (1 + workers));
  new Int32Array(buffer)[0] = cores;
  return coreBudgetFrom(buffer);
}

/** The budget in `buffer` (made by createCoreBudget, possibly in another thread). */
export function coreBudgetFrom(buffer: SharedArrayBuffer): CoreBudget {
  const cells = new Int32Array(buffer);
  const workers = cells.length - 1;
  const checkWorker = (k: number) => {
    if (!Number.isInteger(k) || !(k >= 0) || k >= workers) throw new RangeError(`core budget: worker must be an integer in [0, ${workers}), got ${k}`);
  };
  const tryAcquire = () => {
    for (;;) {
      const free = Atomics.load(cells, 0);
      if (free <= 0) return false;
      if (Atomics.compareExchange(cells, 0, free, free - 1) === free) return true;
    }
  };
  return {
    buffer,
    free: () => Atomics.load(cells, 0),
    tryAcquire,
    async acquire() {
      while (!tryAcquire()) {
        const { async, value } = waitAsync(cells, 0, 0);
        if (async) await value;
      }
    },
    release(count = 1) {
      if (!Number.isInteger(count) || !(count >= 0)) throw new RangeError(`core budget: release count must be an integer >= 0, got ${count}`);
      if (count === 0) return;
      Atomics.add(cells, 0, count);
      Atomics.notify(cells, 0);
    },
    heldBy(k) {
      checkWorker(k);
      return Atomics.load(cells, 1 + k);
    },
    setHeldBy(k, count) {
      checkWorker(k);
      Atomics.store(cells, 1 + k, count);
    },
  };
}
