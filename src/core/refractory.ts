/**
 * Refractory excitatory neurons, as a FIFO queue (all share one refractory period, so they leave in the order they
 * entered). A refractory neuron's threshold is +inf, so the kernels cannot make it spike; on leaving, its threshold is
 * restored from theta by the caller. Work is O(refractory neurons) per step, never O(N).
 */
export class RefractoryQueue {
  private readonly neuron: Int32Array;
  private readonly until: Int32Array;
  /** @internal Ring positions (the WASM step loop reads both and advances head; see stepLoop.ts). */
  head = 0;
  /** @internal */
  tail = 0;

  /** `storage`: the ring's arrays, capacity + 1 entries each (for example in WASM memory). */
  constructor(capacity: number, storage?: { neuron: Int32Array; until: Int32Array }) {
    // A neuron is in the queue at most once, so capacity + 1 slots never overflow.
    if (storage && (storage.neuron.length !== capacity + 1 || storage.until.length !== capacity + 1)) {
      throw new RangeError(`RefractoryQueue: storage needs ${capacity + 1} entries in neuron and until`);
    }
    this.neuron = storage?.neuron ?? new Int32Array(capacity + 1);
    this.until = storage?.until ?? new Int32Array(capacity + 1);
  }

  get size(): number {
    return this.head === this.tail ? 0 : (this.tail - this.head + this.neuron.length) % this.neuron.length;
  }

  /** Neuron j is refractory until step `until` (first step at which it integrates again). */
  enter(j: number, until: number): void {
    this.neuron[this.tail] = j;
    this.until[this.tail] = until;
    this.tail = (this.tail + 1) % this.neuron.length;
  }

  /** Remove the neurons whose refractory period is over at step t; calls `leave(j)` for each. */
  expire(t: number, leave: (j: number) => void): void {
    while (this.head !== this.tail && this.until[this.head] <= t) {
      leave(this.neuron[this.head]);
      this.head = (this.head + 1) % this.neuron.length;
    }
  }

  /** Call fn(j) for every refractory neuron. */
  forEach(fn: (j: number) => void): void {
    for (let k = this.head; k !== this.tail; k = (k + 1) % this.neuron.length) fn(this.neuron[k]);
  }

  /** Set v[j] = value for every refractory neuron. */
  hold(v: Float32Array, value: number): void {
    for (let k = this.head; k !== this.tail; k = (k + 1) % this.neuron.length) v[this.neuron[k]] = value;
  }

  /** The queue's content, oldest first (for snapshots). */
  entries(): { neurons: Int32Array; until: Int32Array } {
    const size = this.size;
    const neurons = new Int32Array(size), until = new Int32Array(size);
    for (let k = 0, q = this.head; k < size; k++, q = (q + 1) % this.neuron.length) {
      neurons[k] = this.neuron[q];
      until[k] = this.until[q];
    }
    return { neurons, until };
  }

  /** Replace the content (oldest first). */
  load(neurons: ArrayLike<number>, until: ArrayLike<number>): void {
    this.head = this.tail = 0;
    for (let k = 0; k < neurons.length; k++) this.enter(neurons[k], until[k]);
  }

  /** Shift all stamps by -shift. */
  rebase(shift: number): void {
    for (let k = this.head; k !== this.tail; k = (k + 1) % this.neuron.length) this.until[k] -= shift;
  }
}
