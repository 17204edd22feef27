/**
 * The order in which the excitatory neurons fired during a presentation (the last one of a digit, as the spike counts):
 * neuron indices in time order, ascending within a step (Brian's SpikeMonitor order). The n-gram readout reads it
 * (src/analysis/readouts.ts). Off unless asked for (Network.recordSpikeOrder); costs one append per spike.
 */
export class SpikeOrderLog {
  #list = new Int32Array(256);
  count = 0;

  clear(): void {
    this.count = 0;
  }

  /** Append the step's n spikes (spikes[0 .. n), any order) sorted ascending. */
  addStep(spikes: ArrayLike<number>, n: number): void {
    if (n === 0) return;
    if (this.count + n > this.#list.length) {
      const grown = new Int32Array(Math.max(2 * this.#list.length, this.count + n));
      grown.set(this.#list.subarray(0, this.count));
      this.#list = grown;
    }
    const list = this.#list, from = this.count;
    for (let k = 0; k < n; k++) {
      // insertion sort: a step has few spikes
      const j = spikes[k];
      let at = from + k;
      while (at > from && list[at - 1] > j) {
        list[at] = list[at - 1];
        at--;
      }
      list[at] = j;
    }
    this.count += n;
  }

  /** The presentation's order so far (a view: copy it before the next presentation). */
  values(): Int32Array {
    return this.#list.subarray(0, this.count);
  }
}
