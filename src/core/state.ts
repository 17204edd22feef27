/**
 * The network's state as a struct of typed arrays in one WebAssembly.Memory (so the WASM kernels and TypeScript see
 * the same bytes). Neuron arrays are padded to np = ceil(N / 4) * 4 lanes; padded lanes never spike (threshold +inf).
 */
import { wasmApi, WasmMemory } from "./wasm/api";
import { CONDUCTANCE_BLOCK, CURRENT_BLOCK, DELAY_BLOCK, NORMALIZE_BLOCK, POISSON_BLOCK, POTENTIATE_BLOCK, STAMP_BLOCK } from "./wasm/layout";

export const INPUTS = 784;

export interface ExcState {
  /** Input weights, row-major inputs x np: W[i * np + j] from input i to excitatory neuron j. */
  w: Float32Array;
  /** Excitatory conductance (conductance model) or next step's input current in mV (current model). */
  ge: Float32Array;
  v: Float32Array;
  /** Spike threshold vThresh + theta - offset, f32 copy of theta's f64 value (+inf on padded lanes and while refractory). */
  thr: Float32Array;
  /** Kernel output: spiking neuron indices of the step. */
  spikesOut: Int32Array;
  /** One step's depression list: post neurons and f64 amounts (see stdp.ts). */
  depIdx: Int32Array;
  depBy: Float64Array;
  /** Input indices of the presentation's spike schedule (CSR payload). */
  schedule: Int32Array;
  /** The schedule's step starts (CSR offsets, steps + 1 entries). */
  stepStart: Int32Array;
  /** Scratch of the self-inhibited neurons' step (SharedInhibition): neuron indices, their own gi share S_j (f64),
   * and three saved f32 values per neuron. */
  selfIdx: Int32Array;
  selfGi: Float64Array;
  /** Adaptive threshold theta in mV, f64 (f32 cannot hold the per-step decay factor 1 - 5e-8). */
  theta: Float64Array;
}


export interface Layout {
  neurons: number;
  np: number;
  memory: WasmMemory;
  ptr: { w: number; ge: number; v: number; thr: number; spikesOut: number; depIdx: number; depBy: number; rowPtrs: number;
    schedule: number; selfIdx: number; selfGi: number; selfSave: number; theta: number;
    /** i32[np]: -1 for the lanes of real neurons, 0 for the padding (the step kernels count clamps in real lanes only). */
    laneMask: number;
    /** The refractory queue's ring (RefractoryQueue storage, neurons + 1 entries each). */
    refNeuron: number; refUntil: number } & StepLoopPointers;
  state: ExcState;
}

/** The kernels' parameter blocks (wasm/layout.ts) and the step loop's scratch (compact copies of the sparse state it runs on; see stepLoop.ts). */
export interface StepLoopPointers {
  conductanceBlock: number; currentBlock: number; normalizeBlock: number; potentiateBlock: number; stampBlock: number;
  stepStart: number; depList: number; depLast: number; trace: number; inhIdx: number;
  inhV: number; inhInput: number; inhRef: number; inhOut: number; leftIdx: number; leftV: number; leftSince: number;
  leftRef: number;
  /** Decision window ends and the inhibitory count at each (the step loop's, stepLoop.ts setWindows). */
  winEnds: number; winInh: number;
  /** Plasticity's pre-spike stamps and recent inputs, and the pre trace's power table (the potentiation kernel's). */
  lastPre: number; recentPre: number; recentPreMember: number; preTrace: number;
  /** Input delays (delays.ts; empty without them). */
  delays: number; delayRing: number; delaySlot: number; slotBases: number; preHist: number; preHead: number; postHist: number; postHead: number;
  delayBlock: number;
  /** The WASM Poisson generator's block and scratch, with two slots of CDF tables (see poissonWasm.ts). */
  poissonBlock: number; pixels: number; cdfAt: number; cdfLength: number; rngWords: number; stamp: number; tmp: number;
  counts: number; cdf: number;
}

/**
 * Allocate the state of `neurons` excitatory neurons, a schedule buffer of `scheduleCapacity` entries, the step
 * loop's scratch (`steps` + 1 schedule step starts and a trace table of `traceLength` f64), the potentiation's (the
 * pre-spike stamps, the recent inputs, a pre trace table of `preTraceLength` f64) and the WASM Poisson
 * generator's (CDF tables for `steps` steps, scratch for `scheduleCapacity` spikes).
 */
export function allocateState(neurons: number, scheduleCapacity: number,
  loop: { steps: number; traceLength: number; preTraceLength?: number; delaySteps?: number } = { steps: 0, traceLength: 0 }): Layout {
  const S = loop.delaySteps ?? 0, H = S > 0 ? S + 1 : 0;
  const np = Math.ceil(neurons / 4) * 4;
  const sizes = { w: INPUTS * np, ge: np, v: np, thr: np, spikesOut: np, depIdx: np, depBy: 2 * np, rowPtrs: INPUTS, schedule: scheduleCapacity,
    selfIdx: np, selfGi: 2 * np, selfSave: 3 * np, theta: 2 * np, laneMask: np, refNeuron: neurons + 1, refUntil: neurons + 1, stepStart: loop.steps + 1,
    conductanceBlock: CONDUCTANCE_BLOCK.bytes / 4, currentBlock: CURRENT_BLOCK.bytes / 4, normalizeBlock: NORMALIZE_BLOCK.bytes / 4,
    potentiateBlock: POTENTIATE_BLOCK.bytes / 4, stampBlock: STAMP_BLOCK.bytes / 4, depList: np, depLast: np,
    trace: 2 * loop.traceLength, inhIdx: np, inhV: 2 * np, inhInput: 2 * np, inhRef: np, inhOut: np, leftIdx: np,
    leftV: 2 * np, leftSince: np, leftRef: np, winEnds: loop.steps + 1, winInh: loop.steps + 1,
    poissonBlock: POISSON_BLOCK.bytes / 4, pixels: INPUTS / 4, cdfAt: 2 * 256, cdfLength: 2 * 256, rngWords: 4, stamp: loop.steps, tmp: scheduleCapacity,
    lastPre: INPUTS, recentPre: INPUTS, recentPreMember: INPUTS / 4, preTrace: 2 * (loop.preTraceLength ?? 0),
    counts: loop.steps + 1, cdf: loop.steps > 0 ? 2 * 2 * 256 * (loop.steps + 1) : 0,
    // input delays (delays.ts): u8 delays, the delay ring, the pre and post spike histories, the kernels' block
    delays: S > 0 ? (INPUTS * np) / 4 : 0, delayRing: S * np, delaySlot: S > 0 ? 4 : 0, slotBases: S, preHist: INPUTS * H, preHead: H > 0 ? INPUTS : 0,
    postHist: np * H, postHead: H > 0 ? np : 0, delayBlock: S > 0 ? DELAY_BLOCK.bytes / 4 : 0 };
  const ptr = {} as Layout["ptr"];
  let offset = 64; // keep 0 unused
  for (const [name, count] of Object.entries(sizes)) {
    ptr[name as keyof Layout["ptr"]] = offset;
    offset += Math.ceil((count * 4) / 16) * 16;
  }
  const pages = Math.ceil(offset / 65536);
  const memory = new wasmApi.Memory({ initial: pages, maximum: pages });
  const buf = memory.buffer;
  const state: ExcState = {
    w: new Float32Array(buf, ptr.w, sizes.w),
    ge: new Float32Array(buf, ptr.ge, np),
    v: new Float32Array(buf, ptr.v, np),
    thr: new Float32Array(buf, ptr.thr, np),
    spikesOut: new Int32Array(buf, ptr.spikesOut, np),
    depIdx: new Int32Array(buf, ptr.depIdx, np),
    depBy: new Float64Array(buf, ptr.depBy, np),
    schedule: new Int32Array(buf, ptr.schedule, scheduleCapacity),
    stepStart: new Int32Array(buf, ptr.stepStart, loop.steps + 1),
    selfIdx: new Int32Array(buf, ptr.selfIdx, np),
    selfGi: new Float64Array(buf, ptr.selfGi, np),
    theta: new Float64Array(buf, ptr.theta, np),
  };
  new Int32Array(buf, ptr.laneMask, np).fill(-1, 0, neurons);
  return { neurons, np, memory, ptr, state };
}
