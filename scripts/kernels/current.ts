/** Templates of the current model's kernels (BindsNET preset): the step's input rows and the excitatory update. */
import { CURRENT_BLOCK } from "../../src/core/wasm/layout";
import { exportWrapper } from "./wat";

const INPUT_SPIKES = `  ;; The input spikes of one step in the current model (BindsNET: learning runs before the next step's input is
  ;; gathered): for each listed row i (in order), W[i, dj[r]] = max(0, W[i, dj[r]] - dby[r]) for r < m (f64 arithmetic,
  ;; dby holds f64 amounts, f32 storage), then ge[j] += W[i, j] for all j < np.
  (func $inputSpikes (param $w i32) (param $ge i32) (param $idx i32) (param $count i32) (param $np i32)
    (param $dj i32) (param $dby i32) (param $m i32)
    (local $k i32) (local $row i32) (local $j i32) (local $stride i32) (local $g i32)
    (local.set $stride (i32.shl (local.get $np) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $row
          (i32.add (local.get $w)
            (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride))))
        (call $depress (local.get $row) (local.get $dj) (local.get $dby) (local.get $m))
        (local.set $j (i32.const 0))
        (block $end
          (loop $cols
            (br_if $end (i32.ge_u (local.get $j) (local.get $stride)))
            (local.set $g (i32.add (local.get $ge) (local.get $j)))
            (v128.store (local.get $g)
              (f32x4.add (v128.load (local.get $g)) (v128.load (i32.add (local.get $row) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cols)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))`;

const EXC_CURRENT = `  ;; Current-based excitatory update, one step (BindsNET DiehlAndCookNodes):
  ;;   v' = (v - vRest) * decay + vRest + in[j]; in[j] = 0; spike if v' >= thr[j]: v' = vReset.
  ;; The caller zeroes in[j] of refractory neurons (their input is discarded) and gives them thr = +inf.
  (func $excCurrent
    (param $v i32) (param $in i32) (param $thr i32) (param $out i32) (param $np i32)
    (param $vRest f32) (param $decay f32) (param $vReset f32) (result i32)
    (local $off i32) (local $end i32) (local $n i32) (local $m i32)
    (local $vn v128) (local $spike v128) (local $sRest v128) (local $sDecay v128)
    (local.set $sRest (f32x4.splat (local.get $vRest)))
    (local.set $sDecay (f32x4.splat (local.get $decay)))
    (local.set $end (i32.shl (local.get $np) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $vn
          (f32x4.add
            (f32x4.add
              (f32x4.mul (f32x4.sub (v128.load (i32.add (local.get $v) (local.get $off))) (local.get $sRest)) (local.get $sDecay))
              (local.get $sRest))
            (v128.load (i32.add (local.get $in) (local.get $off)))))
        (v128.store (i32.add (local.get $in) (local.get $off)) (v128.const i32x4 0 0 0 0))
        (local.set $spike (f32x4.ge (local.get $vn) (v128.load (i32.add (local.get $thr) (local.get $off)))))
        (v128.store (i32.add (local.get $v) (local.get $off)) (local.get $vn))
        (local.set $m (i32x4.bitmask (local.get $spike)))
        (if (local.get $m)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $m) (local.get $v) (local.get $vReset)))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $next)))
    (local.get $n))`;

/** The current model's kernels and their exported block wrappers. */
export function currentKernels(): string {
  return [
    INPUT_SPIKES,
    exportWrapper("inputSpikes", "$inputSpikes", CURRENT_BLOCK, ["w", "input", "idx", "count", "np", "dj", "dby", "m"], false),
    EXC_CURRENT,
    exportWrapper("excCurrent", "$excCurrent", CURRENT_BLOCK, ["v", "input", "thr", "out", "np", "vRest", "decay", "vReset"], true),
  ].join("\n\n");
}
