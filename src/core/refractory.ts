/**
 * Refractory excitatory neurons, as a FIFO queue (all share one refractory period, so they leave in the order they
 * entered). A refractory neuron's threshold is +inf, so the kernels cannot make it spike; on leaving, its threshold is
 * restored from theta by the caller. Work is O(refractory neurons) per step, never O(N).
 */
export class RefractoryQueue {
  private readonly neuron: Int32Array;
  private readonly until: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(capacity: number) {
    // A neuron is in the queue at most once, so capacity + 1 slots never overflow.
    this.neuron = new Int32Array(capacity + 1);
    this.until = new Int32Array(capacity + 1);
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

  /** The step at which the oldest refractory neuron leaves (the queue must not be empty). */
  nextUntil(): number {
    return this.until[this.head];
  }

  /** Write the refractory neurons, oldest first, to dst[offset ..]; returns their number. */
  copyNeurons(dst: Int32Array, offset: number): number {
    let n = 0;
    for (let k = this.head; k !== this.tail; k = (k + 1) % this.neuron.length) dst[offset + n++] = this.neuron[k];
    return n;
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
