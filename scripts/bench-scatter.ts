/**
 * What an input spike costs with and without input delays, per synaptic event (one weight delivered to one neuron),
 * on one synthetic workload: random weights and delays (0 .. 19 steps), a given number of input spikes per step, and
 * after each step the step's ring slot added to ge and cleared, as the step kernel does. Loops, written here in
 * WebAssembly text after the kernels' own (scripts/kernels/delays.ts, conductance.ts):
 *   spike-major   the delay scatter as first built: spike by spike over all lanes, slot (cur + d) mod S per lane
 *   tiled T       the scatter as built now: tiles of T lanes, spike by spike inside a tile, slot addresses from a table
 *   sequential    spike-major with every delay 0: the same scalar read-add-write with sequential addresses (a floor
 *                 for any loop that delivers each synaptic event by itself)
 *   row add       no delays: the SIMD addition of the spike's weight row to ge (what the default preset does)
 * Prints ns per synaptic event, the median of --rounds rounds (the variants alternate within each round).
 *   node --import tsx scripts/bench-scatter.ts [--neurons 1600,6400] [--spikes 6.5] [--steps 2000] [--rounds 3]
 */
import { compileKernelsWat } from "./wat";
import { parseOptions } from "../src/cli/args";
import { wasmApi, WasmMemory } from "../src/core/wasm/api";

const S = 20;
const INPUTS = 784;

const WAT = `(module
 (import "env" "memory" (memory 1))
 (func (export "spikeMajor") (param $w i32) (param $dl i32) (param $ring i32) (param $np i32) (param $idx i32) (param $count i32) (param $cur i32)
  (local $k i32) (local $i i32) (local $j i32) (local $stride i32) (local $row i32) (local $drow i32) (local $s i32)
  (local.set $stride (i32.shl (local.get $np) (i32.const 2)))
  (block $sp (loop $spl
   (br_if $sp (i32.ge_u (local.get $k) (local.get $count)))
   (local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))
   (local.set $row (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $stride))))
   (local.set $drow (i32.add (local.get $dl) (i32.mul (local.get $i) (local.get $np))))
   (local.set $j (i32.const 0))
   (block $ln (loop $lnl
    (br_if $ln (i32.ge_u (local.get $j) (local.get $np)))
    (local.set $s (i32.add (local.get $cur) (i32.load8_u (i32.add (local.get $drow) (local.get $j)))))
    (local.set $s (select (i32.sub (local.get $s) (i32.const ${S})) (local.get $s) (i32.ge_u (local.get $s) (i32.const ${S}))))
    (local.set $s (i32.add (i32.add (local.get $ring) (i32.mul (local.get $s) (local.get $stride))) (i32.shl (local.get $j) (i32.const 2))))
    (f32.store (local.get $s) (f32.add (f32.load (local.get $s)) (f32.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2))))))
    (local.set $j (i32.add (local.get $j) (i32.const 1)))
    (br $lnl)))
   (local.set $k (i32.add (local.get $k) (i32.const 1)))
   (br $spl))))
 (func (export "tiled") (param $w i32) (param $dl i32) (param $bases i32) (param $np i32) (param $idx i32) (param $count i32) (param $tile i32)
  (local $k i32) (local $i i32) (local $j i32) (local $row i32) (local $drow i32) (local $j0 i32) (local $j1 i32) (local $a i32)
  (block $td (loop $tl
   (br_if $td (i32.ge_u (local.get $j0) (local.get $np)))
   (local.set $j1 (i32.add (local.get $j0) (local.get $tile)))
   (local.set $j1 (select (local.get $np) (local.get $j1) (i32.gt_u (local.get $j1) (local.get $np))))
   (local.set $k (i32.const 0))
   (block $sp (loop $spl
    (br_if $sp (i32.ge_u (local.get $k) (local.get $count)))
    (local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))
    (local.set $row (i32.add (local.get $w) (i32.shl (i32.mul (local.get $i) (local.get $np)) (i32.const 2))))
    (local.set $drow (i32.add (local.get $dl) (i32.mul (local.get $i) (local.get $np))))
    (local.set $j (local.get $j0))
    (block $ln (loop $lnl
     (br_if $ln (i32.ge_u (local.get $j) (local.get $j1)))
     (local.set $a (i32.add (i32.load (i32.add (local.get $bases) (i32.shl (i32.load8_u (i32.add (local.get $drow) (local.get $j))) (i32.const 2))))
       (i32.shl (local.get $j) (i32.const 2))))
     (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2))))))
     (local.set $j (i32.add (local.get $j) (i32.const 1)))
     (br $lnl)))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br $spl)))
   (local.set $j0 (local.get $j1))
   (br $tl))))
 (func (export "rowAdd") (param $w i32) (param $ge i32) (param $np i32) (param $idx i32) (param $count i32)
  (local $k i32) (local $j i32) (local $row i32)
  (block $sp (loop $spl
   (br_if $sp (i32.ge_u (local.get $k) (local.get $count)))
   (local.set $row (i32.add (local.get $w) (i32.shl (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $np)) (i32.const 2))))
   (local.set $j (i32.const 0))
   (block $ln (loop $lnl
    (br_if $ln (i32.ge_u (local.get $j) (i32.shl (local.get $np) (i32.const 2))))
    (v128.store (i32.add (local.get $ge) (local.get $j))
      (f32x4.add (v128.load (i32.add (local.get $ge) (local.get $j))) (v128.load (i32.add (local.get $row) (local.get $j)))))
    (local.set $j (i32.add (local.get $j) (i32.const 16)))
    (br $lnl)))
   (local.set $k (i32.add (local.get $k) (i32.const 1)))
   (br $spl))))
 (func (export "consume") (param $ge i32) (param $slot i32) (param $np i32)
  (local $j i32)
  (block $b (loop $l
   (br_if $b (i32.ge_u (local.get $j) (i32.shl (local.get $np) (i32.const 2))))
   (v128.store (i32.add (local.get $ge) (local.get $j)) (f32x4.add (v128.load (i32.add (local.get $ge) (local.get $j))) (v128.load (i32.add (local.get $slot) (local.get $j)))))
   (v128.store (i32.add (local.get $slot) (local.get $j)) (v128.const i32x4 0 0 0 0))
   (local.set $j (i32.add (local.get $j) (i32.const 16)))
   (br $l))))
)`;

interface Exports {
  spikeMajor(w: number, dl: number, ring: number, np: number, idx: number, count: number, cur: number): void;
  tiled(w: number, dl: number, bases: number, np: number, idx: number, count: number, tile: number): void;
  rowAdd(w: number, ge: number, np: number, idx: number, count: number): void;
  consume(ge: number, slot: number, np: number): void;
}

type Variant = "spike-major" | "tiled 512" | "tiled 1024" | "tiled 2048" | "sequential" | "row add";
const VARIANTS: Variant[] = ["spike-major", "tiled 512", "tiled 1024", "tiled 2048", "sequential", "row add"];

/** ns per synaptic event of one variant on a fresh workload (same seed: the same spikes for every variant). */
function measure(e: Exports, mem: WasmMemory, neurons: number, spikesPerStep: number, steps: number, variant: Variant): number {
  const np = Math.ceil(neurons / 4) * 4;
  let top = 64;
  const alloc = (bytes: number) => (top += Math.ceil(bytes / 64) * 64) - Math.ceil(bytes / 64) * 64;
  const W = alloc(INPUTS * np * 4), DL = alloc(INPUTS * np), RING = alloc(S * np * 4), GE = alloc(np * 4), BASES = alloc(S * 4), IDX = alloc(4 * INPUTS);
  if (top > mem.buffer.byteLength) throw new Error(`bench-scatter: ${neurons} neurons need ${top} bytes of memory`);
  const f32 = new Float32Array(mem.buffer), u8 = new Uint8Array(mem.buffer), i32 = new Int32Array(mem.buffer);
  let seed = 12345;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  for (let k = 0; k < INPUTS * np; k++) {
    f32[W / 4 + k] = 0.1 * rnd();
    u8[DL + k] = variant === "sequential" ? 0 : Math.floor(rnd() * S);
  }
  f32.fill(0, RING / 4, RING / 4 + S * np);
  const tile = variant.startsWith("tiled") ? Number(variant.split(" ")[1]) : 0;
  let events = 0;
  const t0 = performance.now();
  for (let t = 0; t < steps; t++) {
    const cur = t % S;
    const count = Math.floor(spikesPerStep * 2 * rnd() + 0.5);
    for (let k = 0; k < count; k++) i32[IDX / 4 + k] = Math.floor(rnd() * INPUTS);
    if (variant === "row add") e.rowAdd(W, GE, np, IDX, count);
    else {
      if (tile > 0) {
        for (let d = 0; d < S; d++) i32[BASES / 4 + d] = RING + ((cur + d) % S) * np * 4;
        e.tiled(W, DL, BASES, np, IDX, count, tile);
      } else e.spikeMajor(W, DL, RING, np, IDX, count, cur);
      e.consume(GE, RING + cur * np * 4, np);
    }
    events += count * neurons;
  }
  return ((performance.now() - t0) * 1e6) / events;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2), {
    neurons: { type: "string" }, spikes: { type: "string" }, steps: { type: "string" }, rounds: { type: "string" },
  });
  const sizes = String(o.neurons ?? "1600,6400").split(",").map(Number);
  const spikes = Number(o.spikes ?? 6.5), steps = Number(o.steps ?? 2000), rounds = Number(o.rounds ?? 3);
  const np = Math.ceil(Math.max(...sizes) / 4) * 4;
  const memory = new wasmApi.Memory({ initial: Math.ceil(((INPUTS * 5 + S * 4 + 8) * np + 8192) / 65536) + 1 });
  const e = new wasmApi.Instance(new wasmApi.Module(await compileKernelsWat(WAT)), { env: { memory } }).exports as unknown as Exports;
  console.log(`# ns per synaptic event, ${spikes} input spikes per step on average, ${steps} steps, median of ${rounds} rounds`);
  console.log(`${"loop".padEnd(12)}${sizes.map((n) => String(n).padStart(10)).join("")}`);
  const results = new Map<Variant, number[][]>(VARIANTS.map((v) => [v, sizes.map(() => [])]));
  for (let r = 0; r < rounds; r++) {
    sizes.forEach((n, s) => { for (const v of VARIANTS) results.get(v)![s].push(measure(e, memory, n, spikes, steps, v)); });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const v of VARIANTS) console.log(`${v.padEnd(12)}${results.get(v)!.map((xs) => median(xs).toFixed(2).padStart(10)).join("")}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
