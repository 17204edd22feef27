/**
 * Tests' calls of the block-calling kernels with explicit arguments: each helper writes the arguments into the
 * layout's block for that kernel (the fields of src/core/wasm/layout.ts) and calls the kernel with its address.
 */
import { Kernels } from "../../src/core/kernels";
import { Layout } from "../../src/core/state";
import { BlockView, CONDUCTANCE_BLOCK, CURRENT_BLOCK, NORMALIZE_BLOCK } from "../../src/core/wasm/layout";

export interface StepArgs {
  idx: number; count: number; m: number; vRest: number; eExc: number; eInh: number; k: number; geDecay: number;
  vReset: number; gi?: number;
}

function conductanceBlock(l: Layout, a: StepArgs) {
  const p = l.ptr;
  const b = new BlockView(l.memory, p.conductanceBlock, CONDUCTANCE_BLOCK);
  b.assign({
    v: p.v, ge: p.ge, thr: p.thr, out: p.spikesOut, np: l.np, w: p.w, rowBase: p.w, rows: p.rowPtrs, dj: p.depIdx, dby: p.depBy,
    selfIdx: p.selfIdx, selfGi: p.selfGi, selfSave: p.selfSave, laneMask: p.laneMask,
    idx: a.idx, count: a.count, m: a.m, vRest: a.vRest, eExc: a.eExc, eInh: a.eInh, k: a.k, geDecay: a.geDecay,
    vReset: a.vReset, gi: a.gi ?? 0, clampCountFrom: -Infinity, // count at every step, as the TypeScript oracle does
  });
  return b;
}

export const stepConductance = (k: Kernels, l: Layout, a: StepArgs): number => k.stepConductance(conductanceBlock(l, a).address);
export const stepConductanceNoGi = (k: Kernels, l: Layout, a: StepArgs): number => k.stepConductanceNoGi(conductanceBlock(l, a).address);
export function stepConductanceSelf(k: Kernels, l: Layout, a: StepArgs & { selfCount: number; gShared: number }): number {
  const b = conductanceBlock(l, a);
  b.assign({ selfCount: a.selfCount, gShared: a.gShared });
  return k.stepConductanceSelf(b.address);
}

export function inputSpikes(k: Kernels, l: Layout, a: { idx: number; count: number; m: number }): void {
  const p = l.ptr;
  const b = new BlockView(l.memory, p.currentBlock, CURRENT_BLOCK);
  b.assign({ w: p.w, input: p.ge, np: l.np, dj: p.depIdx, dby: p.depBy, idx: a.idx, count: a.count, m: a.m });
  k.inputSpikes(b.address);
}

export function excCurrent(k: Kernels, l: Layout, a: { vRest: number; decay: number; vReset: number }): number {
  const p = l.ptr;
  const b = new BlockView(l.memory, p.currentBlock, CURRENT_BLOCK);
  b.assign({ v: p.v, input: p.ge, thr: p.thr, out: p.spikesOut, np: l.np, vRest: a.vRest, decay: a.decay, vReset: a.vReset });
  return k.excCurrent(b.address);
}

export function normalizeColumns(k: Kernels, l: Layout, a: { count: number; total: number }): void {
  const p = l.ptr;
  const b = new BlockView(l.memory, p.normalizeBlock, NORMALIZE_BLOCK);
  b.assign({ w: p.w, np: l.np, inputs: 784, cols: p.depIdx, sums: p.depBy, count: a.count, total: a.total });
  k.normalizeColumns(b.address);
}
