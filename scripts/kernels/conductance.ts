/**
 * Templates of the conductance model's excitatory step kernels: one template for the variants with and without the
 * gi term, its main loop unrolled over CHUNKS chunks of 4 neurons and its first ROWS input rows held in locals; the
 * self-inhibited variant; the row helpers. Every lane gets the same f32 operations in the same order as the
 * TypeScript oracle (src/core/kernels.ts unclampedEuler, clampAtEInh).
 */
import { CONDUCTANCE_BLOCK } from "../../src/core/wasm/layout";
import { address, exportWrapper, offset, times } from "./wat";

/** Chunks of 4 neurons per iteration of the main loop (two and eight were slower end to end). */
const CHUNKS = 4;
/** Input rows added from locals (more rows in a step are rare; they come from the row pointer list). */
const ROWS = 4;

const STEP_PARAMS = ["v", "ge", "thr", "out", "np", "w", "idx", "count", "rows", "dj", "dby", "m", "vRest", "eExc", "eInh", "k", "geDecay"];

/** The Euler update of one vector of 4 neurons, before the clamp: V + ((vRest - V) + GE (eExc - V) [+ gi (eInh - V)]) k. */
function euler(V: string, GE: string, withGi: boolean): string {
  const drive = `(f32x4.add (f32x4.sub (local.get $sRest) (local.get ${V})) (f32x4.mul (local.get ${GE}) (f32x4.sub (local.get $sExc) (local.get ${V}))))`;
  const full = withGi ? `(f32x4.add ${drive} (f32x4.mul (local.get $sGi) (f32x4.sub (local.get $sInh) (local.get ${V}))))` : drive;
  return `(f32x4.add (local.get ${V}) (f32x4.mul ${full} (local.get $sK)))`;
}

/**
 * The clamp of the vector in local `vn`: vn = pmax(eInh, vn) [pmax(a, b) = a < b ? b : a], counting in $nClamp the
 * real neurons' lanes (laneMask at byte offset $off + at) it changes (not vn >= eInh: below eInh, or not a number).
 */
function clampCounted(vn: string, at = ""): string {
  return `        (local.set $nClamp (i32x4.sub (local.get $nClamp)
          (v128.and (v128.not (f32x4.ge (local.get ${vn}) (local.get $sInh))) (v128.load${at} (i32.add (local.get $laneMask) (local.get $off))))))
        (local.set ${vn} (f32x4.pmax (local.get $sInh) (local.get ${vn})))`;
}

/** The one-neuron Euler update before the clamp, with inhibitory conductance `gi` (locals $V, $GE; the oracle's order). */
function scalarEuler(gi: string): string {
  return `(f32.add (local.get $V)
            (f32.mul
              (f32.add
                (f32.add
                  (f32.sub (local.get $vRest) (local.get $V))
                  (f32.mul (local.get $GE) (f32.sub (local.get $eExc) (local.get $V))))
                (f32.mul ${gi} (f32.sub (local.get $eInh) (local.get $V))))
              (local.get $k)))`;
}

/** *clamps += delta when x was clamped (not x >= eInh). */
function countScalarClamp(x: string, delta: number): string {
  return `(if (i32.eqz (f32.ge (local.get ${x}) (local.get $eInh)))
          (then (i32.store (local.get $clamps) (i32.add (i32.load (local.get $clamps)) (i32.const ${delta})))))`;
}

/** $GE += each listed row at byte offset `at` (rows[0 .. count), in order), with the row cursor `cursor`. */
function addRows(cursor: string, add: string, loadOp: string, at: string): string {
  return `        (local.set ${cursor} (local.get $rows))
        (block $added
          (loop $add
            (br_if $added (i32.ge_u (local.get ${cursor}) (local.get $rowsEnd)))
            (local.set $GE (${add} (local.get $GE) (${loadOp} (i32.add (i32.load (local.get ${cursor})) (local.get ${at})))))
            (local.set ${cursor} (i32.add (local.get ${cursor}) (i32.const 4)))
            (br $add)))`;
}

/** `$emit` for the lanes of chunk q whose mask is set. */
function emitChunk(mask: string, q: number): string {
  const base = q === 0 ? "(i32.shr_u (local.get $off) (i32.const 2))" : `(i32.add (i32.shr_u (local.get $off) (i32.const 2)) (i32.const ${4 * q}))`;
  return `        (if (local.get ${mask})
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) ${base} (local.get ${mask}) (local.get $v) (local.get $vReset)))))`;
}

/**
 * One variant of the step: with the shared gi or without (gi negligible), counting the clamps at eInh or not (the
 * dispatchers below choose: see STEP_DISPATCH).
 */
function stepKernel(name: string, withGi: boolean, counting: boolean): string {
  const clamp = (vn: string, at = ""): string => (counting ? clampCounted(vn, at) : `        (local.set ${vn} (f32x4.pmax (local.get $sInh) (local.get ${vn})))`);
  const chunk = (q: number) => ({ V: `$V${q}`, GE: `$GE${q}`, vn: `$vn${q}`, at: offset(16 * q) });
  const locals = times(CHUNKS, (q) => `(local $V${q} v128) (local $GE${q} v128) (local $vn${q} v128)`).split("\n").join(" ");
  const rowLocals = times(ROWS, (r) => `(local $row${r} i32)`).split("\n").join(" ");
  return `  ;; One conductance-model step of the excitatory layer${withGi ? "" : " without the gi term (gi negligible)"}, with the step's input spikes folded in:
  ;;   ge' = ((ge + W[i1, j]) + W[i2, j]) + ...    for the listed input rows, in order
  ;;   v'  = pmax(eInh, v + k * ((vRest - v) + ge' (eExc - v)${withGi ? " + gi (eInh - v)" : ""}))   [pmax(a, b) = a < b ? b : a]
${counting ? "  ;;   *clamps += the real neurons' lanes (laneMask) the clamp changed (not v' >= eInh before it)\n" : ""}  ;;   spike if v' > thr[j]: v' = vReset;  ge = ge' * geDecay
  ;; then each listed row is depressed by the dj/dby list (Brian2's on_pre: the row is added before it is depressed).
  ;; ${withGi ? "gi is one inhibitory conductance shared by all neurons (all-but-self inhibition; $stepSelf fixes up the\n  ;; few self-inhibited neurons). " : ""}Refractory neurons have thr = +inf; the caller holds their v at vReset.
  ;; \`rows\` is scratch for count row pointers. Writes spiking indices to out and returns their count.
  (func ${name}
    (param $v i32) (param $ge i32) (param $thr i32) (param $out i32) (param $np i32)
    (param $w i32) (param $idx i32) (param $count i32) (param $rows i32) (param $dj i32) (param $dby i32) (param $m i32)
    (param $vRest f32) (param $eExc f32) (param $eInh f32) (param $k f32) (param $geDecay f32)${withGi ? " (param $gi f32)" : ""} (param $vReset f32) (param $clamps i32) (param $laneMask i32)
    (result i32)
    ${rowLocals} (local $endU i32) (local $row i32)
    ${locals}
    (local $off i32) (local $end i32) (local $n i32) (local $mask i32) (local $r i32) (local $rowsEnd i32)
    (local $V v128) (local $GE v128) (local $vn v128) (local $spike v128) (local $nClamp v128)
    (local $sRest v128) (local $sExc v128) (local $sInh v128) (local $sK v128) (local $sGe v128)${withGi ? " (local $sGi v128)" : ""}
    (call $rowPointers (local.get $w) (local.get $idx) (local.get $count) (local.get $np) (local.get $rows))
    (local.set $rowsEnd (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    ;; the first ${ROWS} rows' pointers in locals (the unrolled loop adds them without a loop)
${times(ROWS, (r) => `    (local.set $row${r} (i32.load${offset(4 * r)} (local.get $rows)))`)}
    (local.set $sRest (f32x4.splat (local.get $vRest)))
    (local.set $sExc (f32x4.splat (local.get $eExc)))
    (local.set $sInh (f32x4.splat (local.get $eInh)))
    (local.set $sK (f32x4.splat (local.get $k)))
    (local.set $sGe (f32x4.splat (local.get $geDecay)))${withGi ? "\n    (local.set $sGi (f32x4.splat (local.get $gi)))" : ""}
    (local.set $end (i32.shl (local.get $np) (i32.const 2)))
    (local.set $endU (i32.and (local.get $end) (i32.const ${-16 * CHUNKS})))
    ;; ${CHUNKS} chunks of 4 neurons per iteration (the same arithmetic per lane as the single-chunk loop below)
    (block $doneU
      (loop $nextU
        (br_if $doneU (i32.ge_u (local.get $off) (local.get $endU)))
${times(CHUNKS, (q) => `        (local.set ${chunk(q).GE} (v128.load${chunk(q).at} (i32.add (local.get $ge) (local.get $off))))`)}
${times(ROWS, (r) => `        (if (i32.gt_u (local.get $count) (i32.const ${r}))
          (then
${times(CHUNKS, (q) => `            (local.set ${chunk(q).GE} (f32x4.add (local.get ${chunk(q).GE}) (v128.load${chunk(q).at} (i32.add (local.get $row${r}) (local.get $off)))))`)}))`)}
        ;; rows ${ROWS + 1}, ${ROWS + 2}, ... (rare) from the row pointer list
        (local.set $r (i32.add (local.get $rows) (i32.const ${4 * ROWS})))
        (block $addedU
          (loop $addU
            (br_if $addedU (i32.ge_u (local.get $r) (local.get $rowsEnd)))
            (local.set $row (i32.add (i32.load (local.get $r)) (local.get $off)))
${times(CHUNKS, (q) => `            (local.set ${chunk(q).GE} (f32x4.add (local.get ${chunk(q).GE}) (v128.load${chunk(q).at} (local.get $row))))`)}
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $addU)))
${times(CHUNKS, (q) => `        (local.set ${chunk(q).V} (v128.load${chunk(q).at} (i32.add (local.get $v) (local.get $off))))
        (local.set ${chunk(q).vn} ${euler(chunk(q).V, chunk(q).GE, withGi)})
${clamp(chunk(q).vn, chunk(q).at)}`)}
${times(CHUNKS, (q) => `        (v128.store${chunk(q).at} (i32.add (local.get $v) (local.get $off)) (local.get ${chunk(q).vn}))
        (v128.store${chunk(q).at} (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get ${chunk(q).GE}) (local.get $sGe)))`)}
${times(CHUNKS, (q) => `        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get ${chunk(q).vn}) (v128.load${chunk(q).at} (i32.add (local.get $thr) (local.get $off))))))
${emitChunk("$mask", q)}`)}
        (local.set $off (i32.add (local.get $off) (i32.const ${16 * CHUNKS})))
        (br $nextU)))
    ;; the last chunks one by one
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $GE (v128.load (i32.add (local.get $ge) (local.get $off))))
${addRows("$r", "f32x4.add", "v128.load", "$off")}
        (local.set $V (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $vn ${euler("$V", "$GE", withGi)})
${clamp("$vn")}
        (local.set $spike (f32x4.gt (local.get $vn) (v128.load (i32.add (local.get $thr) (local.get $off)))))
        (v128.store (i32.add (local.get $v) (local.get $off)) (local.get $vn))
        (v128.store (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE) (local.get $sGe)))
        (local.set $mask (i32x4.bitmask (local.get $spike)))
${emitChunk("$mask", 0)}
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $next)))
    (call $depressRows (local.get $rows) (local.get $count) (local.get $dj) (local.get $dby) (local.get $m))
${counting ? `    (i32.store (local.get $clamps) (i32.add (i32.load (local.get $clamps))
      (i32.add (i32.add (i32x4.extract_lane 0 (local.get $nClamp)) (i32x4.extract_lane 1 (local.get $nClamp)))
        (i32.add (i32x4.extract_lane 2 (local.get $nClamp)) (i32x4.extract_lane 3 (local.get $nClamp))))))
` : ""}    (local.get $n))`;
}

/** The self-inhibited variant: the listed neurons are hidden from $stepGi and updated with their own gi. */
const STEP_SELF = `  ;; $stepGi with all-but-self inhibition: gi is the shared conductance G (f64 gShared, f32 gi) for every neuron
  ;; except the count listed in selfIdx, whose gi is f32(G - selfGi[r]) (f64 subtraction; selfGi holds f64).
  ;; Before the step each listed neuron's v, its ge with the step's rows added (f32, in row order) and its threshold
  ;; are saved (3 f32 per neuron at save) and its threshold set to +inf; after it, the neuron is updated with its own gi
  ;; by the same f32 formula, its threshold restored, and a spike (v' > thr) appended to out; *clamps counts its own
  ;; update's clamp instead of the shared one's. Returns the spike count.
  (func $stepSelf
    (param $v i32) (param $ge i32) (param $thr i32) (param $out i32) (param $np i32)
    (param $w i32) (param $idx i32) (param $count i32) (param $rows i32) (param $dj i32) (param $dby i32) (param $m i32)
    (param $vRest f32) (param $eExc f32) (param $eInh f32) (param $k f32) (param $geDecay f32) (param $gi f32) (param $vReset f32)
    (param $selfIdx i32) (param $selfGi i32) (param $selfCount i32) (param $gShared f64) (param $save i32) (param $clamps i32) (param $laneMask i32)
    (param $countFrom f32)
    (result i32)
    (local $r i32) (local $j4 i32) (local $q i32) (local $rowsEnd i32) (local $s i32) (local $n i32)
    (local $GE f32) (local $V f32) (local $GI f32) (local $x f32) (local $counting i32)
    (call $rowPointers (local.get $w) (local.get $idx) (local.get $count) (local.get $np) (local.get $rows))
    (local.set $rowsEnd (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (block $saved
      (loop $pre
        (br_if $saved (i32.ge_u (local.get $r) (local.get $selfCount)))
        (local.set $j4 (i32.shl (i32.load (i32.add (local.get $selfIdx) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
        (local.set $GE (f32.load (i32.add (local.get $ge) (local.get $j4))))
${addRows("$q", "f32.add", "f32.load", "$j4")}
        (local.set $s (i32.add (local.get $save) (i32.mul (local.get $r) (i32.const 12))))
        (f32.store (local.get $s) (f32.load (i32.add (local.get $v) (local.get $j4))))
        (f32.store offset=4 (local.get $s) (local.get $GE))
        (f32.store offset=8 (local.get $s) (f32.load (i32.add (local.get $thr) (local.get $j4))))
        (f32.store (i32.add (local.get $thr) (local.get $j4)) (f32.const inf))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $pre)))
    (local.set $n
      (call $stepGi (local.get $v) (local.get $ge) (local.get $thr) (local.get $out) (local.get $np)
        (local.get $w) (local.get $idx) (local.get $count) (local.get $rows) (local.get $dj) (local.get $dby) (local.get $m)
        (local.get $vRest) (local.get $eExc) (local.get $eInh) (local.get $k) (local.get $geDecay) (local.get $gi) (local.get $vReset)
        (local.get $clamps) (local.get $laneMask) (local.get $countFrom)))
    (local.set $r (i32.const 0))
    (block $fixed
      (loop $post
        (br_if $fixed (i32.ge_u (local.get $r) (local.get $selfCount)))
        (local.set $j4 (i32.shl (i32.load (i32.add (local.get $selfIdx) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
        (local.set $s (i32.add (local.get $save) (i32.mul (local.get $r) (i32.const 12))))
        (f32.store (i32.add (local.get $thr) (local.get $j4)) (f32.load offset=8 (local.get $s)))
        (local.set $V (f32.load (local.get $s)))
        (local.set $GE (f32.load offset=4 (local.get $s)))
        (local.set $GI (f32.demote_f64 (f64.sub (local.get $gShared)
          (f64.load (i32.add (local.get $selfGi) (i32.shl (local.get $r) (i32.const 3)))))))
        ;; when $stepGi counted (gi >= countFrom), it counted this neuron's update with the shared gi, which its own
        ;; replaces: uncount that, count its own (own gi <= shared gi: below countFrom neither can clamp)
        (local.set $counting (f32.ge (local.get $gi) (local.get $countFrom)))
        (if (local.get $counting)
          (then
            (local.set $x ${scalarEuler("(local.get $gi)")})
            ${countScalarClamp("$x", -1)}))
        (local.set $x ${scalarEuler("(local.get $GI)")})
        (if (local.get $counting) (then ${countScalarClamp("$x", 1)}))
        (local.set $x (select (local.get $x) (local.get $eInh) (f32.lt (local.get $eInh) (local.get $x))))
        (if (f32.gt (local.get $x) (f32.load offset=8 (local.get $s)))
          (then
            (f32.store (i32.add (local.get $v) (local.get $j4)) (local.get $vReset))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.shr_u (local.get $j4) (i32.const 2)))
            (local.set $n (i32.add (local.get $n) (i32.const 1))))
          (else (f32.store (i32.add (local.get $v) (local.get $j4)) (local.get $x))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $post)))
    (local.get $n))`;

/**
 * $stepGi and $stepNoGi: the counting variant only where the clamp can act. With v in [eInh, eExc] (v starts at rest,
 * the clamp keeps it >= eInh, thresholds below eExc keep it <= eExc, and held refractory neurons sit at vReset),
 * v' - eInh >= (v - eInh)(1 - k (1 + gi)) + k (vRest - eInh) > 0 whenever k (1 + gi) <= 1: no clamp below
 * gi = (1 - k) / k. The block's clampCountFrom is half of that (a margin for f32 rounding), or -inf (count every
 * step) when refractory v integrates and can leave that range (blocks.ts).
 */
function stepDispatch(withGi: boolean): string {
  const name = withGi ? "$stepGi" : "$stepNoGi";
  const params = STEP_PARAMS.map((f) => `(param $${f} ${["vRest", "eExc", "eInh", "k", "geDecay"].includes(f) ? "f32" : "i32"})`).join(" ");
  const args = [...STEP_PARAMS, ...(withGi ? ["gi"] : []), "vReset", "clamps", "laneMask"].map((f) => `(local.get $${f})`).join(" ");
  const gi = withGi ? "(local.get $gi)" : "(f32.const 0)";
  return `  ;; ${name}: ${name}Counting when ${withGi ? "gi" : "0 (gi negligible)"} >= countFrom (clamps at eInh possible), else ${name}Plain.
  (func ${name} ${params}${withGi ? " (param $gi f32)" : ""} (param $vReset f32) (param $clamps i32) (param $laneMask i32) (param $countFrom f32) (result i32)
    (if (result i32) (f32.ge ${gi} (local.get $countFrom))
      (then (call ${name}Counting ${args}))
      (else (call ${name}Plain ${args}))))`;
}

/** The helpers the step kernels share: spike emission, row addresses, the depression of rows. */
const HELPERS = `  ;; For each lane set in the 4-bit mask m: append its neuron index (base + lane) to out and reset its v to vReset
  ;; (spikes are rare, so the reset is done here rather than with a select on every lane). Returns the new count.
  (func $emit (param $out i32) (param $n i32) (param $base i32) (param $m i32) (param $v i32) (param $vReset f32) (result i32)
    (local $lane i32) (local $j i32)
    (block $end
      (loop $lanes
        (br_if $end (i32.ge_u (local.get $lane) (i32.const 4)))
        (if (i32.and (local.get $m) (i32.shl (i32.const 1) (local.get $lane)))
          (then
            (local.set $j (i32.add (local.get $base) (local.get $lane)))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
            (f32.store (i32.add (local.get $v) (i32.shl (local.get $j) (i32.const 2))) (local.get $vReset))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
        (br $lanes)))
    (local.get $n))

  ;; rows[r] = w + idx[r] * np * 4 (byte address of each listed weight row).
  (func $rowPointers (param $w i32) (param $idx i32) (param $count i32) (param $np i32) (param $rows i32)
    (local $r i32)
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $r) (local.get $count)))
        (i32.store (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))
          (i32.add (local.get $w)
            (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $r) (i32.const 2)))) (i32.shl (local.get $np) (i32.const 2)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each))))

  ;; W[row + dj[r]] = max(0, W[row + dj[r]] - dby[r]) for r < m (f64 arithmetic, f32 storage).
  (func $depress (param $row i32) (param $dj i32) (param $dby i32) (param $m i32)
    (local $r i32) (local $a i32) (local $x f64)
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $r) (local.get $m)))
        (local.set $a
          (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $dj) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2))))
        (local.set $x
          (f64.sub (f64.promote_f32 (f32.load (local.get $a)))
            (f64.load (i32.add (local.get $dby) (i32.shl (local.get $r) (i32.const 3))))))
        (f32.store (local.get $a) (f32.demote_f64 (select (local.get $x) (f64.const 0) (f64.gt (local.get $x) (f64.const 0)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each))))

  ;; $depress on each of the count rows listed in rows.
  (func $depressRows (param $rows i32) (param $count i32) (param $dj i32) (param $dby i32) (param $m i32)
    (local $r i32)
    (if (i32.eqz (local.get $m)) (then (return)))
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $r) (local.get $count)))
        (call $depress (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))) (local.get $dj) (local.get $dby) (local.get $m))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each))))

  ;; The pre-spike depression of the input rows idx[0 .. count): $depress on row w + idx[k] * np * 4.
  (func $depressListed (param $w i32) (param $idx i32) (param $count i32) (param $np i32) (param $dj i32) (param $dby i32) (param $m i32)
    (local $k i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (call $depress
          (i32.add (local.get $w)
            (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (i32.shl (local.get $np) (i32.const 2))))
          (local.get $dj) (local.get $dby) (local.get $m))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))`;

/** The conductance step kernels, their helpers and their exported block wrappers. */
export function conductanceKernels(): string {
  const B = CONDUCTANCE_BLOCK;
  // the exported step kernels add the rows at rowBase (W, or the delay ring); the step loop's are always W's rows
  const exported = STEP_PARAMS.map((f) => (f === "w" ? "rowBase" : f));
  const clamps = address(B, "clamps");
  return [
    HELPERS,
    stepKernel("$stepGiPlain", true, false),
    stepKernel("$stepGiCounting", true, true),
    stepKernel("$stepNoGiPlain", false, false),
    stepKernel("$stepNoGiCounting", false, true),
    stepDispatch(true),
    stepDispatch(false),
    STEP_SELF,
    exportWrapper("stepConductance", "$stepGi", B, [...exported, "gi", "vReset", clamps, "laneMask", "clampCountFrom"], true),
    exportWrapper("stepConductanceNoGi", "$stepNoGi", B, [...exported, "vReset", clamps, "laneMask", "clampCountFrom"], true),
    exportWrapper("stepConductanceSelf", "$stepSelf", B, [...exported, "gi", "vReset", "selfIdx", "selfGi", "selfCount", "gShared", "selfSave", clamps, "laneMask", "clampCountFrom"], true),
    exportWrapper("depressRows", "$depressListed", B, ["w", "idx", "count", "np", "dj", "dby", "m"], false),
  ].join("\n\n");
}

/** The internal step functions' parameters as the step loop passes them (see loop.ts). */
export { STEP_PARAMS };
