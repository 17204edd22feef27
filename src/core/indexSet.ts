/**
 * A set of small integers (neuron or input indices) as a dense list plus membership flags: O(1) add and membership,
 * iteration over members only (list[0 .. count)), and clearing in O(members). Used for every sparse "active" set of
 * the simulation (recent post neurons, changed columns, self-inhibited and active inhibitory neurons).
 */
export class IndexSet {
  readonly list: Int32Array;
  readonly member: Uint8Array;
  count = 0;

  /** `storage`: the list and member flags (capacity entries each; for example in WASM memory). */
  constructor(capacity: number, storage?: { list: Int32Array; member: Uint8Array }) {
    if (storage && (storage.list.length !== capacity || storage.member.length !== capacity)) {
      throw new RangeError(`IndexSet: storage needs ${capacity} entries in list and member`);
    }
    this.list = storage?.list ?? new Int32Array(capacity);
    this.member = storage?.member ?? new Uint8Array(capacity);
  }

  add(j: number): void {
    if (this.member[j] === 0) {
      this.member[j] = 1;
      this.list[this.count++] = j;
    }
  }

  has(j: number): boolean {
    return this.member[j] === 1;
  }

  /** Keep the members for which `keep(j)` holds, in order. */
  retain(keep: (j: number) => boolean): void {
    let kept = 0;
    for (let r = 0; r < this.count; r++) {
      const j = this.list[r];
      if (keep(j)) this.list[kept++] = j;
      else this.member[j] = 0;
    }
    this.count = kept;
  }

  clear(): void {
    for (let r = 0; r < this.count; r++) this.member[this.list[r]] = 0;
    this.count = 0;
  }

  /** The members, in order (a copy). */
  values(): Int32Array {
    return this.list.slice(0, this.count);
  }

  /** Replace the members by `values` (in that order). */
  load(values: ArrayLike<number>): void {
    this.clear();
    for (let k = 0; k < values.length; k++) this.add(values[k]);
  }
}
