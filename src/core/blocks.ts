/**
 * The kernels' parameter blocks of one network (layouts in wasm/layout.ts), with their static fields written once:
 * the addresses of the Layout's arrays and the parameters derived from the preset. Callers set a block's call fields
 * and pass its address to a kernel (kernels.ts). The Poisson block is WasmPoisson's (poissonWasm.ts).
 */
import { Derived } from "./derived";
import { QUIET_INPUT } from "./inhibitory";
import { ConductancePreset, Preset } from "./params";
import { GI_NEGLIGIBLE } from "./sharedInhibition";
import { INPUTS, Layout } from "./state";
import {
  BlockView, CONDUCTANCE_BLOCK, CURRENT_BLOCK, DELAY_BLOCK, FieldOf, NORMALIZE_BLOCK, POTENTIATE_BLOCK, STAMP_BLOCK,
} from "./wasm/layout";

export interface KernelBlocks {
  readonly conductance: BlockView<FieldOf<typeof CONDUCTANCE_BLOCK>>;
  readonly current: BlockView<FieldOf<typeof CURRENT_BLOCK>>;
  readonly normalize: BlockView<FieldOf<typeof NORMALIZE_BLOCK>>;
  readonly potentiate: BlockView<FieldOf<typeof POTENTIATE_BLOCK>>;
  readonly stamp: BlockView<FieldOf<typeof STAMP_BLOCK>>;
  /** The slots of the fields set before each call (see BlockView.slot), looked up once. */
  readonly at: {
    readonly step: Readonly<Record<"idx" | "count" | "m" | "gi" | "gShared" | "selfCount", number>>;
    readonly current: Readonly<Record<"idx" | "count" | "m", number>>;
    readonly normalize: Readonly<Record<"count" | "total", number>>;
    readonly potentiate: Readonly<Record<"j" | "t" | "count" | "scale" | "wMax", number>>;
  };
}

/** The blocks of `layout` with their static fields; `depressionNu`: the rule's (LearningRule.loopShape; 0 without). */
export function createBlocks(layout: Layout, preset: Readonly<Preset>, d: Derived, depressionNu: number): KernelBlocks {
  const { memory, ptr, np } = layout;
  const e = preset.exc;
  const conductance = new BlockView(memory, ptr.conductanceBlock, CONDUCTANCE_BLOCK);
  if (preset.neuronModel === "conductance") writeConductanceBlock(conductance, layout, preset, d, depressionNu);
  const current = new BlockView(memory, ptr.currentBlock, CURRENT_BLOCK);
  current.assign({
    v: ptr.v, input: ptr.ge, thr: ptr.thr, out: ptr.spikesOut, np, w: ptr.w, dj: ptr.depIdx, dby: ptr.depBy,
    vRest: e.vRestMv, decay: d.excDecay, vReset: e.vResetMv,
  });
  const normalize = new BlockView(memory, ptr.normalizeBlock, NORMALIZE_BLOCK);
  normalize.assign({ w: ptr.w, np, inputs: INPUTS, cols: ptr.depIdx, sums: ptr.depBy });
  const potentiate = new BlockView(memory, ptr.potentiateBlock, POTENTIATE_BLOCK);
  potentiate.assign({ w: ptr.w, np, inputs: ptr.recentPre, lastPre: ptr.lastPre, table: ptr.preTrace, len: d.prePow.length });
  new Float64Array(memory.buffer, ptr.preTrace, d.prePow.length).set(d.prePow);
  const stamp = new BlockView(memory, ptr.stampBlock, STAMP_BLOCK);
  stamp.assign({
    idx: ptr.schedule, stepStart: ptr.stepStart, lastPre: ptr.lastPre, list: ptr.recentPre, member: ptr.recentPreMember,
    preHist: d.delaySteps > 0 ? ptr.preHist : 0, preHead: ptr.preHead, history: d.delaySteps + 1,
  });
  const at = {
    step: conductance.slots("idx", "count", "m", "gi", "gShared", "selfCount"),
    current: current.slots("idx", "count", "m"),
    normalize: normalize.slots("count", "total"),
    potentiate: potentiate.slots("j", "t", "count", "scale", "wMax"),
  };
  return { conductance, current, normalize, potentiate, stamp, at };
}

/** The conductance block's static fields: the Layout's arrays and the conductance model's parameters. */
function writeConductanceBlock(conductance: KernelBlocks["conductance"], layout: Layout, preset: Readonly<ConductancePreset>, d: Derived,
  depressionNu: number): void {
  const { memory, ptr, np, neurons } = layout;
  const e = preset.exc, inh = preset.inh;
  conductance.assign({
    v: ptr.v, ge: ptr.ge, thr: ptr.thr, out: ptr.spikesOut, np, laneMask: ptr.laneMask, w: ptr.w,
    rowBase: d.delaySteps > 0 ? ptr.delayRing : ptr.w,
    rows: ptr.rowPtrs, dj: ptr.depIdx, dby: ptr.depBy, schedule: ptr.schedule, stepStart: ptr.stepStart, selfIdx: ptr.selfIdx, selfGi: ptr.selfGi, selfSave: ptr.selfSave,
    depList: ptr.depList, depLast: ptr.depLast, post1Pow: ptr.trace, post1Len: d.post1Pow.length, inhIdx: ptr.inhIdx,
    inhV: ptr.inhV, inhInput: ptr.inhInput, inhRef: ptr.inhRef, inhOut: ptr.inhOut, leftIdx: ptr.leftIdx, leftV: ptr.leftV,
    leftSince: ptr.leftSince, leftRef: ptr.leftRef, winEnds: ptr.winEnds, winInh: ptr.winInh, inhRefractorySteps: d.inhRefractorySteps, theta: ptr.theta,
    refNeuron: ptr.refNeuron, refUntil: ptr.refUntil, refLength: neurons + 1, holdV: d.excRefractoryHold ? 1 : 0,
    delays: d.delaySteps > 0 ? 1 : 0, delayBlock: ptr.delayBlock, delaySlot: ptr.delaySlot, slotCount: d.delaySteps,
    presentSteps: d.presentSteps,
    vRest: e.vRestMv, eExc: e.eExcMv, eInh: e.eInhMv, k: d.excEuler, geDecay: d.geDecay, vReset: e.vResetMv,
    giDecay: d.giDecay, nuPre: depressionNu, inhVRest: inh.vRestMv, inhEExc: inh.eExcMv, inhEuler: d.inhEuler,
    inhGeDecay: d.inhGeDecay, inhVThresh: inh.vThreshMv, inhVReset: inh.vResetMv, giNegligible: GI_NEGLIGIBLE,
    quietInput: QUIET_INPUT, wInhExc: preset.wInhExc, thrBase: d.thresholdBaseMv, coupled: 0, inhEvents: 0,
    clampCountFrom: clampCountFrom(preset, d, preset.exc.thetaInitMv),
  });
  new Float64Array(memory.buffer, ptr.trace, d.post1Pow.length).set(d.post1Pow);
}

/** The input delays' block (wasm/layout.ts DELAY_BLOCK) with its static fields, and the slots of its call fields. */
export interface DelayBlock {
  readonly view: BlockView<FieldOf<typeof DELAY_BLOCK>>;
  readonly at: Readonly<Record<"idx" | "count" | "cur" | "t" | "depCount" | "j" | "preCount" | "scale" | "wMax", number>>;
}

export function createDelayBlock(layout: Layout, d: Derived, depressionNu: number): DelayBlock {
  const { memory, ptr, np } = layout;
  const view = new BlockView(memory, ptr.delayBlock, DELAY_BLOCK);
  view.assign({
    w: ptr.w, np, delays: ptr.delays, ring: ptr.delayRing, slots: d.delaySteps, history: d.delaySteps + 1,
    preHist: ptr.preHist, preHead: ptr.preHead, postHist: ptr.postHist, postHead: ptr.postHead, post1Pow: ptr.trace,
    post1Len: d.post1Pow.length, prePow: ptr.preTrace, preLen: d.prePow.length, recentPre: ptr.recentPre,
    depList: ptr.depList, slotBases: ptr.slotBases, nu: depressionNu,
  });
  return { view, at: view.slots("idx", "count", "cur", "t", "depCount", "j", "preCount", "scale", "wMax") };
}

/** Set the conductance block's input of one step: the schedule's spikes [a, b) and a depression list of length m. */
export function setStepInput(blocks: KernelBlocks, schedulePtr: number, a: number, b: number, m: number): void {
  const i32 = blocks.conductance.i32, at = blocks.at.step;
  i32[at.idx] = schedulePtr + 4 * a;
  i32[at.count] = b - a;
  i32[at.m] = m;
}

/**
 * From which shared gi on the step kernels count the clamps at eInh (the block's clampCountFrom; see the dispatchers
 * in scripts/kernels/conductance.ts): below (1 - k) / k no clamp can act while every v stays in [eInh, eExc], which
 * holds when refractory v is held (not integrating) and every threshold stays below eExc. `thetaMaxMv`: the largest
 * theta now; until the next call (one presentation and its rest) a threshold rises by at most thetaPlus per spike.
 * Half the bound (a margin for f32 rounding), or -inf (count every step) when the condition may fail.
 */
export function clampCountFrom(preset: Readonly<ConductancePreset>, d: Derived, thetaMaxMv: number): number {
  const e = preset.exc;
  // a neuron spikes at most once per excRefractorySteps + 1 steps: theta rises by at most thetaPlus per spike
  const spikes = Math.ceil((d.presentSteps + d.restSteps) / (d.excRefractorySteps + 1));
  const highestThresholdMv = d.thresholdBaseMv + thetaMaxMv + e.thetaPlusMv * spikes;
  if (!d.excRefractoryHold || !(highestThresholdMv < e.eExcMv)) return -Infinity;
  return (0.5 * (1 - d.excEuler)) / d.excEuler;
}
