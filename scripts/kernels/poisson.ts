/**
 * The template of the Poisson input kernel: PoissonInput.fill (src/core/poisson.ts) in WASM, the same algorithm and
 * random stream (sfc32 inlined), so the same spikes (test/core/poisson.test.ts compares the two).
 */
import { POISSON_BLOCK } from "../../src/core/wasm/layout";
import { load, store } from "./wat";

const P = (field: string): string => load(POISSON_BLOCK, field);
const S = (field: string, value: string): string => store(POISSON_BLOCK, field, value);

/** The exported kernel poissonFill(block: poisson). */
export function poissonKernel(): string {
  return `  ;; PoissonInput.fill (src/core/poisson.ts) in WASM, the same algorithm and random stream, so the same spikes: for
  ;; each non-zero pixel i, u = sfc32 / 2^32, its spike count k = the first index with u < cdf[k] (binary search of
  ;; its Binomial CDF), then k distinct steps drawn uniformly (Lemire's multiply-shift on \`bits\` bits with rejection,
  ;; a stamped bitmap; the complement when k > steps / 2), stored as (step << 10 | i); then a stable counting sort by
  ;; step into idx / stepStart (CSR). Returns the number of spikes. Its block: "poisson"
  ;; (see the layouts at the top of this file).
  (func (export "poissonFill") (param $c i32) (result i32)
    (local $a i32) (local $b i32) (local $cc i32) (local $e i32) (local $t i32) (local $i i32) (local $inputs i32)
    (local $pixel i32) (local $cdf i32) (local $lo i32) (local $hi i32) (local $mid i32) (local $u f64) (local $k i32)
    (local $total i32) (local $gen i32) (local $stamp i32) (local $steps i32) (local $bits i32) (local $threshold i32)
    (local $mask i32) (local $draws i32) (local $complement i32) (local $d i32) (local $m i32) (local $s i32)
    (local $tmp i32) (local $counts i32) (local $q i32) (local $x i32) (local $p i32) (local $rng i32)
    (local.set $rng ${P("rng")})
    (local.set $a (i32.load (local.get $rng)))
    (local.set $b (i32.load offset=4 (local.get $rng)))
    (local.set $cc (i32.load offset=8 (local.get $rng)))
    (local.set $e (i32.load offset=12 (local.get $rng)))
    (local.set $inputs ${P("inputs")})
    (local.set $steps ${P("steps")})
    (local.set $bits ${P("bits")})
    (local.set $threshold ${P("threshold")})
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $bits)) (i32.const 1)))
    (local.set $stamp ${P("stamp")})
    (local.set $gen ${P("generation")})
    (local.set $tmp ${P("tmp")})
    (block $pixelsDone
      (loop $pixels
        (br_if $pixelsDone (i32.ge_u (local.get $i) (local.get $inputs)))
        (local.set $pixel (i32.load8_u (i32.add ${P("pixels")} (local.get $i))))
        (block $nextPixel
          (br_if $nextPixel (i32.eqz (local.get $pixel)))
          ;; u = nextU32 * 2^-32 (sfc32 step)
          (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $e)))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
          (local.set $b (i32.add (local.get $cc) (i32.shl (local.get $cc) (i32.const 3))))
          (local.set $cc (i32.add (i32.rotl (local.get $cc) (i32.const 21)) (local.get $t)))
          (local.set $u (f64.mul (f64.convert_i32_u (local.get $t)) (f64.const 2.3283064365386963e-10)))
          (local.set $cdf (i32.load (i32.add ${P("cdfAt")} (i32.shl (local.get $pixel) (i32.const 2)))))
          (local.set $lo (i32.const 0))
          (local.set $hi (i32.sub (i32.load (i32.add ${P("cdfLength")} (i32.shl (local.get $pixel) (i32.const 2)))) (i32.const 1)))
          (block $found
            (loop $search
              (br_if $found (i32.ge_s (local.get $lo) (local.get $hi)))
              (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
              (if (f64.ge (local.get $u) (f64.load (i32.add (local.get $cdf) (i32.shl (local.get $mid) (i32.const 3)))))
                (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
                (else (local.set $hi (local.get $mid))))
              (br $search)))
          (local.set $k (local.get $lo))
          (br_if $nextPixel (i32.eqz (local.get $k)))
          ;; k distinct steps
          (local.set $gen (i32.add (local.get $gen) (i32.const 1)))
          (if (i32.eqz (local.get $gen))
            (then
              (memory.fill (local.get $stamp) (i32.const 0) (i32.shl (local.get $steps) (i32.const 2)))
              (local.set $gen (i32.const 1))))
          (local.set $complement (i32.gt_s (local.get $k) (i32.shr_s (local.get $steps) (i32.const 1))))
          (local.set $draws (select (i32.sub (local.get $steps) (local.get $k)) (local.get $k) (local.get $complement)))
          (local.set $d (i32.const 0))
          (block $drawn
            (loop $draw
              (br_if $drawn (i32.ge_s (local.get $d) (local.get $draws)))
              (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $e)))
              (local.set $e (i32.add (local.get $e) (i32.const 1)))
              (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
              (local.set $b (i32.add (local.get $cc) (i32.shl (local.get $cc) (i32.const 3))))
              (local.set $cc (i32.add (i32.rotl (local.get $cc) (i32.const 21)) (local.get $t)))
              (local.set $m (i32.mul (i32.shr_u (local.get $t) (i32.sub (i32.const 32) (local.get $bits))) (local.get $steps)))
              (br_if $draw (i32.lt_u (i32.and (local.get $m) (local.get $mask)) (local.get $threshold)))
              (local.set $s (i32.shr_u (local.get $m) (local.get $bits)))
              (local.set $p (i32.add (local.get $stamp) (i32.shl (local.get $s) (i32.const 2))))
              (if (i32.ne (i32.load (local.get $p)) (local.get $gen))
                (then
                  (i32.store (local.get $p) (local.get $gen))
                  (local.set $d (i32.add (local.get $d) (i32.const 1)))
                  (if (i32.eqz (local.get $complement))
                    (then
                      (i32.store (i32.add (local.get $tmp) (i32.shl (local.get $total) (i32.const 2)))
                        (i32.or (i32.shl (local.get $s) (i32.const 10)) (local.get $i)))
                      (local.set $total (i32.add (local.get $total) (i32.const 1)))))))
              (br $draw)))
          (if (local.get $complement)
            (then
              (local.set $s (i32.const 0))
              (block $listed
                (loop $list
                  (br_if $listed (i32.ge_s (local.get $s) (local.get $steps)))
                  (if (i32.ne (i32.load (i32.add (local.get $stamp) (i32.shl (local.get $s) (i32.const 2)))) (local.get $gen))
                    (then
                      (i32.store (i32.add (local.get $tmp) (i32.shl (local.get $total) (i32.const 2)))
                        (i32.or (i32.shl (local.get $s) (i32.const 10)) (local.get $i)))
                      (local.set $total (i32.add (local.get $total) (i32.const 1)))))
                  (local.set $s (i32.add (local.get $s) (i32.const 1)))
                  (br $list))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pixels)))
    (i32.store (local.get $rng) (local.get $a))
    (i32.store offset=4 (local.get $rng) (local.get $b))
    (i32.store offset=8 (local.get $rng) (local.get $cc))
    (i32.store offset=12 (local.get $rng) (local.get $e))
    ${S("generation", "(local.get $gen)")}
    ;; stable counting sort by step
    (local.set $counts ${P("counts")})
    (memory.fill (local.get $counts) (i32.const 0) (i32.shl (i32.add (local.get $steps) (i32.const 1)) (i32.const 2)))
    (local.set $q (i32.const 0))
    (block $counted
      (loop $count
        (br_if $counted (i32.ge_s (local.get $q) (local.get $total)))
        (local.set $p (i32.add (local.get $counts)
          (i32.shl (i32.add (i32.shr_u (i32.load (i32.add (local.get $tmp) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 10)) (i32.const 1)) (i32.const 2))))
        (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $count)))
    (local.set $s (i32.const 0))
    (block $summed
      (loop $sum
        (br_if $summed (i32.ge_s (local.get $s) (local.get $steps)))
        (local.set $p (i32.add (local.get $counts) (i32.shl (local.get $s) (i32.const 2))))
        (i32.store offset=4 (local.get $p) (i32.add (i32.load offset=4 (local.get $p)) (i32.load (local.get $p))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sum)))
    (memory.copy ${P("stepStart")} (local.get $counts) (i32.shl (i32.add (local.get $steps) (i32.const 1)) (i32.const 2)))
    (local.set $q (i32.const 0))
    (block $sorted
      (loop $sort
        (br_if $sorted (i32.ge_s (local.get $q) (local.get $total)))
        (local.set $x (i32.load (i32.add (local.get $tmp) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $p (i32.add (local.get $counts) (i32.shl (i32.shr_u (local.get $x) (i32.const 10)) (i32.const 2))))
        (i32.store (i32.add ${P("idx")} (i32.shl (i32.load (local.get $p)) (i32.const 2)))
          (i32.and (local.get $x) (i32.const 1023)))
        (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $sort)))
    (local.get $total))`;
}
