/**
 * The hot loops of the simulation behind one interface, in two implementations with the same algorithm:
 * WebAssembly SIMD (src/core/wasm/kernels.wat, the default) and pure TypeScript (the fallback and the test oracle).
 * Every f32 operation of the TypeScript path is rounded with Math.fround in the WASM order, so both give identical bits.
 * Pointers are byte offsets into one `WebAssembly.Memory`; np (padded neuron count) is a multiple of 4.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { scaleColumnsTo } from "./plasticity";
import { potentiateColumnTo } from "./stdp";
import { wasmApi, WasmMemory, WasmModule } from "./wasm/api";

export type KernelKind = "wasm" | "ts";

export interface Kernels {
  readonly kind: KernelKind;
  /**
   * Current model: the step's input rows after their depression (see kernels.wat): for each row i = idx[k],
   * W[i, dj[r]] = max(0, W[i, dj[r]] - dby[r]) for r < m, then ge += W[i, :].
   */
  inputSpikes(wPtr: number, gePtr: number, idxPtr: number, count: number, np: number, djPtr: number, dbyPtr: number,
    m: number): void;
  /**
   * The pre-spike depression of the step's input rows (see kernels.wat): for each listed row i = idx[k],
   * W[i, dj[r]] = max(0, W[i, dj[r]] - dby[r]) for r < m (f64 arithmetic, f32 storage).
   */
  depressRows(wPtr: number, idxPtr: number, count: number, np: number, djPtr: number, dbyPtr: number, m: number): void;
  /**
   * One conductance-model step with the step's input rows folded in (see kernels.wat): ge += the listed rows, the
   * Euler update with one shared gi, spikes, ge decay, then the rows' depression. Returns the spike count.
   */
  stepConductance(vPtr: number, gePtr: number, thrPtr: number, outPtr: number, np: number, wPtr: number, idxPtr: number,
    count: number, rowsPtr: number, djPtr: number, dbyPtr: number, m: number, vRest: number, eExc: number, eInh: number,
    k: number, geDecay: number, gi: number, vReset: number): number;
  /**
   * stepConductance with all-but-self inhibition (see kernels.wat): gi = G for all neurons except the selfCount listed
   * at selfIdxPtr, which get f32(gShared - selfGi[r]) (f64 values at selfGiPtr); savePtr: scratch for 3 f32 each.
   */
  stepConductanceSelf(vPtr: number, gePtr: number, thrPtr: number, outPtr: number, np: number, wPtr: number, idxPtr: number,
    count: number, rowsPtr: number, djPtr: number, dbyPtr: number, m: number, vRest: number, eExc: number, eInh: number,
    k: number, geDecay: number, gi: number, vReset: number, selfIdxPtr: number, selfGiPtr: number, selfCount: number,
    gShared: number, savePtr: number): number;
  /** The same step without the gi term (gi negligible). */
  stepConductanceNoGi(vPtr: number, gePtr: number, thrPtr: number, outPtr: number, np: number, wPtr: number, idxPtr: number,
    count: number, rowsPtr: number, djPtr: number, dbyPtr: number, m: number, vRest: number, eExc: number, eInh: number,
    k: number, geDecay: number, vReset: number): number;
  /**
   * Weight normalisation (see kernels.wat): each listed column c = cols[d] of W (inputs x np) is scaled by
   * total / sum_i W[i, c] (f64 sum in row order; factor 1 for an all-zero column). sumsPtr: scratch for count f64.
   */
  normalizeColumns(wPtr: number, np: number, inputs: number, colsPtr: number, count: number, sumsPtr: number, total: number): void;
  /**
   * The conductance model's steps between events (see stepLoop.ts and kernels.wat runSteps); WASM only: with the
   * TypeScript kernels the network runs the same steps one by one (its per-step path is the oracle of this loop).
   */
  runSteps?(blockPtr: number, from: number, to: number, t0: number, learn: number, scheduled: number): number;
  /**
   * Potentiation of column j at step t (see kernels.wat and stdp.ts potentiateColumnTo): inputs[0 .. count) at
   * inputsPtr, their last spike steps at lastPrePtr (indexed by input), the pre trace's f64 power table (len entries).
   */
  potentiateColumn(wPtr: number, np: number, j: number, t: number, scale: number, wMax: number, inputsPtr: number,
    count: number, lastPrePtr: number, tablePtr: number, len: number): void;
  /**
   * Pre-spike stamps of schedule steps from .. to - 1 (see kernels.wat; stdp.ts markPreSpikes per step at t = tFrom + s)
   * into lastPre and the recent inputs' list and u8 member flags; returns the new member count. WASM only (the network's
   * step loop uses it; the per-step path stamps each step with stdp.ts markPreSpikes).
   */
  markPreSpikes?(idxPtr: number, stepStartPtr: number, from: number, to: number, tFrom: number, lastPrePtr: number,
    listPtr: number, memberPtr: number, count: number): number;
  /** One presentation's Poisson spikes (see poissonWasm.ts and kernels.wat poissonFill); WASM only. */
  poissonFill?(blockPtr: number): number;
  /** Current LIF step (see kernels.wat); returns the number of spikes written at outPtr. */
  excCurrent(vPtr: number, inPtr: number, thrPtr: number, outPtr: number, np: number, vRest: number, decay: number,
    vReset: number): number;
}

let wasmModule: WasmModule | undefined;

function kernelsModule(): WasmModule {
  if (!wasmModule) wasmModule = new wasmApi.Module(readFileSync(join(__dirname, "wasm", "kernels.wasm")));
  return wasmModule;
}

/** Whether this runtime can run the WASM SIMD kernels. */
export function wasmSimdAvailable(): boolean {
  try {
    kernelsModule();
    return true;
  } catch {
    return false;
  }
}

/** Kernels working on `memory`. `kind` defaults to "wasm" where WebAssembly SIMD is available. */
export function createKernels(memory: WasmMemory, kind?: KernelKind): Kernels {
  const chosen = kind ?? (wasmSimdAvailable() ? "wasm" : "ts");
  if (chosen === "wasm") {
    const instance = new wasmApi.Instance(kernelsModule(), { env: { memory } });
    const e = instance.exports as unknown as Omit<Kernels, "kind">;
    return {
      kind: "wasm", inputSpikes: e.inputSpikes, depressRows: e.depressRows, stepConductance: e.stepConductance, stepConductanceSelf: e.stepConductanceSelf,
      stepConductanceNoGi: e.stepConductanceNoGi, excCurrent: e.excCurrent, normalizeColumns: e.normalizeColumns,
      runSteps: e.runSteps, poissonFill: e.poissonFill, potentiateColumn: e.potentiateColumn,
      markPreSpikes: e.markPreSpikes,
    };
  }
  if (chosen !== "ts") throw new RangeError(`createKernels: kind must be "wasm" or "ts", got "${chosen}"`);
  return tsKernels(memory);
}

const fr = Math.fround;

/**
 * One neuron's conductance Euler step in f32, operation for operation as the WASM kernel (the oracle of
 * excConductance, and the update of the few self-inhibited neurons whose gi differs from the shared one):
 *   v' = pmax(eInh, v + k * ((vRest - v) + ge (eExc - v) + gi (eInh - v)))
 */
export function conductanceEuler(V: number, GE: number, GI: number, vRest: number, eExc: number, eInh: number, k: number): number {
  vRest = fr(vRest); eExc = fr(eExc); eInh = fr(eInh); k = fr(k); GI = fr(GI);
  const drive = fr(fr(fr(vRest - V) + fr(GE * fr(eExc - V))) + fr(GI * fr(eInh - V)));
  const x = fr(V + fr(drive * k));
  return eInh < x ? x : eInh;
}

/** conductanceEuler without the gi term (the NoGi kernel's formula; arguments already f32). */
function conductanceEulerNoGi(V: number, GE: number, vRest: number, eExc: number, eInh: number, k: number): number {
  const x = fr(V + fr(fr(fr(vRest - V) + fr(GE * fr(eExc - V))) * k));
  return eInh < x ? x : eInh;
}

function tsKernels(memory: WasmMemory): Kernels {
  const f32 = new Float32Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  const f64 = new Float64Array(memory.buffer);
  const depress = (row: number, djPtr: number, dbyPtr: number, m: number): void => {
    for (let r = 0; r < m; r++) {
      const a = row + i32[(djPtr >> 2) + r];
      const x = f32[a] - f64[(dbyPtr >> 3) + r];
      f32[a] = x > 0 ? x : 0;
    }
  };
  const conductanceStep = (vPtr: number, gePtr: number, thrPtr: number, outPtr: number, np: number, wPtr: number,
    idxPtr: number, count: number, djPtr: number, dbyPtr: number, m: number, vRest: number, eExc: number, eInh: number,
    k: number, geDecay: number, gi: number, vReset: number, withGi: boolean): number => {
    vReset = fr(vReset); geDecay = fr(geDecay); vRest = fr(vRest); eExc = fr(eExc); eInh = fr(eInh); k = fr(k);
    const v = vPtr >> 2, ge = gePtr >> 2, thr = thrPtr >> 2, out = outPtr >> 2;
    const rows: number[] = [];
    for (let r = 0; r < count; r++) rows.push((wPtr >> 2) + i32[(idxPtr >> 2) + r] * np);
    let n = 0;
    for (let j = 0; j < np; j++) {
      let GE = f32[ge + j];
      for (const row of rows) GE = fr(GE + f32[row + j]);
      const V = f32[v + j];
      const vn = withGi ? conductanceEuler(V, GE, gi, vRest, eExc, eInh, k) : conductanceEulerNoGi(V, GE, vRest, eExc, eInh, k);
      if (vn > f32[thr + j]) {
        f32[v + j] = vReset;
        i32[out + n++] = j;
      } else {
        f32[v + j] = vn;
      }
      f32[ge + j] = fr(GE * geDecay);
    }
    if (m > 0) for (const row of rows) depress(row, djPtr, dbyPtr, m);
    return n;
  };
  return {
    kind: "ts",
    depressRows(wPtr, idxPtr, count, np, djPtr, dbyPtr, m) {
      for (let k = 0; k < count; k++) depress((wPtr >> 2) + i32[(idxPtr >> 2) + k] * np, djPtr, dbyPtr, m);
    },
    inputSpikes(wPtr, gePtr, idxPtr, count, np, djPtr, dbyPtr, m) {
      const ge = gePtr >> 2;
      for (let k = 0; k < count; k++) {
        const row = (wPtr >> 2) + i32[(idxPtr >> 2) + k] * np;
        depress(row, djPtr, dbyPtr, m);
        for (let j = 0; j < np; j++) f32[ge + j] = f32[ge + j] + f32[row + j];
      }
    },
    stepConductance(vPtr, gePtr, thrPtr, outPtr, np, wPtr, idxPtr, count, rowsPtr, djPtr, dbyPtr, m, vRest, eExc, eInh, k, geDecay, gi, vReset) {
      return conductanceStep(vPtr, gePtr, thrPtr, outPtr, np, wPtr, idxPtr, count, djPtr, dbyPtr, m, vRest, eExc, eInh, k, geDecay, gi, vReset, true);
    },
    stepConductanceSelf(vPtr, gePtr, thrPtr, outPtr, np, wPtr, idxPtr, count, rowsPtr, djPtr, dbyPtr, m, vRest, eExc, eInh, k, geDecay, gi,
      vReset, selfIdxPtr, selfGiPtr, selfCount, gShared, savePtr) {
      const v = vPtr >> 2, ge = gePtr >> 2, thr = thrPtr >> 2, self = selfIdxPtr >> 2, selfGi = selfGiPtr >> 3, save = savePtr >> 2;
      for (let r = 0; r < selfCount; r++) {
        const j = i32[self + r];
        let GE = f32[ge + j];
        for (let q = 0; q < count; q++) GE = fr(GE + f32[(wPtr >> 2) + i32[(idxPtr >> 2) + q] * np + j]);
        f32[save + 3 * r] = f32[v + j];
        f32[save + 3 * r + 1] = GE;
        f32[save + 3 * r + 2] = f32[thr + j];
        f32[thr + j] = Infinity;
      }
      let n = conductanceStep(vPtr, gePtr, thrPtr, outPtr, np, wPtr, idxPtr, count, djPtr, dbyPtr, m, vRest, eExc, eInh, k, geDecay, gi, vReset, true);
      for (let r = 0; r < selfCount; r++) {
        const j = i32[self + r];
        f32[thr + j] = f32[save + 3 * r + 2];
        const vn = conductanceEuler(f32[save + 3 * r], f32[save + 3 * r + 1], gShared - f64[selfGi + r], vRest, eExc, eInh, k);
        if (vn > f32[thr + j]) {
          f32[v + j] = fr(vReset);
          i32[(outPtr >> 2) + n++] = j;
        } else {
          f32[v + j] = vn;
        }
      }
      return n;
    },
    stepConductanceNoGi(vPtr, gePtr, thrPtr, outPtr, np, wPtr, idxPtr, count, rowsPtr, djPtr, dbyPtr, m, vRest, eExc, eInh, k, geDecay, vReset) {
      return conductanceStep(vPtr, gePtr, thrPtr, outPtr, np, wPtr, idxPtr, count, djPtr, dbyPtr, m, vRest, eExc, eInh, k, geDecay, 0, vReset, false);
    },
    normalizeColumns(wPtr, np, inputs, colsPtr, count, sumsPtr, total) {
      scaleColumnsTo(f32.subarray(wPtr >> 2), np, inputs, i32.subarray(colsPtr >> 2), count, f64.subarray(sumsPtr >> 3), total);
    },
    potentiateColumn(wPtr, np, j, t, scale, wMax, inputsPtr, count, lastPrePtr, tablePtr, len) {
      potentiateColumnTo(f32.subarray(wPtr >> 2), np, j, t, scale, wMax, i32.subarray(inputsPtr >> 2), count,
        i32.subarray(lastPrePtr >> 2), f64.subarray(tablePtr >> 3, (tablePtr >> 3) + len));
    },
    excCurrent(vPtr, inPtr, thrPtr, outPtr, np, vRest, decay, vReset) {
      vRest = fr(vRest); decay = fr(decay); vReset = fr(vReset);
      const v = vPtr >> 2, inp = inPtr >> 2, thr = thrPtr >> 2, out = outPtr >> 2;
      let n = 0;
      for (let j = 0; j < np; j++) {
        const vn = fr(fr(fr(fr(f32[v + j] - vRest) * decay) + vRest) + f32[inp + j]);
        f32[inp + j] = 0;
        if (vn >= f32[thr + j]) {
          f32[v + j] = vReset;
          i32[out + n++] = j;
        } else {
          f32[v + j] = vn;
        }
      }
      return n;
    },
  };
}
