/**
 * The conductance model's steps run in WebAssembly (the generated kernel runSteps) between the events that need
 * JavaScript. runSteps runs the phases of schedule.ts marked "loop" (and delivers the inhibitory spikes of steps
 * without excitatory ones), step after step, on compact copies of the sparse sets (the refractory queue and theta
 * live in WASM memory), and returns at an event: a step with an excitatory spike (conductanceStep.ts runLoop then runs
 * that step's event phases) or the end of the range. The sets are copied into the conductance block's scratch before
 * each call (`load`) and back after it (`store`); between two events they do not change except in the ways runSteps
 * reproduces (decays, neurons going quiet). The recent post neurons (the depression's input) change only with
 * excitatory spikes and pruning, so the caller says when to copy them again (`recentChanged`).
 * The same arithmetic in the same order as the per-step path, so both give identical bits (with the TypeScript kernels
 * the network runs the per-step path: test/core/kernels.test.ts compares the two networks' whole state after training
 * and inference, test/core/golden.test.ts pins both to the numbers of the committed results).
 */
import { KernelBlocks } from "./blocks";
import { InhibitoryLayer } from "./inhibitory";
import { Kernels } from "./kernels";
import { Plasticity } from "./plasticity";
import { RefractoryQueue } from "./refractory";
import { SharedInhibition } from "./sharedInhibition";
import { Layout } from "./state";

export interface StepLoopParts {
  layout: Layout;
  kernels: Kernels;
  /** The conductance block (static fields written by createBlocks) and the stamp block. */
  blocks: Pick<KernelBlocks, "conductance" | "stamp">;
  plasticity: Plasticity;
  inhibition: SharedInhibition;
  refractory: RefractoryQueue;
  inhibitory: InhibitoryLayer;
  /** Whether the rule depresses at pre spikes (LearningRule.loopShape.depressionNu !== 0); false: the loop skips it. */
  depression: boolean;
}

export class StepLoop {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly runSteps: NonNullable<Kernels["runSteps"]>;
  private readonly markPreSpikes: NonNullable<Kernels["markPreSpikes"]>;
  private readonly block: KernelBlocks["conductance"];
  /** The inhibitory spikes' neuron indices of the event step. */
  readonly inhibitoryOut: Int32Array;
  /** The block's decision window ends and the inhibitory count at each (see setWindows). */
  private readonly winEnds: Int32Array;
  private readonly winInh: Int32Array;
  /** Whether the block's copy of the recent post neurons is current (see recentChanged). */
  private recentCopied = false;
  /** Slots of the fields set or read at every run (i32 indices, but `g`: f64). */
  private readonly at: Record<"from" | "to" | "t0" | "learn" | "scheduled" | "stepOffset" | "g" | "selfCount" | "refHead" | "refTail" | "inhCount"
    | "leftCount" | "depCount" | "n" | "nInh" | "event" | "inhSpikes" | "winCount" | "winNext" | "pairPending" | "pairInh" | "pairOthers", number>;
  /** The stamp block's address and the slots of its call fields. */
  private readonly stampAt: Record<"address" | "from" | "to" | "tFrom" | "count", number>;

  constructor(private readonly parts: StepLoopParts) {
    const { layout, kernels } = parts;
    if (!kernels.runSteps || !kernels.markPreSpikes) throw new RangeError("StepLoop: these kernels have no runSteps or markPreSpikes (use the per-step path)");
    this.runSteps = kernels.runSteps;
    this.markPreSpikes = kernels.markPreSpikes;
    const buf = layout.memory.buffer;
    this.block = parts.blocks.conductance;
    this.i32 = new Int32Array(buf);
    this.f64 = new Float64Array(buf);
    this.inhibitoryOut = new Int32Array(buf, layout.ptr.inhOut, layout.np);
    const b = this.block;
    this.at = {
      from: b.slot("from"), to: b.slot("to"), t0: b.slot("t0"), learn: b.slot("learn"), scheduled: b.slot("scheduled"),
      stepOffset: b.slot("stepOffset"),
      g: b.slot("g"), selfCount: b.slot("selfCount"), refHead: b.slot("refHead"), refTail: b.slot("refTail"),
      inhCount: b.slot("inhCount"), leftCount: b.slot("leftCount"), depCount: b.slot("depCount"), n: b.slot("n"),
      nInh: b.slot("nInh"), event: b.slot("event"), inhSpikes: b.slot("inhSpikes"), winCount: b.slot("winCount"),
      winNext: b.slot("winNext"), pairPending: b.slot("pairPending"), pairInh: b.slot("pairInh"), pairOthers: b.slot("pairOthers"),
    };
    this.winEnds = new Int32Array(buf, layout.ptr.winEnds, layout.state.stepStart.length); // steps + 1
    this.winInh = new Int32Array(buf, layout.ptr.winInh, this.winEnds.length);
    const stamp = parts.blocks.stamp;
    this.stampAt = { address: stamp.address, from: stamp.slot("from"), to: stamp.slot("to"), tFrom: stamp.slot("tFrom"), count: stamp.slot("count") };
  }

  /** The recent post neurons (recentDep, lastPost) must be copied again before the next run. */
  recentChanged(): void {
    this.recentCopied = false;
  }

  /** Whether the last run stopped after a step with spikes (counts in `spikes` and `inhibitorySpikes`). */
  get event(): boolean {
    return this.i32[this.at.event] !== 0;
  }

  /** The inhibitory spikes of the steps run since the last call (the block's counter, then zeroed). */
  takeInhibitorySpikes(): number {
    const slot = this.at.inhSpikes;
    const n = this.i32[slot];
    this.i32[slot] = 0;
    return n;
  }

  /**
   * The decision windows of the presentation about to run: their end steps (ascending; none: no windows, as in the
   * rest period). A run that completes a window's last step without an event notes the inhibitory count then
   * (windowInhibitory) and moves windowNext on; a window whose last step is an event step is the caller's to close.
   */
  setWindows(ends: readonly number[]): void {
    if (ends.length > this.winEnds.length) throw new RangeError(`StepLoop: ${ends.length} decision windows, room for ${this.winEnds.length}`);
    for (let k = 0; k < ends.length; k++) this.winEnds[k] = ends[k];
    this.i32[this.at.winCount] = ends.length;
    this.i32[this.at.winNext] = 0;
  }

  /** No decision windows (the rest period, a presentation without them). */
  clearWindows(): void {
    this.i32[this.at.winCount] = 0;
    this.i32[this.at.winNext] = 0;
  }

  /** The first decision window not yet ended. */
  get windowNext(): number {
    return this.i32[this.at.winNext];
  }

  set windowNext(k: number) {
    this.i32[this.at.winNext] = k;
  }

  /** The inhibitory spikes counted by the run (takeInhibitorySpikes' count) up to the end of window k. */
  windowInhibitory(k: number): number {
    return this.winInh[k];
  }

  /**
   * A slice of a split network (coupling.ts): whether the next step's inhibitory phase has run early, with its spikes
   * in `inhibitoryOut` (`pairInh` of them) and the other slices' spikes of that step (`pairOthers`) known; the loop
   * then uses them at that step (and clears it).
   */
  get pairPending(): boolean {
    return this.i32[this.at.pairPending] !== 0;
  }

  /** The pending step's inhibitory spikes, here and in the other slices (see pairPending). */
  get pairCounts(): { own: number; others: number } {
    return { own: this.i32[this.at.pairInh], others: this.i32[this.at.pairOthers] };
  }

  /** Set (or clear, with undefined) the pending step's counts (see pairPending); its spikes go in `inhibitoryOut`. */
  setPair(counts: { own: number; others: number } | undefined): void {
    this.i32[this.at.pairPending] = counts ? 1 : 0;
    if (counts) {
      this.i32[this.at.pairInh] = counts.own;
      this.i32[this.at.pairOthers] = counts.others;
    }
  }

  /** Excitatory spikes of the event step (in state.spikesOut). */
  get spikes(): number {
    return this.i32[this.at.n];
  }

  /** Inhibitory spikes of the event step (in `inhibitoryOut`). */
  get inhibitorySpikes(): number {
    return this.i32[this.at.nInh];
  }

  /**
   * Run steps s = from .. to - 1 (t = t0, t0 + 1, ...) until an event; returns the steps completed without one.
   * `scheduled`: the steps take their input spikes from the schedule (false: no input, the rest period); `stepOffset`:
   * the presentation's index of step 0 of this numbering (presentSteps in the rest period; input delays read it).
   */
  run(from: number, to: number, t0: number, learn: boolean, scheduled: boolean, stepOffset: number): number {
    this.load(learn);
    const { i32, at } = this;
    i32[at.from] = from;
    i32[at.to] = to;
    i32[at.t0] = t0;
    i32[at.learn] = learn ? 1 : 0;
    i32[at.scheduled] = scheduled ? 1 : 0;
    i32[at.stepOffset] = stepOffset;
    const done = this.runSteps(this.block.address);
    this.store();
    return done;
  }

  /**
   * Stamp the pre traces of the schedule's steps from .. end - 1, step s at t = tFrom + s (stdp.ts markPreSpikes per
   * step, by the WASM kernel: lastPre and the recent inputs live in WASM memory).
   */
  stampPre(from: number, end: number, tFrom: number): void {
    const { plasticity: pl } = this.parts;
    const { i32, stampAt } = this;
    i32[stampAt.from] = from;
    i32[stampAt.to] = end;
    i32[stampAt.tFrom] = tFrom;
    i32[stampAt.count] = pl.recentPre.count;
    pl.recentPre.count = this.markPreSpikes(stampAt.address);
  }

  private load(learn: boolean): void {
    const { plasticity: pl, inhibition, refractory, inhibitory, layout } = this.parts;
    const { i32, f64 } = this;
    const ptr = layout.ptr;
    // recent post neurons and their last spike (the depression list's input; they change only where the network says)
    if (!learn || !this.parts.depression) {
      this.i32[this.at.depCount] = 0;
      this.recentCopied = false;
    } else if (!this.recentCopied) {
      const list = pl.recentDep.list, lastPost = pl.lastPost;
      const depCount = pl.recentDep.count;
      for (let r = 0; r < depCount; r++) {
        const j = list[r];
        i32[(ptr.depList >> 2) + r] = j;
        i32[(ptr.depLast >> 2) + r] = lastPost[j];
      }
      this.i32[this.at.depCount] = depCount;
      this.recentCopied = true;
    }
    // the shared inhibition and the self-inhibited neurons' shares
    this.f64[this.at.g] = inhibition.g;
    const self = inhibition.self;
    for (let r = 0; r < self.count; r++) {
      const j = self.list[r];
      i32[(ptr.selfIdx >> 2) + r] = j;
      f64[(ptr.selfGi >> 3) + r] = inhibition.selfGi[j];
    }
    this.i32[this.at.selfCount] = self.count;
    // the refractory queue's ring positions (its arrays are in WASM memory)
    this.i32[this.at.refHead] = refractory.head;
    this.i32[this.at.refTail] = refractory.tail;
    // active inhibitory neurons
    const active = inhibitory.active;
    for (let e = 0; e < active.count; e++) {
      const j = active.list[e];
      i32[(ptr.inhIdx >> 2) + e] = j;
      f64[(ptr.inhV >> 3) + e] = inhibitory.v[j];
      f64[(ptr.inhInput >> 3) + e] = inhibitory.input[j];
      i32[(ptr.inhRef >> 2) + e] = inhibitory.refUntil[j];
    }
    this.i32[this.at.inhCount] = active.count;
    this.i32[this.at.leftCount] = 0;
  }

  private store(): void {
    const { inhibition, inhibitory, refractory, layout } = this.parts;
    const { i32, f64 } = this;
    const ptr = layout.ptr;
    refractory.head = this.i32[this.at.refHead];
    inhibition.g = this.f64[this.at.g];
    const self = inhibition.self;
    for (let r = 0; r < self.count; r++) {
      const j = self.list[r];
      inhibition.selfGi[j] = 0;
      self.member[j] = 0;
    }
    const selfCount = this.i32[this.at.selfCount];
    for (let r = 0; r < selfCount; r++) {
      const j = i32[(ptr.selfIdx >> 2) + r];
      self.list[r] = j;
      self.member[j] = 1;
      inhibition.selfGi[j] = f64[(ptr.selfGi >> 3) + r];
    }
    self.count = selfCount;
    const active = inhibitory.active;
    const left = this.i32[this.at.leftCount];
    for (let e = 0; e < left; e++) {
      const j = i32[(ptr.leftIdx >> 2) + e];
      inhibitory.v[j] = f64[(ptr.leftV >> 3) + e];
      inhibitory.since[j] = i32[(ptr.leftSince >> 2) + e];
      inhibitory.refUntil[j] = i32[(ptr.leftRef >> 2) + e];
      inhibitory.input[j] = 0;
      active.member[j] = 0;
    }
    const kept = this.i32[this.at.inhCount];
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
