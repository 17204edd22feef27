/**
 * PoissonInput.fill run by the WASM kernel poissonFill (generated kernels.wat): the same algorithm, the same random stream,
 * the same spikes, written straight into the network's schedule in WASM memory. PoissonInput stays the source of the
 * CDF tables (built in f64 JavaScript, cached) and the TypeScript path (test/core/poisson.test.ts compares the two).
 * The tables of an intensity are copied into one of two slots in WASM memory on its first use (see `slots`).
 */
import { Kernels } from "./kernels";
import { PoissonInput, SpikeSchedule } from "./poisson";
import { Rng } from "../random/rng";
import { Layout } from "./state";
import { BlockView, FieldOf, POISSON_BLOCK } from "./wasm/layout";


/** One slot of CDF tables in WASM memory (the tables of every pixel value at one intensity). */
interface TableSlot {
  intensity: number;
  /** Byte addresses of the slot's address and length arrays (256 i32 each) and of its f64 table data. */
  at: number;
  length: number;
  data: number;
  /** Pixel values whose table cannot be built at this intensity (rate too high for the step count). */
  missing: Uint8Array;
  anyMissing: boolean;
}

export class WasmPoisson {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly pixels: Uint8Array;
  private readonly fillKernel: NonNullable<Kernels["poissonFill"]>;
  private readonly block: BlockView<FieldOf<typeof POISSON_BLOCK>>;
  private readonly cdfSlots: Record<"cdfAt" | "cdfLength", number>;
  /**
   * Slot 0 holds the tables of the first intensity used (the preset's start intensity: almost every presentation),
   * slot 1 those of the last other intensity (the retry rule's), so tables are copied only when a retry needs an
   * intensity other than the previous retry's.
   */
  private readonly slots: TableSlot[];

  constructor(readonly input: PoissonInput, private readonly layout: Layout, kernels: Kernels) {
    if (!kernels.poissonFill) throw new RangeError("WasmPoisson: these kernels have no poissonFill (use PoissonInput.fill)");
    if (input.inputs > 1024) throw new RangeError(`WasmPoisson: at most 1024 inputs, got ${input.inputs}`);
    this.fillKernel = kernels.poissonFill;
    const buf = layout.memory.buffer;
    const ptr = layout.ptr;
    this.i32 = new Int32Array(buf);
    this.f64 = new Float64Array(buf);
    this.pixels = new Uint8Array(buf, ptr.pixels, input.inputs);
    const slotBytes = 256 * (input.steps + 1) * 8;
    this.slots = [0, 1].map((k) => ({
      intensity: 0, at: ptr.cdfAt + k * 1024, length: ptr.cdfLength + k * 1024, data: ptr.cdf + k * slotBytes,
      missing: new Uint8Array(256), anyMissing: false,
    }));
    this.block = new BlockView(layout.memory, ptr.poissonBlock, POISSON_BLOCK);
    this.block.assign({
      pixels: ptr.pixels, inputs: input.inputs, cdfAt: ptr.cdfAt, cdfLength: ptr.cdfLength, rng: ptr.rngWords,
      steps: input.steps, bits: input.uniformBits, threshold: input.uniformThreshold, stamp: ptr.stamp, generation: 0,
      tmp: ptr.tmp, counts: ptr.counts, idx: ptr.schedule, stepStart: ptr.stepStart,
    });
    this.cdfSlots = this.block.slots("cdfAt", "cdfLength");
  }

  /** Fill `out` (the layout's schedule) with the spikes of one presentation, as PoissonInput.fill does. */
  fill(pixels: Uint8Array, intensity: number, rng: Rng, out: SpikeSchedule): void {
    const ptr = this.layout.ptr;
    if (out.idx.buffer !== this.layout.memory.buffer || out.idx.byteOffset !== ptr.schedule || out.stepStart.byteOffset !== ptr.stepStart) {
      throw new RangeError("WasmPoisson.fill: `out` must be the schedule in the network's WASM memory");
    }
    if (pixels.length !== this.input.inputs) throw new RangeError(`WasmPoisson.fill: ${this.input.inputs} pixels expected, got ${pixels.length}`);
    if (!Number.isInteger(intensity) || !(intensity >= 1)) throw new RangeError(`PoissonInput.fill: intensity must be an integer >= 1, got ${intensity}`);
    const slot = this.slotFor(intensity);
    if (slot.anyMissing) {
      // PoissonInput builds tables on first use and throws for a pixel value whose rate is too high: do the same
      for (let i = 0; i < pixels.length; i++) if (slot.missing[pixels[i]]) this.input.cdf(pixels[i], intensity);
    }
    this.block.i32[this.cdfSlots.cdfAt] = slot.at;
    this.block.i32[this.cdfSlots.cdfLength] = slot.length;
    this.pixels.set(pixels);
    const words = rng.words, w = ptr.rngWords >> 2;
    for (let k = 0; k < 4; k++) this.i32[w + k] = words[k];
    out.total = this.fillKernel(this.block.address);
    for (let k = 0; k < 4; k++) words[k] = this.i32[w + k];
  }

  private slotFor(intensity: number): TableSlot {
    const [first, other] = this.slots;
    if (first.intensity === intensity) return first;
    if (other.intensity === intensity) return other;
    const slot = first.intensity === 0 ? first : other;
    this.loadTables(slot, intensity);
    return slot;
  }

  /** Copy the CDF tables of every pixel value at `intensity` into a slot (noting those that cannot be built). */
  private loadTables(slot: TableSlot, intensity: number): void {
    let at = slot.data;
    slot.intensity = 0;
    slot.missing.fill(0);
    slot.anyMissing = false;
    for (let pixel = 1; pixel < 256; pixel++) {
      let cdf: Float64Array;
      try {
        cdf = this.input.cdf(pixel, intensity);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        slot.missing[pixel] = 1;
        slot.anyMissing = true;
        continue;
      }
      this.f64.set(cdf, at >> 3);
      this.i32[(slot.at >> 2) + pixel] = at;
      this.i32[(slot.length >> 2) + pixel] = cdf.length;
      at += cdf.length * 8;
    }
    slot.intensity = intensity;
  }
}
