/**
 * The conductance model's steps run in WebAssembly (kernels.wat runSteps) between the events that need JavaScript.
 *
 * Network.stepConductance does per step: the refractory periods that end, the excitatory kernel with the shared
 * inhibition, the depression of the step's input rows, the refractory hold, the active inhibitory neurons, then the
 * step's spikes. Most steps have no excitatory spike, and everything else works on small sparse sets, so runSteps does
 * those steps in one call on compact copies of the sets (the refractory queue and theta live in WASM memory;
 * inhibitory spikes are delivered to the shared inhibition in WASM) and returns at an event: a step with an
 * excitatory spike (its spikes are then handled by the network as in stepConductance) or the end of the range.
 * The sets are copied into the loop's block before each call (`load`) and back after it (`store`); between two events
 * they do not change except in the ways runSteps reproduces (decays, neurons going quiet). The recent post neurons
 * (the depression's input) change only with excitatory spikes and pruning, so the network says when to copy them
 * again (`recentChanged`).
 * The same arithmetic in the same order as the per-step path, so both give identical bits (with the TypeScript kernels
 * the network runs the per-step path: test/core/kernels.test.ts compares the two networks' whole state after training
 * and inference, test/core/golden.test.ts pins both to the numbers of the committed results).
 */
import { Derived } from "./derived";
import { InhibitoryLayer, QUIET_INPUT } from "./inhibitory";
import { Kernels } from "./kernels";
import { ExcitatoryParams, InhibitoryParams } from "./params";
import { Plasticity } from "./plasticity";
import { RefractoryQueue } from "./refractory";
import { GI_NEGLIGIBLE, SharedInhibition } from "./sharedInhibition";
import { Layout } from "./state";

/** Byte offsets in the block (kernels.wat runSteps documents the same table). */
const I32 = {
  v: 0, ge: 4, thr: 8, out: 12, np: 16, w: 20, rows: 24, dj: 28, dby: 32, schedule: 36, stepStart: 40, selfIdx: 44,
  selfGi: 48, selfSave: 52, depList: 56, depLast: 60, trace: 64, traceLength: 68, inhIdx: 76, inhV: 80,
  inhInput: 84, inhRef: 88, inhOut: 92, leftIdx: 96, leftV: 100, leftSince: 104, inhRefractorySteps: 108, leftRef: 260,
  theta: 264, refNeuron: 268, refUntil: 272, refLength: 276, refHead: 280, refTail: 284,
  selfCount: 224, inhCount: 228, leftCount: 232, depCount: 240, n: 248, nInh: 252, event: 256,
} as const;
const F32 = { vRest: 112, eExc: 116, eInh: 120, k: 124, geDecay: 128, vReset: 132 } as const;
const F64 = {
  giDecay: 136, nuPre: 144, inhVRest: 152, inhEExc: 160, inhEuler: 168, inhGeDecay: 176, inhVThresh: 184, inhVReset: 192,
  giNegligible: 200, quietInput: 208, g: 216, wInhExc: 288, thrBase: 296,
} as const;

export interface StepLoopParts {
  layout: Layout;
  kernels: Kernels;
  exc: Readonly<ExcitatoryParams>;
  inh: Readonly<InhibitoryParams>;
  /** Weight of an inhibitory spike onto the excitatory neurons (Preset.wInhExc). */
  wInhExc: number;
  derived: Derived;
  /** The learning rule's depression per unit of post1 trace (LearningRule.depressionNu). */
  nuPre: number;
  plasticity: Plasticity;
  inhibition: SharedInhibition;
  refractory: RefractoryQueue;
  inhibitory: InhibitoryLayer;
}

export class StepLoop {
  private readonly block: number;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly runSteps: NonNullable<Kernels["runSteps"]>;
  private readonly markPreSpikes: NonNullable<Kernels["markPreSpikes"]>;
  /** The inhibitory spikes' neuron indices of the event step. */
  readonly inhibitoryOut: Int32Array;
  /** Whether the block's copy of the recent post neurons is current (see recentChanged). */
  private recentCopied = false;

  constructor(private readonly parts: StepLoopParts) {
    const { layout, kernels, exc, inh, derived: d } = parts;
    if (!kernels.runSteps || !kernels.markPreSpikes) throw new RangeError("StepLoop: these kernels have no runSteps or markPreSpikes (use the per-step path)");
    this.runSteps = kernels.runSteps;
    this.markPreSpikes = kernels.markPreSpikes;
    const ptr = layout.ptr;
    const buf = layout.memory.buffer;
    this.block = ptr.loop;
    this.i32 = new Int32Array(buf);
    this.f64 = new Float64Array(buf);
    const f32 = new Float32Array(buf);
    this.inhibitoryOut = new Int32Array(buf, ptr.inhOut, layout.np);
    const table = d.post1Pow;
    new Float64Array(buf, ptr.trace, table.length).set(table);
    const pointers: Record<keyof typeof I32, number> = {
      v: ptr.v, ge: ptr.ge, thr: ptr.thr, out: ptr.spikesOut, np: layout.np, w: ptr.w, rows: ptr.rowPtrs, dj: ptr.depIdx,
      dby: ptr.depBy, schedule: ptr.schedule, stepStart: ptr.stepStart, selfIdx: ptr.selfIdx, selfGi: ptr.selfGi,
      selfSave: ptr.selfSave, depList: ptr.depList, depLast: ptr.depLast, trace: ptr.trace, traceLength: table.length,
      inhIdx: ptr.inhIdx, inhV: ptr.inhV, inhInput: ptr.inhInput, inhRef: ptr.inhRef, inhOut: ptr.inhOut,
      leftIdx: ptr.leftIdx, leftV: ptr.leftV, leftSince: ptr.leftSince, inhRefractorySteps: d.inhRefractorySteps,
      leftRef: ptr.leftRef, theta: ptr.theta, refNeuron: ptr.refNeuron, refUntil: ptr.refUntil, refLength: layout.neurons + 1,
      refHead: 0, refTail: 0, selfCount: 0, inhCount: 0, leftCount: 0, depCount: 0, n: 0, nInh: 0, event: 0,
    };
    for (const [name, offset] of Object.entries(I32)) this.i32[(this.block + offset) >> 2] = pointers[name as keyof typeof I32];
    const f32Values: Record<keyof typeof F32, number> = {
      vRest: exc.vRestMv, eExc: exc.eExcMv, eInh: exc.eInhMv, k: d.excEuler, geDecay: d.geDecay, vReset: exc.vResetMv,
    };
    for (const [name, offset] of Object.entries(F32)) f32[(this.block + offset) >> 2] = f32Values[name as keyof typeof F32];
    const f64Values: Record<keyof typeof F64, number> = {
      giDecay: d.giDecay, nuPre: parts.nuPre, inhVRest: inh.vRestMv, inhEExc: inh.eExcMv, inhEuler: d.inhEuler,
      inhGeDecay: d.inhGeDecay, inhVThresh: inh.vThreshMv, inhVReset: inh.vResetMv, giNegligible: GI_NEGLIGIBLE,
      quietInput: QUIET_INPUT, g: 0, wInhExc: parts.wInhExc, thrBase: exc.vThreshMv - exc.thetaOffsetMv,
    };
    for (const [name, offset] of Object.entries(F64)) this.f64[(this.block + offset) >> 3] = f64Values[name as keyof typeof F64];
  }

  /** The recent post neurons (recentDep, lastPost) must be copied again before the next run. */
  recentChanged(): void {
    this.recentCopied = false;
  }

  /** Whether the last run stopped after a step with spikes (counts in `spikes` and `inhibitorySpikes`). */
  get event(): boolean {
    return this.i32[(this.block + I32.event) >> 2] !== 0;
  }

  /** Excitatory spikes of the event step (in state.spikesOut). */
  get spikes(): number {
    return this.i32[(this.block + I32.n) >> 2];
  }

  /** Inhibitory spikes of the event step (in `inhibitoryOut`). */
  get inhibitorySpikes(): number {
    return this.i32[(this.block + I32.nInh) >> 2];
  }

  /**
   * Run steps s = from .. to - 1 (t = t0, t0 + 1, ...) until an event; returns the steps completed without one.
   * `scheduled`: the steps take their input spikes from the schedule (false: no input, the rest period).
   */
  run(from: number, to: number, t0: number, learn: boolean, scheduled: boolean): number {
    this.load(learn);
    const done = this.runSteps(this.block, from, to, t0, learn ? 1 : 0, scheduled ? 1 : 0);
    this.store();
    return done;
  }

  /**
   * Stamp the pre traces of the schedule's steps from .. end - 1, step s at t = tFrom + s (stdp.ts markPreSpikes per
   * step, by the WASM kernel: lastPre and the recent inputs live in WASM memory).
   */
  stampPre(from: number, end: number, tFrom: number): void {
    const { plasticity: pl, layout } = this.parts;
    const ptr = layout.ptr;
    pl.recentPre.count = this.markPreSpikes(ptr.schedule, ptr.stepStart, from, end, tFrom, ptr.lastPre, ptr.recentPre,
      ptr.recentPreMember, pl.recentPre.count);
  }

  private setI32(offset: number, value: number): void {
    this.i32[(this.block + offset) >> 2] = value;
  }

  private getI32(offset: number): number {
    return this.i32[(this.block + offset) >> 2];
  }

  private load(learn: boolean): void {
    const { plasticity: pl, inhibition, refractory, inhibitory, layout } = this.parts;
    const { i32, f64 } = this;
    const ptr = layout.ptr;
    // recent post neurons and their last spike (the depression list's input; they change only where the network says)
    if (!learn) {
      this.setI32(I32.depCount, 0);
      this.recentCopied = false;
    } else if (!this.recentCopied) {
      const list = pl.recentDep.list, lastPost = pl.lastPost;
      const depCount = pl.recentDep.count;
      for (let r = 0; r < depCount; r++) {
        const j = list[r];
        i32[(ptr.depList >> 2) + r] = j;
        i32[(ptr.depLast >> 2) + r] = lastPost[j];
      }
      this.setI32(I32.depCount, depCount);
      this.recentCopied = true;
    }
    // the shared inhibition and the self-inhibited neurons' shares
    f64[(this.block + F64.g) >> 3] = inhibition.g;
    const self = inhibition.self;
    for (let r = 0; r < self.count; r++) {
      const j = self.list[r];
      i32[(ptr.selfIdx >> 2) + r] = j;
      f64[(ptr.selfGi >> 3) + r] = inhibition.selfGi[j];
    }
    this.setI32(I32.selfCount, self.count);
    // the refractory queue's ring positions (its arrays are in WASM memory)
    this.setI32(I32.refHead, refractory.head);
    this.setI32(I32.refTail, refractory.tail);
    // active inhibitory neurons
    const active = inhibitory.active;
    for (let e = 0; e < active.count; e++) {
      const j = active.list[e];
      i32[(ptr.inhIdx >> 2) + e] = j;
      f64[(ptr.inhV >> 3) + e] = inhibitory.v[j];
      f64[(ptr.inhInput >> 3) + e] = inhibitory.input[j];
      i32[(ptr.inhRef >> 2) + e] = inhibitory.refUntil[j];
    }
    this.setI32(I32.inhCount, active.count);
    this.setI32(I32.leftCount, 0);
  }

  private store(): void {
    const { inhibition, inhibitory, refractory, layout } = this.parts;
    const { i32, f64 } = this;
    const ptr = layout.ptr;
    refractory.head = this.getI32(I32.refHead);
    inhibition.g = f64[(this.block + F64.g) >> 3];
    const self = inhibition.self;
    for (let r = 0; r < self.count; r++) {
      const j = self.list[r];
      inhibition.selfGi[j] = 0;
      self.member[j] = 0;
    }
    const selfCount = this.getI32(I32.selfCount);
    for (let r = 0; r < selfCount; r++) {
      const j = i32[(ptr.selfIdx >> 2) + r];
      self.list[r] = j;
      self.member[j] = 1;
      inhibition.selfGi[j] = f64[(ptr.selfGi >> 3) + r];
    }
    self.count = selfCount;
    const active = inhibitory.active;
    const left = this.getI32(I32.leftCount);
    for (let e = 0; e < left; e++) {
      const j = i32[(ptr.leftIdx >> 2) + e];
      inhibitory.v[j] = f64[(ptr.leftV >> 3) + e];
      inhibitory.since[j] = i32[(ptr.leftSince >> 2) + e];
      inhibitory.refUntil[j] = i32[(ptr.leftRef >> 2) + e];
      inhibitory.input[j] = 0;
      active.member[j] = 0;
    }
    const kept = this.getI32(I32.inhCount);
    for (let e = 0; e < kept; e++) {
      const j = i32[(ptr.inhIdx >> 2) + e];
      active.list[e] = j;
      inhibitory.v[j] = f64[(ptr.inhV >> 3) + e];
      inhibitory.input[j] = f64[(ptr.inhInput >> 3) + e];
      inhibitory.refUntil[j] = i32[(ptr.inhRef >> 2) + e];
    }
    active.count = kept;
  }
}
