/**
 * Templates of the input delays' kernels (src/core/delays.ts; TypeScript oracles in src/core/delayKernels.ts, the same
 * operations in the same order at every synapse): the scatter of the step's rows into the delay ring, the delayed
 * depression and the potentiation with per-synapse delays. Scalar loops: the scatter's targets depend on each
 * synapse's delay.
 */
import { DELAY_BLOCK } from "../../src/core/wasm/layout";
import { exportWrapper, load } from "./wat";

const D = (field: string): string => load(DELAY_BLOCK, field);

/**
 * Lanes per tile of the scatter: 1,024 lanes of 20 slots are 80 KB of the ring (scripts/bench-scatter.ts measured
 * 512, 1,024 and 2,048 at 6,400 neurons; 1,024 was fastest). With four lanes per iteration (2026-12-07) and the
 * per-size scripts' 80 slots, 256 was not faster than 1,024 (scripts/bench-compare.ts against the one-lane loop at
 * 6,400 neurons, diehl-cook-2015-n6400: 1.24-1.27x for 256, 1.31-1.44x for 1,024, on a machine shared with five runs).
 */
const SCATTER_TILE = 1024;

/** `$latest`: the newest history entry of n at or before u (strict: before u); -1e9 (NEVER) when none. */
const LATEST = `  ;; The newest entry of n's spike history (hist: i32[n x h], circular, head[n] the newest) at or before step u, or
  ;; before u when strict = 1; -1000000000 (NEVER) when none is known.
  (func $latest (param $hist i32) (param $head i32) (param $h i32) (param $n i32) (param $u i32) (param $strict i32) (result i32)
    (local $k i32) (local $q i32) (local $s i32) (local $base i32)
    (local.set $k (i32.load (i32.add (local.get $head) (i32.shl (local.get $n) (i32.const 2)))))
    (local.set $base (i32.add (local.get $hist) (i32.shl (i32.mul (local.get $n) (local.get $h)) (i32.const 2))))
    (block $none
      (loop $back
        (br_if $none (i32.ge_u (local.get $q) (local.get $h)))
        (local.set $s (i32.load (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 2)))))
        (if (select (i32.lt_s (local.get $s) (local.get $u)) (i32.le_s (local.get $s) (local.get $u)) (local.get $strict))
          (then (return (local.get $s))))
        (local.set $k (select (i32.sub (local.get $h) (i32.const 1)) (i32.sub (local.get $k) (i32.const 1)) (i32.eqz (local.get $k))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $back)))
    (i32.const -1000000000))`;

/** The three kernels, each an exported function of the "delay" block. */
export function delayKernels(): string {
  return `${LATEST}

  ;; The input spikes idx[0 .. count) of the step whose ring slot is cur: ring[(cur + d_ij) mod slots][j] += W[i, j] for
  ;; every lane j < np. In tiles of ${SCATTER_TILE} lanes, spike by spike within a tile, so that the tile's part of the ring stays
  ;; in cache across the step's spikes: every ring entry gets its additions in spike order, as the oracle's spike-by-spike
  ;; loop gives them. The slots' addresses come from slotBases[d] = ring + ((cur + d) mod slots) * np * 4.
  ;; $c: the delay block (its static fields).
  (func $scatter (param $c i32) (param $idx i32) (param $count i32) (param $cur i32)
    (local $k i32) (local $i i32) (local $j i32) (local $np i32) (local $slots i32) (local $stride i32)
    (local $row i32) (local $drow i32) (local $s i32) (local $a i32) (local $ring i32) (local $bases i32)
    (local $j0 i32) (local $j1 i32) (local $d4 i32) (local $w4 v128)
    (local.set $np ${D("np")})
    (local.set $slots ${D("slots")})
    (local.set $ring ${D("ring")})
    (local.set $bases ${D("slotBases")})
    (local.set $stride (i32.shl (local.get $np) (i32.const 2)))
    (block $based
      (loop $base
        (br_if $based (i32.ge_u (local.get $s) (local.get $slots)))
        (local.set $a (i32.add (local.get $cur) (local.get $s)))
        (local.set $a (select (i32.sub (local.get $a) (local.get $slots)) (local.get $a) (i32.ge_u (local.get $a) (local.get $slots))))
        (i32.store (i32.add (local.get $bases) (i32.shl (local.get $s) (i32.const 2)))
          (i32.add (local.get $ring) (i32.mul (local.get $a) (local.get $stride))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $base)))
    (block $tiled
      (loop $tile
        (br_if $tiled (i32.ge_u (local.get $j0) (local.get $np)))
        (local.set $j1 (i32.add (local.get $j0) (i32.const ${SCATTER_TILE})))
        (local.set $j1 (select (local.get $np) (local.get $j1) (i32.gt_u (local.get $j1) (local.get $np))))
        (local.set $k (i32.const 0))
        (block $spikes
          (loop $spike
            (br_if $spikes (i32.ge_u (local.get $k) (local.get $count)))
            (local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $row (i32.add ${D("w")} (i32.mul (local.get $i) (local.get $stride))))
            (local.set $drow (i32.add ${D("delays")} (i32.mul (local.get $i) (local.get $np))))
            (local.set $j (local.get $j0))
            (block $lanes
              (loop $lane
                (br_if $lanes (i32.ge_u (local.get $j) (local.get $j1)))
                ;; four lanes at a time (np and the tiles are multiples of 4): their four delays in one i32, their
                ;; four weights in one v128, each added to its own slot's entry (the per-entry order is unchanged)
                (local.set $d4 (i32.load (i32.add (local.get $drow) (local.get $j))))
                (local.set $w4 (v128.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $a (i32.add
                  (i32.load (i32.add (local.get $bases) (i32.shl (i32.and (local.get $d4) (i32.const 255)) (i32.const 2))))
                  (i32.shl (local.get $j) (i32.const 2))))
                (f32.store offset=0 (local.get $a) (f32.add (f32.load offset=0 (local.get $a)) (f32x4.extract_lane 0 (local.get $w4))))
                (local.set $a (i32.add
                  (i32.load (i32.add (local.get $bases) (i32.shl (i32.and (i32.shr_u (local.get $d4) (i32.const 8)) (i32.const 255)) (i32.const 2))))
                  (i32.shl (local.get $j) (i32.const 2))))
                (f32.store offset=4 (local.get $a) (f32.add (f32.load offset=4 (local.get $a)) (f32x4.extract_lane 1 (local.get $w4))))
                (local.set $a (i32.add
                  (i32.load (i32.add (local.get $bases) (i32.shl (i32.and (i32.shr_u (local.get $d4) (i32.const 16)) (i32.const 255)) (i32.const 2))))
                  (i32.shl (local.get $j) (i32.const 2))))
                (f32.store offset=8 (local.get $a) (f32.add (f32.load offset=8 (local.get $a)) (f32x4.extract_lane 2 (local.get $w4))))
                (local.set $a (i32.add
                  (i32.load (i32.add (local.get $bases) (i32.shl (i32.shr_u (local.get $d4) (i32.const 24)) (i32.const 2))))
                  (i32.shl (local.get $j) (i32.const 2))))
                (f32.store offset=12 (local.get $a) (f32.add (f32.load offset=12 (local.get $a)) (f32x4.extract_lane 3 (local.get $w4))))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $lane)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $spike)))
        (local.set $j0 (local.get $j1))
        (br $tile))))

  ;; The delayed depression of the input spikes idx[0 .. count) of step t: for each listed recent post neuron j
  ;; (depList[0 .. depCount)), u = t + d_ij, k = u - (j's last spike before u); when k < post1Len,
  ;; W[i, j] = f32(max(0, W[i, j] - nu * post1Pow[k])) (f64 arithmetic). $c: the delay block (its static fields).
  (func $depressDelayed (param $c i32) (param $idx i32) (param $count i32) (param $t i32) (param $depList i32) (param $depCount i32)
    (local $q i32) (local $r i32) (local $i i32) (local $j i32) (local $u i32) (local $k i32) (local $a i32) (local $x f64)
    (local $np i32) (local $h i32) (local $len i32)
    (local.set $np ${D("np")})
    (local.set $h ${D("history")})
    (local.set $len ${D("post1Len")})
    (block $spikes
      (loop $spike
        (br_if $spikes (i32.ge_u (local.get $q) (local.get $count)))
        (local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $r (i32.const 0))
        (block $posts
          (loop $post
            (br_if $posts (i32.ge_u (local.get $r) (local.get $depCount)))
            (local.set $j (i32.load (i32.add (local.get $depList) (i32.shl (local.get $r) (i32.const 2)))))
            (local.set $a (i32.add (i32.mul (local.get $i) (local.get $np)) (local.get $j)))
            (local.set $u (i32.add (local.get $t) (i32.load8_u (i32.add ${D("delays")} (local.get $a)))))
            (local.set $k (i32.sub (local.get $u)
              (call $latest ${D("postHist")} ${D("postHead")} (local.get $h) (local.get $j) (local.get $u) (i32.const 1))))
            (if (i32.lt_s (local.get $k) (local.get $len))
              (then
                (local.set $a (i32.add ${D("w")} (i32.shl (local.get $a) (i32.const 2))))
                (local.set $x (f64.sub (f64.promote_f32 (f32.load (local.get $a)))
                  (f64.mul ${D("nu")} (f64.load (i32.add ${D("post1Pow")} (i32.shl (local.get $k) (i32.const 3)))))))
                (f32.store (local.get $a) (f32.demote_f64 (select (local.get $x) (f64.const 0) (f64.gt (local.get $x) (f64.const 0)))))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $post)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $spike))))

${exportWrapper("delayScatter", "$scatter", DELAY_BLOCK, ["(local.get $c)", "idx", "count", "cur"], false)}

${exportWrapper("delayDepress", "$depressDelayed", DELAY_BLOCK, ["(local.get $c)", "idx", "count", "t", "depList", "depCount"], false)}

  ;; potentiateDelayed(block: delay): column j at a post spike at step t: for each recent input i (recentPre[0 ..
  ;; preCount)), u = t - d_ij, k = u - (i's last spike at or before u); when k < preLen, W[i, j] = f32(min(wMax, W[i, j]
  ;; + scale * prePow[k])) (f64 arithmetic; the comparison as stdp.ts potentiateColumnTo: x < wMax ? x : wMax).
  (func (export "potentiateDelayed") (param $c i32) (result i32)
    (local $r i32) (local $i i32) (local $u i32) (local $k i32) (local $a i32) (local $x f64) (local $np i32) (local $j i32)
    (local $t i32) (local $h i32) (local $len i32) (local $wMax f64)
    (local.set $np ${D("np")})
    (local.set $j ${D("j")})
    (local.set $t ${D("t")})
    (local.set $h ${D("history")})
    (local.set $len ${D("preLen")})
    (local.set $wMax ${D("wMax")})
    (block $inputs
      (loop $input
        (br_if $inputs (i32.ge_u (local.get $r) ${D("preCount")}))
        (local.set $i (i32.load (i32.add ${D("recentPre")} (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $a (i32.add (i32.mul (local.get $i) (local.get $np)) (local.get $j)))
        (local.set $u (i32.sub (local.get $t) (i32.load8_u (i32.add ${D("delays")} (local.get $a)))))
        (local.set $k (i32.sub (local.get $u)
          (call $latest ${D("preHist")} ${D("preHead")} (local.get $h) (local.get $i) (local.get $u) (i32.const 0))))
        (if (i32.lt_s (local.get $k) (local.get $len))
          (then
            (local.set $a (i32.add ${D("w")} (i32.shl (local.get $a) (i32.const 2))))
            (local.set $x (f64.add (f64.promote_f32 (f32.load (local.get $a)))
              (f64.mul ${D("scale")} (f64.load (i32.add ${D("prePow")} (i32.shl (local.get $k) (i32.const 3)))))))
            (f32.store (local.get $a) (f32.demote_f64 (select (local.get $x) (local.get $wMax) (f64.lt (local.get $x) (local.get $wMax)))))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $input)))
    (i32.const 0))`;
}
