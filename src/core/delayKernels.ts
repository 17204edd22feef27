/**
 * The TypeScript oracles of the input delays' kernels (kernels.ts tsKernels includes them; the WASM ones are generated
 * from scripts/kernels/delays.ts with the same order of operations). All read the "delay" block (wasm/layout.ts).
 */
import { historyEntry } from "./delays";
import { NEVER } from "./plasticity";
import { BlockView, DELAY_BLOCK } from "./wasm/layout";
import { WasmMemory } from "./wasm/api";

export interface DelayKernels {
  /** The step's input spikes idx[0 .. count): ring[(cur + d_ij) mod slots][j] += W[i, j] for every lane j < np. */
  delayScatter(block: number): number;
  /**
   * The delayed depression of the input spikes idx[0 .. count) of step t: for each listed recent post neuron j
   * (depList[0 .. depCount)), u = t + d_ij, k = u - (j's last spike before u): W[i, j] = f32(max(0, W[i, j] - nu *
   * post1Pow[k])) when k < post1Len (f64 arithmetic).
   */
  delayDepress(block: number): number;
  /**
   * The potentiation of column j at a post spike at step t, with delays: for each recent input i (recentPre[0 ..
   * preCount)), u = t - d_ij, k = u - (i's last spike at or before u): W[i, j] = f32(min(wMax, W[i, j] + scale *
   * prePow[k])) when k < preLen (f64 arithmetic).
   */
  potentiateDelayed(block: number): number;
}

export function tsDelayKernels(memory: WasmMemory): DelayKernels {
  const f32 = new Float32Array(memory.buffer), i32 = new Int32Array(memory.buffer), f64 = new Float64Array(memory.buffer);
  const u8 = new Uint8Array(memory.buffer);
  const views = new Map<number, BlockView<string>>();
  const read = (address: number) => {
    let v = views.get(address);
    if (!v) views.set(address, (v = new BlockView(memory, address, DELAY_BLOCK) as unknown as BlockView<string>));
    return (field: (typeof DELAY_BLOCK)["fields"] extends infer F ? keyof F & string : never) => v!.get(field);
  };
  /** The step of n's last spike at or before u (before u when `strict`) in a history (hist, head: views); NEVER if none. */
  const latest = (hist: Int32Array, head: Int32Array, h: number, n: number, u: number, strict: boolean): number => {
    const e = historyEntry(hist, head[n], h, n, u, !strict);
    return e < 0 ? NEVER : hist[e];
  };
  const view = (address: number): Int32Array => i32.subarray(address >> 2);
  return {
    delayScatter(block) {
      const c = read(block);
      const np = c("np"), slots = c("slots"), cur = c("cur"), w = c("w") >> 2, ring = c("ring") >> 2, delays = c("delays");
      for (let k = 0; k < c("count"); k++) {
        const i = i32[(c("idx") >> 2) + k];
        for (let j = 0; j < np; j++) {
          let s = cur + u8[delays + i * np + j];
          if (s >= slots) s -= slots;
          const a = ring + s * np + j;
          f32[a] = f32[a] + f32[w + i * np + j];
        }
      }
      return 0;
    },
    delayDepress(block) {
      const c = read(block);
      const np = c("np"), t = c("t"), h = c("history"), len = c("post1Len"), nu = c("nu");
      const w = c("w") >> 2, delays = c("delays"), table = c("post1Pow") >> 3, dep = c("depList") >> 2;
      const hist = view(c("postHist")), head = view(c("postHead"));
      for (let q = 0; q < c("count"); q++) {
        const i = i32[(c("idx") >> 2) + q];
        for (let r = 0; r < c("depCount"); r++) {
          const j = i32[dep + r];
          const u = t + u8[delays + i * np + j];
          const k = u - latest(hist, head, h, j, u, true);
          if (k >= len) continue;
          const a = w + i * np + j;
          const x = f32[a] - nu * f64[table + k];
          f32[a] = x > 0 ? x : 0;
        }
      }
      return 0;
    },
    potentiateDelayed(block) {
      const c = read(block);
      const np = c("np"), t = c("t"), j = c("j"), h = c("history"), len = c("preLen"), scale = c("scale"), wMax = c("wMax");
      const w = c("w") >> 2, delays = c("delays"), table = c("prePow") >> 3, recent = c("recentPre") >> 2;
      const hist = view(c("preHist")), head = view(c("preHead"));
      for (let r = 0; r < c("preCount"); r++) {
        const i = i32[recent + r];
        const u = t - u8[delays + i * np + j];
        const k = u - latest(hist, head, h, i, u, false);
        if (k >= len) continue;
        const a = w + i * np + j;
        const x = f32[a] + scale * f64[table + k];
        f32[a] = x < wMax ? x : wMax;
      }
      return 0;
    },
  };
}
