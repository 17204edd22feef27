/**
 * Templates of the plasticity kernels: weight normalisation (rows in blocks of BLOCK_ROWS, each column's values of a
 * block added in row order, so the sums are those of the TypeScript oracle plasticity.ts scaleColumnsTo),
 * potentiation of one column (stdp.ts potentiateColumnTo) and the pre-spike stamps of a range of steps (stdp.ts
 * markPreSpikes per step).
 */
import { NORMALIZE_BLOCK, POTENTIATE_BLOCK, STAMP_BLOCK } from "../../src/core/wasm/layout";
import { exportWrapper, times } from "./wat";

/** Rows per block of the normalisation's two passes. */
const BLOCK_ROWS = 8;

const next = "            (local.set $a (i32.add (local.get $a) (local.get $stride)))";

const NORMALIZE = `  ;; Weight normalisation of the listed columns (each the input weights of one excitatory neuron): for each column
  ;; c = cols[d], sum[d] = sum over rows i = 0..inputs-1, in row order, of W[i, c] (f64); factor = total / sum (1 when
  ;; the sum is 0); then W[i, c] = f32(W[i, c] * factor) (f64 product). Rows are the outer loop (in blocks of ${BLOCK_ROWS}, each
  ;; column's ${BLOCK_ROWS} values handled in row order, then the remaining rows one by one), so each row's entries are near each
  ;; other in memory. sums is scratch for count f64 values.
  (func $normalizeColumns (param $w i32) (param $np i32) (param $inputs i32) (param $cols i32) (param $count i32)
    (param $sums i32) (param $total f64)
    (local $i i32) (local $d i32) (local $row i32) (local $s i32) (local $a i32) (local $stride i32) (local $x f64)
    (local.set $stride (i32.shl (local.get $np) (i32.const 2)))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $d) (local.get $count)))
        (f64.store (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3))) (f64.const 0))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $zero)))
    (local.set $row (local.get $w))
    ;; blocks of ${BLOCK_ROWS} rows: per column, the ${BLOCK_ROWS} rows' values are added to its sum in row order (the same additions)
    (block $summedB
      (loop $rowsB
        (br_if $summedB (i32.gt_u (i32.add (local.get $i) (i32.const ${BLOCK_ROWS})) (local.get $inputs)))
        (local.set $d (i32.const 0))
        (block $doneB
          (loop $eachB
            (br_if $doneB (i32.ge_u (local.get $d) (local.get $count)))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3))))
            (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $d) (i32.const 2)))) (i32.const 2))))
            (local.set $x (f64.load (local.get $s)))
${times(BLOCK_ROWS, () => "            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))").split("\n").join(`\n${next}\n`)}
            (f64.store (local.get $s) (local.get $x))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $eachB)))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $stride) (i32.const ${BLOCK_ROWS}))))
        (local.set $i (i32.add (local.get $i) (i32.const ${BLOCK_ROWS})))
        (br $rowsB)))
    (block $summed
      (loop $rows
        (br_if $summed (i32.ge_u (local.get $i) (local.get $inputs)))
        (local.set $d (i32.const 0))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $d) (local.get $count)))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3))))
            (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $d) (i32.const 2)))) (i32.const 2))))
            (f64.store (local.get $s) (f64.add (f64.load (local.get $s)) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $each)))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.set $d (i32.const 0))
    (block $factored
      (loop $factor
        (br_if $factored (i32.ge_u (local.get $d) (local.get $count)))
        (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3))))
        (local.set $x (f64.load (local.get $s)))
        (f64.store (local.get $s) (select (f64.div (local.get $total) (local.get $x)) (f64.const 1) (f64.gt (local.get $x) (f64.const 0))))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $factor)))
    (local.set $row (local.get $w))
    (local.set $i (i32.const 0))
    ;; blocks of ${BLOCK_ROWS} rows
    (block $scaledB
      (loop $rows2B
        (br_if $scaledB (i32.gt_u (i32.add (local.get $i) (i32.const ${BLOCK_ROWS})) (local.get $inputs)))
        (local.set $d (i32.const 0))
        (block $done2B
          (loop $each2B
            (br_if $done2B (i32.ge_u (local.get $d) (local.get $count)))
            (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $d) (i32.const 2)))) (i32.const 2))))
            (local.set $x (f64.load (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3)))))
${times(BLOCK_ROWS, () => "            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))").split("\n").join(`\n${next}\n`)}
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $each2B)))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $stride) (i32.const ${BLOCK_ROWS}))))
        (local.set $i (i32.add (local.get $i) (i32.const ${BLOCK_ROWS})))
        (br $rows2B)))
    (block $scaled
      (loop $rows2
        (br_if $scaled (i32.ge_u (local.get $i) (local.get $inputs)))
        (local.set $d (i32.const 0))
        (block $done2
          (loop $each2
            (br_if $done2 (i32.ge_u (local.get $d) (local.get $count)))
            (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $d) (i32.const 2)))) (i32.const 2))))
            (f32.store (local.get $a)
              (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a)))
                (f64.load (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3)))))))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $each2)))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows2))))`;

const POTENTIATE = `  ;; Potentiation of column j (a post spike at step t; stdp.ts potentiateColumnTo): for each listed input i
  ;; (inputs[0 .. count)) with k = t - lastPre[i] < len: W[i, j] = f32(x < wMax ? x : wMax), x = W[i, j] + scale * table[k]
  ;; (f64 arithmetic; table: the pre trace's f64 power table).
  (func $potentiateColumn (param $w i32) (param $np i32) (param $j i32) (param $t i32) (param $scale f64)
    (param $wMax f64) (param $inputs i32) (param $count i32) (param $lastPre i32) (param $table i32) (param $len i32)
    (local $r i32) (local $i i32) (local $k i32) (local $a i32) (local $x f64) (local $stride i32) (local $col i32)
    (local.set $stride (i32.shl (local.get $np) (i32.const 2)))
    (local.set $col (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $i (i32.load (i32.add (local.get $inputs) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $k (i32.sub (local.get $t) (i32.load (i32.add (local.get $lastPre) (i32.shl (local.get $i) (i32.const 2))))))
        (if (i32.lt_s (local.get $k) (local.get $len))
          (then
            (local.set $a (i32.add (local.get $col) (i32.mul (local.get $i) (local.get $stride))))
            (local.set $x (f64.add (f64.promote_f32 (f32.load (local.get $a)))
              (f64.mul (local.get $scale) (f64.load (i32.add (local.get $table) (i32.shl (local.get $k) (i32.const 3)))))))
            (f32.store (local.get $a) (f32.demote_f64 (select (local.get $x) (local.get $wMax) (f64.lt (local.get $x) (local.get $wMax)))))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each))))`;

const MARK = `  ;; Pre-spike stamps of schedule steps from .. to - 1 (stdp.ts markPreSpikes, step s at t = tFrom + s): for each input
  ;; i spiking in step s (idx[stepStart[s] .. stepStart[s + 1])), lastPre[i] = t and i joins the recent inputs (list,
  ;; member flags as u8, count), and with input delays (hist != 0) i's spike history (hist: i32[inputs x h], head).
  ;; Returns the new count.
  (func $markPreSpikes (param $idx i32) (param $stepStart i32) (param $from i32) (param $to i32) (param $tFrom i32)
    (param $lastPre i32) (param $list i32) (param $member i32) (param $count i32)
    (param $hist i32) (param $head i32) (param $h i32) (result i32)
    (local $s i32) (local $q i32) (local $end i32) (local $i i32) (local $t i32) (local $k i32) (local $p i32)
    (local.set $s (local.get $from))
    (block $stepsDone
      (loop $steps
        (br_if $stepsDone (i32.ge_s (local.get $s) (local.get $to)))
        (local.set $t (i32.add (local.get $tFrom) (local.get $s)))
        (local.set $q (i32.load (i32.add (local.get $stepStart) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $stepStart) (i32.shl (local.get $s) (i32.const 2)))))
        (block $spikesDone
          (loop $spikes
            (br_if $spikesDone (i32.ge_s (local.get $q) (local.get $end)))
            (local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $q) (i32.const 2)))))
            (i32.store (i32.add (local.get $lastPre) (i32.shl (local.get $i) (i32.const 2))) (local.get $t))
            ;; with input delays, the spike joins i's history (delays.ts pushPre: head = head + 1 mod h, entry = t)
            (if (local.get $hist)
              (then
                (local.set $p (i32.add (local.get $head) (i32.shl (local.get $i) (i32.const 2))))
                (local.set $k (i32.add (i32.load (local.get $p)) (i32.const 1)))
                (local.set $k (select (i32.const 0) (local.get $k) (i32.eq (local.get $k) (local.get $h))))
                (i32.store (local.get $p) (local.get $k))
                (i32.store (i32.add (local.get $hist) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $h)) (local.get $k)) (i32.const 2)))
                  (local.get $t))))
            (if (i32.eqz (i32.load8_u (i32.add (local.get $member) (local.get $i))))
              (then
                (i32.store8 (i32.add (local.get $member) (local.get $i)) (i32.const 1))
                (i32.store (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $spikes)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $steps)))
    (local.get $count))`;

/** The plasticity kernels and their exported block wrappers. */
export function plasticityKernels(): string {
  return [
    NORMALIZE,
    exportWrapper("normalizeColumns", "$normalizeColumns", NORMALIZE_BLOCK, ["w", "np", "inputs", "cols", "count", "sums", "total"], false),
    POTENTIATE,
    exportWrapper("potentiateColumn", "$potentiateColumn", POTENTIATE_BLOCK,
      ["w", "np", "j", "t", "scale", "wMax", "inputs", "count", "lastPre", "table", "len"], false),
    MARK,
    exportWrapper("markPreSpikes", "$markPreSpikes", STAMP_BLOCK,
      ["idx", "stepStart", "from", "to", "tFrom", "lastPre", "list", "member", "count", "preHist", "preHead", "history"], true),
  ].join("\n\n");
}
