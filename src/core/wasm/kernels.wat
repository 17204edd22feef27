;; WebAssembly SIMD (f32x4) kernels of the simulation's hot loops (input rows + excitatory update, weight
;; normalisation, potentiation), the conductance model's step loop between excitatory spikes (runSteps) and the
;; Poisson input (poissonFill). Source of src/core/wasm/kernels.wasm, built by `npm run build:wasm`
;; (scripts/build-wasm.ts, with the `wabt` package). The pure-TypeScript oracles in src/core/kernels.ts (tsKernels) run
;; the same algorithm with every f32 operation in the same order, so the two agree bit for bit; runSteps, poissonFill
;; and markPreSpikes reproduce the network's per-step TypeScript path and PoissonInput.fill (test/core/kernels.test.ts,
;; test/core/poisson.test.ts, test/core/golden.test.ts).
;; The conductance steps process four chunks of 4 neurons per iteration of their main loop (written out below, the
;; same per-lane arithmetic as their single-chunk loop, which finishes the last chunks).
;; All pointers are byte offsets into the imported memory, 16-byte aligned; np (padded neuron count) is a multiple of 4.
(module
  (import "env" "memory" (memory 1))

  ;; The input spikes of one step in the current model (BindsNET: learning runs before the next step's input is
  ;; gathered): for each listed row i (in order), W[i, dj[r]] = max(0, W[i, dj[r]] - dby[r]) for r < m (f64 arithmetic,
  ;; dby holds f64 amounts, f32 storage), then ge[j] += W[i, j] for all j < np.
  (func (export "inputSpikes") (param $w i32) (param $ge i32) (param $idx i32) (param $count i32) (param $np i32)
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
        (br $rows))))

  ;; The pre-spike depression of the listed input rows: $depress on row w + idx[k] * np * 4 for k < count.
  (func (export "depressRows") (param $w i32) (param $idx i32) (param $count i32) (param $np i32)
    (param $dj i32) (param $dby i32) (param $m i32)
    (local $k i32)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (call $depress
          (i32.add (local.get $w)
            (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (i32.shl (local.get $np) (i32.const 2))))
          (local.get $dj) (local.get $dby) (local.get $m))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))

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

    ;; For each lane set in the 4-bit mask m: append its neuron index (base + lane) to out and reset its v to vReset
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

  ;; One conductance-model step of the excitatory layer, with the step's input spikes folded in:
  ;;   ge' = ((ge + W[i1, j]) + W[i2, j]) + ...    for the listed input rows, in order
  ;;   v'  = pmax(eInh, v + k * ((vRest - v) + ge' (eExc - v) + gi (eInh - v)))   [pmax(a, b) = a < b ? b : a]
  ;;   spike if v' > thr[j]: v' = vReset;  ge = ge' * geDecay
  ;; then each listed row is depressed by the dj/dby list (Brian2's on_pre: the row is added before it is depressed).
  ;; gi is one inhibitory conductance shared by all neurons (all-but-self inhibition; the caller fixes up the few
  ;; self-inhibited neurons). Refractory neurons have thr = +inf; the caller holds their v at vReset.
  ;; `rows` is scratch for count row pointers. Writes spiking indices to out and returns their count.
  (func $stepConductance (export "stepConductance")
    (param $v i32) (param $ge i32) (param $thr i32) (param $out i32) (param $np i32)
    (param $w i32) (param $idx i32) (param $count i32) (param $rows i32) (param $dj i32) (param $dby i32) (param $m i32)
    (param $vRest f32) (param $eExc f32) (param $eInh f32) (param $k f32) (param $geDecay f32) (param $gi f32) (param $vReset f32)
    (result i32)
    (local $row0 i32) (local $row1 i32) (local $row2 i32) (local $row3 i32) (local $endU i32) (local $row i32) (local $V0 v128) (local $GE0 v128) (local $vn0 v128) (local $V1 v128) (local $GE1 v128) (local $vn1 v128) (local $V2 v128) (local $GE2 v128) (local $vn2 v128) (local $V3 v128) (local $GE3 v128) (local $vn3 v128)
    (local $off i32) (local $end i32) (local $n i32) (local $mask i32) (local $r i32) (local $rowsEnd i32)
    (local $V v128) (local $GE v128) (local $vn v128) (local $spike v128)
    (local $sRest v128) (local $sExc v128) (local $sInh v128) (local $sK v128) (local $sGe v128)  (local $sGi v128)
    (call $rowPointers (local.get $w) (local.get $idx) (local.get $count) (local.get $np) (local.get $rows))
    (local.set $rowsEnd (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    ;; the first four rows' pointers in locals (the 4-chunk loop adds them without a loop; more rows are rare)
    (local.set $row0 (i32.load (local.get $rows)))
    (local.set $row1 (i32.load offset=4 (local.get $rows)))
    (local.set $row2 (i32.load offset=8 (local.get $rows)))
    (local.set $row3 (i32.load offset=12 (local.get $rows)))
    (local.set $sRest (f32x4.splat (local.get $vRest)))
    (local.set $sExc (f32x4.splat (local.get $eExc)))
    (local.set $sInh (f32x4.splat (local.get $eInh)))
    (local.set $sK (f32x4.splat (local.get $k)))
    (local.set $sGe (f32x4.splat (local.get $geDecay)))
    (local.set $sGi (f32x4.splat (local.get $gi)))
    (local.set $end (i32.shl (local.get $np) (i32.const 2)))
    (local.set $endU (i32.and (local.get $end) (i32.const -64)))
    ;; 4 chunks of 4 neurons per iteration (the same arithmetic per lane as the single-chunk loop below)
    (block $doneU
      (loop $nextU
        (br_if $doneU (i32.ge_u (local.get $off) (local.get $endU)))
        (local.set $GE0 (v128.load (i32.add (local.get $ge) (local.get $off))))
        (local.set $GE1 (v128.load offset=16 (i32.add (local.get $ge) (local.get $off))))
        (local.set $GE2 (v128.load offset=32 (i32.add (local.get $ge) (local.get $off))))
        (local.set $GE3 (v128.load offset=48 (i32.add (local.get $ge) (local.get $off))))
        (if (i32.gt_u (local.get $count) (i32.const 0))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row0) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row0) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row0) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row0) (local.get $off)))))))
        (if (i32.gt_u (local.get $count) (i32.const 1))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row1) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row1) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row1) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row1) (local.get $off)))))))
        (if (i32.gt_u (local.get $count) (i32.const 2))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row2) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row2) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row2) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row2) (local.get $off)))))))
        (if (i32.gt_u (local.get $count) (i32.const 3))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row3) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row3) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row3) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row3) (local.get $off)))))))
        ;; rows 5, 6, ... (rare) from the row pointer list
        (local.set $r (i32.add (local.get $rows) (i32.const 16)))
        (block $addedU
          (loop $addU
            (br_if $addedU (i32.ge_u (local.get $r) (local.get $rowsEnd)))
            (local.set $row (i32.add (i32.load (local.get $r)) (local.get $off)))
            (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (local.get $row))))
            (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (local.get $row))))
            (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (local.get $row))))
            (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (local.get $row))))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $addU)))
        (local.set $V0 (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $vn0 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V0) (f32x4.mul (f32x4.add (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V0)) (f32x4.mul (local.get $GE0) (f32x4.sub (local.get $sExc) (local.get $V0)))) (f32x4.mul (local.get $sGi) (f32x4.sub (local.get $sInh) (local.get $V0)))) (local.get $sK)))))
        (local.set $V1 (v128.load offset=16 (i32.add (local.get $v) (local.get $off))))
        (local.set $vn1 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V1) (f32x4.mul (f32x4.add (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V1)) (f32x4.mul (local.get $GE1) (f32x4.sub (local.get $sExc) (local.get $V1)))) (f32x4.mul (local.get $sGi) (f32x4.sub (local.get $sInh) (local.get $V1)))) (local.get $sK)))))
        (local.set $V2 (v128.load offset=32 (i32.add (local.get $v) (local.get $off))))
        (local.set $vn2 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V2) (f32x4.mul (f32x4.add (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V2)) (f32x4.mul (local.get $GE2) (f32x4.sub (local.get $sExc) (local.get $V2)))) (f32x4.mul (local.get $sGi) (f32x4.sub (local.get $sInh) (local.get $V2)))) (local.get $sK)))))
        (local.set $V3 (v128.load offset=48 (i32.add (local.get $v) (local.get $off))))
        (local.set $vn3 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V3) (f32x4.mul (f32x4.add (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V3)) (f32x4.mul (local.get $GE3) (f32x4.sub (local.get $sExc) (local.get $V3)))) (f32x4.mul (local.get $sGi) (f32x4.sub (local.get $sInh) (local.get $V3)))) (local.get $sK)))))
        (v128.store (i32.add (local.get $v) (local.get $off)) (local.get $vn0))
        (v128.store (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE0) (local.get $sGe)))
        (v128.store offset=16 (i32.add (local.get $v) (local.get $off)) (local.get $vn1))
        (v128.store offset=16 (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE1) (local.get $sGe)))
        (v128.store offset=32 (i32.add (local.get $v) (local.get $off)) (local.get $vn2))
        (v128.store offset=32 (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE2) (local.get $sGe)))
        (v128.store offset=48 (i32.add (local.get $v) (local.get $off)) (local.get $vn3))
        (v128.store offset=48 (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE3) (local.get $sGe)))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn0) (v128.load (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn1) (v128.load offset=16 (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.add (i32.shr_u (local.get $off) (i32.const 2)) (i32.const 4)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn2) (v128.load offset=32 (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.add (i32.shr_u (local.get $off) (i32.const 2)) (i32.const 8)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn3) (v128.load offset=48 (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.add (i32.shr_u (local.get $off) (i32.const 2)) (i32.const 12)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $off (i32.add (local.get $off) (i32.const 64)))
        (br $nextU)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $GE (v128.load (i32.add (local.get $ge) (local.get $off))))
        (local.set $r (local.get $rows))
        (block $added
          (loop $add
            (br_if $added (i32.ge_u (local.get $r) (local.get $rowsEnd)))
            (local.set $GE (f32x4.add (local.get $GE) (v128.load (i32.add (i32.load (local.get $r)) (local.get $off)))))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $add)))
        (local.set $V (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $vn
          (f32x4.pmax (local.get $sInh)
            (f32x4.add (local.get $V)
              (f32x4.mul
                (f32x4.add
                  (f32x4.add
                    (f32x4.sub (local.get $sRest) (local.get $V))
                    (f32x4.mul (local.get $GE) (f32x4.sub (local.get $sExc) (local.get $V))))
                  (f32x4.mul (local.get $sGi) (f32x4.sub (local.get $sInh) (local.get $V))))
                (local.get $sK)))))
        (local.set $spike (f32x4.gt (local.get $vn) (v128.load (i32.add (local.get $thr) (local.get $off)))))
        (v128.store (i32.add (local.get $v) (local.get $off)) (local.get $vn))
        (v128.store (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE) (local.get $sGe)))
        (local.set $mask (i32x4.bitmask (local.get $spike)))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $next)))
    (call $depressRows (local.get $rows) (local.get $count) (local.get $dj) (local.get $dby) (local.get $m))
    (local.get $n))

  ;; stepConductance with all-but-self inhibition: gi is the shared conductance G (f64 gShared, f32 gi) for every
  ;; neuron except the count listed in selfIdx, whose gi is f32(G - selfGi[r]) (f64 subtraction; selfGi holds f64).
  ;; Before the step each listed neuron's v, its ge with the step's rows added (f32, in row order) and its threshold
  ;; are saved (3 f32 per neuron at save) and its threshold set to +inf; after it, the neuron is updated with its own gi
  ;; by the same f32 formula, its threshold restored, and a spike (v' > thr) appended to out. Returns the spike count.
  (func $stepConductanceSelf (export "stepConductanceSelf")
    (param $v i32) (param $ge i32) (param $thr i32) (param $out i32) (param $np i32)
    (param $w i32) (param $idx i32) (param $count i32) (param $rows i32) (param $dj i32) (param $dby i32) (param $m i32)
    (param $vRest f32) (param $eExc f32) (param $eInh f32) (param $k f32) (param $geDecay f32) (param $gi f32) (param $vReset f32)
    (param $selfIdx i32) (param $selfGi i32) (param $selfCount i32) (param $gShared f64) (param $save i32)
    (result i32)
    (local $r i32) (local $j4 i32) (local $q i32) (local $rowsEnd i32) (local $s i32) (local $n i32)
    (local $GE f32) (local $V f32) (local $GI f32) (local $x f32)
    (call $rowPointers (local.get $w) (local.get $idx) (local.get $count) (local.get $np) (local.get $rows))
    (local.set $rowsEnd (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (block $saved
      (loop $pre
        (br_if $saved (i32.ge_u (local.get $r) (local.get $selfCount)))
        (local.set $j4 (i32.shl (i32.load (i32.add (local.get $selfIdx) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
        (local.set $GE (f32.load (i32.add (local.get $ge) (local.get $j4))))
        (local.set $q (local.get $rows))
        (block $added
          (loop $add
            (br_if $added (i32.ge_u (local.get $q) (local.get $rowsEnd)))
            (local.set $GE (f32.add (local.get $GE) (f32.load (i32.add (i32.load (local.get $q)) (local.get $j4)))))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $add)))
        (local.set $s (i32.add (local.get $save) (i32.mul (local.get $r) (i32.const 12))))
        (f32.store (local.get $s) (f32.load (i32.add (local.get $v) (local.get $j4))))
        (f32.store offset=4 (local.get $s) (local.get $GE))
        (f32.store offset=8 (local.get $s) (f32.load (i32.add (local.get $thr) (local.get $j4))))
        (f32.store (i32.add (local.get $thr) (local.get $j4)) (f32.const inf))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $pre)))
    (local.set $n
      (call $stepConductance (local.get $v) (local.get $ge) (local.get $thr) (local.get $out) (local.get $np)
        (local.get $w) (local.get $idx) (local.get $count) (local.get $rows) (local.get $dj) (local.get $dby) (local.get $m)
        (local.get $vRest) (local.get $eExc) (local.get $eInh) (local.get $k) (local.get $geDecay) (local.get $gi) (local.get $vReset)))
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
        (local.set $x
          (f32.add (local.get $V)
            (f32.mul
              (f32.add
                (f32.add
                  (f32.sub (local.get $vRest) (local.get $V))
                  (f32.mul (local.get $GE) (f32.sub (local.get $eExc) (local.get $V))))
                (f32.mul (local.get $GI) (f32.sub (local.get $eInh) (local.get $V))))
              (local.get $k))))
        (local.set $x (select (local.get $x) (local.get $eInh) (f32.lt (local.get $eInh) (local.get $x))))
        (if (f32.gt (local.get $x) (f32.load offset=8 (local.get $s)))
          (then
            (f32.store (i32.add (local.get $v) (local.get $j4)) (local.get $vReset))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (i32.shr_u (local.get $j4) (i32.const 2)))
            (local.set $n (i32.add (local.get $n) (i32.const 1))))
          (else (f32.store (i32.add (local.get $v) (local.get $j4)) (local.get $x))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $post)))
    (local.get $n))

  ;; The same step while gi is negligible: the gi term is skipped.
  (func $stepConductanceNoGi (export "stepConductanceNoGi")
    (param $v i32) (param $ge i32) (param $thr i32) (param $out i32) (param $np i32)
    (param $w i32) (param $idx i32) (param $count i32) (param $rows i32) (param $dj i32) (param $dby i32) (param $m i32)
    (param $vRest f32) (param $eExc f32) (param $eInh f32) (param $k f32) (param $geDecay f32) (param $vReset f32)
    (result i32)
    (local $row0 i32) (local $row1 i32) (local $row2 i32) (local $row3 i32) (local $endU i32) (local $row i32) (local $V0 v128) (local $GE0 v128) (local $vn0 v128) (local $V1 v128) (local $GE1 v128) (local $vn1 v128) (local $V2 v128) (local $GE2 v128) (local $vn2 v128) (local $V3 v128) (local $GE3 v128) (local $vn3 v128)
    (local $off i32) (local $end i32) (local $n i32) (local $mask i32) (local $r i32) (local $rowsEnd i32)
    (local $V v128) (local $GE v128) (local $vn v128) (local $spike v128)
    (local $sRest v128) (local $sExc v128) (local $sInh v128) (local $sK v128) (local $sGe v128) 
    (call $rowPointers (local.get $w) (local.get $idx) (local.get $count) (local.get $np) (local.get $rows))
    (local.set $rowsEnd (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    ;; the first four rows' pointers in locals (the 4-chunk loop adds them without a loop; more rows are rare)
    (local.set $row0 (i32.load (local.get $rows)))
    (local.set $row1 (i32.load offset=4 (local.get $rows)))
    (local.set $row2 (i32.load offset=8 (local.get $rows)))
    (local.set $row3 (i32.load offset=12 (local.get $rows)))
    (local.set $sRest (f32x4.splat (local.get $vRest)))
    (local.set $sExc (f32x4.splat (local.get $eExc)))
    (local.set $sInh (f32x4.splat (local.get $eInh)))
    (local.set $sK (f32x4.splat (local.get $k)))
    (local.set $sGe (f32x4.splat (local.get $geDecay)))
    (local.set $end (i32.shl (local.get $np) (i32.const 2)))
    (local.set $endU (i32.and (local.get $end) (i32.const -64)))
    ;; 4 chunks of 4 neurons per iteration (the same arithmetic per lane as the single-chunk loop below)
    (block $doneU
      (loop $nextU
        (br_if $doneU (i32.ge_u (local.get $off) (local.get $endU)))
        (local.set $GE0 (v128.load (i32.add (local.get $ge) (local.get $off))))
        (local.set $GE1 (v128.load offset=16 (i32.add (local.get $ge) (local.get $off))))
        (local.set $GE2 (v128.load offset=32 (i32.add (local.get $ge) (local.get $off))))
        (local.set $GE3 (v128.load offset=48 (i32.add (local.get $ge) (local.get $off))))
        (if (i32.gt_u (local.get $count) (i32.const 0))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row0) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row0) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row0) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row0) (local.get $off)))))))
        (if (i32.gt_u (local.get $count) (i32.const 1))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row1) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row1) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row1) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row1) (local.get $off)))))))
        (if (i32.gt_u (local.get $count) (i32.const 2))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row2) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row2) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row2) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row2) (local.get $off)))))))
        (if (i32.gt_u (local.get $count) (i32.const 3))
          (then
              (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (i32.add (local.get $row3) (local.get $off)))))
              (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (i32.add (local.get $row3) (local.get $off)))))
              (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (i32.add (local.get $row3) (local.get $off)))))
              (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (i32.add (local.get $row3) (local.get $off)))))))
        ;; rows 5, 6, ... (rare) from the row pointer list
        (local.set $r (i32.add (local.get $rows) (i32.const 16)))
        (block $addedU
          (loop $addU
            (br_if $addedU (i32.ge_u (local.get $r) (local.get $rowsEnd)))
            (local.set $row (i32.add (i32.load (local.get $r)) (local.get $off)))
            (local.set $GE0 (f32x4.add (local.get $GE0) (v128.load (local.get $row))))
            (local.set $GE1 (f32x4.add (local.get $GE1) (v128.load offset=16 (local.get $row))))
            (local.set $GE2 (f32x4.add (local.get $GE2) (v128.load offset=32 (local.get $row))))
            (local.set $GE3 (f32x4.add (local.get $GE3) (v128.load offset=48 (local.get $row))))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $addU)))
        (local.set $V0 (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $vn0 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V0) (f32x4.mul (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V0)) (f32x4.mul (local.get $GE0) (f32x4.sub (local.get $sExc) (local.get $V0)))) (local.get $sK)))))
        (local.set $V1 (v128.load offset=16 (i32.add (local.get $v) (local.get $off))))
        (local.set $vn1 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V1) (f32x4.mul (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V1)) (f32x4.mul (local.get $GE1) (f32x4.sub (local.get $sExc) (local.get $V1)))) (local.get $sK)))))
        (local.set $V2 (v128.load offset=32 (i32.add (local.get $v) (local.get $off))))
        (local.set $vn2 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V2) (f32x4.mul (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V2)) (f32x4.mul (local.get $GE2) (f32x4.sub (local.get $sExc) (local.get $V2)))) (local.get $sK)))))
        (local.set $V3 (v128.load offset=48 (i32.add (local.get $v) (local.get $off))))
        (local.set $vn3 (f32x4.pmax (local.get $sInh) (f32x4.add (local.get $V3) (f32x4.mul (f32x4.add (f32x4.sub (local.get $sRest) (local.get $V3)) (f32x4.mul (local.get $GE3) (f32x4.sub (local.get $sExc) (local.get $V3)))) (local.get $sK)))))
        (v128.store (i32.add (local.get $v) (local.get $off)) (local.get $vn0))
        (v128.store (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE0) (local.get $sGe)))
        (v128.store offset=16 (i32.add (local.get $v) (local.get $off)) (local.get $vn1))
        (v128.store offset=16 (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE1) (local.get $sGe)))
        (v128.store offset=32 (i32.add (local.get $v) (local.get $off)) (local.get $vn2))
        (v128.store offset=32 (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE2) (local.get $sGe)))
        (v128.store offset=48 (i32.add (local.get $v) (local.get $off)) (local.get $vn3))
        (v128.store offset=48 (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE3) (local.get $sGe)))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn0) (v128.load (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn1) (v128.load offset=16 (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.add (i32.shr_u (local.get $off) (i32.const 2)) (i32.const 4)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn2) (v128.load offset=32 (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.add (i32.shr_u (local.get $off) (i32.const 2)) (i32.const 8)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $vn3) (v128.load offset=48 (i32.add (local.get $thr) (local.get $off))))))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.add (i32.shr_u (local.get $off) (i32.const 2)) (i32.const 12)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $off (i32.add (local.get $off) (i32.const 64)))
        (br $nextU)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
        (local.set $GE (v128.load (i32.add (local.get $ge) (local.get $off))))
        (local.set $r (local.get $rows))
        (block $added
          (loop $add
            (br_if $added (i32.ge_u (local.get $r) (local.get $rowsEnd)))
            (local.set $GE (f32x4.add (local.get $GE) (v128.load (i32.add (i32.load (local.get $r)) (local.get $off)))))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $add)))
        (local.set $V (v128.load (i32.add (local.get $v) (local.get $off))))
        (local.set $vn
          (f32x4.pmax (local.get $sInh)
            (f32x4.add (local.get $V)
              (f32x4.mul
                (f32x4.add
                    (f32x4.sub (local.get $sRest) (local.get $V))
                    (f32x4.mul (local.get $GE) (f32x4.sub (local.get $sExc) (local.get $V))))
                (local.get $sK)))))
        (local.set $spike (f32x4.gt (local.get $vn) (v128.load (i32.add (local.get $thr) (local.get $off)))))
        (v128.store (i32.add (local.get $v) (local.get $off)) (local.get $vn))
        (v128.store (i32.add (local.get $ge) (local.get $off)) (f32x4.mul (local.get $GE) (local.get $sGe)))
        (local.set $mask (i32x4.bitmask (local.get $spike)))
        (if (local.get $mask)
          (then
            (local.set $n
              (call $emit (local.get $out) (local.get $n) (i32.shr_u (local.get $off) (i32.const 2)) (local.get $mask) (local.get $v) (local.get $vReset)))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $next)))
    (call $depressRows (local.get $rows) (local.get $count) (local.get $dj) (local.get $dby) (local.get $m))
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

  ;; Weight normalisation of the listed columns (each the input weights of one excitatory neuron): for each column
  ;; c = cols[d], sum[d] = sum over rows i = 0..inputs-1, in row order, of W[i, c] (f64); factor = total / sum (1 when
  ;; the sum is 0); then W[i, c] = f32(W[i, c] * factor) (f64 product). Rows are the outer loop (in blocks of 8, each
  ;; column's 8 values handled in row order, then the remaining rows one by one), so each row's entries are near each
  ;; other in memory. sums is scratch for count f64 values.
  (func (export "normalizeColumns") (param $w i32) (param $np i32) (param $inputs i32) (param $cols i32) (param $count i32)
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
    ;; blocks of 8 rows: per column, the 8 rows' values are added to its sum in row order (the same additions)
    (block $summedB
      (loop $rowsB
        (br_if $summedB (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $inputs)))
        (local.set $d (i32.const 0))
        (block $doneB
          (loop $eachB
            (br_if $doneB (i32.ge_u (local.get $d) (local.get $count)))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3))))
            (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $d) (i32.const 2)))) (i32.const 2))))
            (local.set $x (f64.load (local.get $s)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (local.set $x (f64.add (local.get $x) (f64.promote_f32 (f32.load (local.get $a)))))
            (f64.store (local.get $s) (local.get $x))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $eachB)))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $stride) (i32.const 8))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
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
    ;; blocks of 8 rows
    (block $scaledB
      (loop $rows2B
        (br_if $scaledB (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $inputs)))
        (local.set $d (i32.const 0))
        (block $done2B
          (loop $each2B
            (br_if $done2B (i32.ge_u (local.get $d) (local.get $count)))
            (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $d) (i32.const 2)))) (i32.const 2))))
            (local.set $x (f64.load (i32.add (local.get $sums) (i32.shl (local.get $d) (i32.const 3)))))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (local.get $stride)))
            (f32.store (local.get $a) (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (local.get $x))))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $each2B)))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $stride) (i32.const 8))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
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
        (br $rows2))))

  ;; Current-based excitatory update, one step (BindsNET DiehlAndCookNodes):
  ;;   v' = (v - vRest) * decay + vRest + in[j]; in[j] = 0; spike if v' >= thr[j]: v' = vReset.
  ;; The caller zeroes in[j] of refractory neurons (their input is discarded) and gives them thr = +inf.
  (func (export "excCurrent")
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
    (local.get $n))

  ;; ---------------------------------------------------------------------------------------------------------------
  ;; The conductance model's step loop (src/core/stepLoop.ts sets up the block and copies state in and out). It runs
  ;; steps s = from, from + 1, ... (t = t0, t0 + 1, ...) exactly as Network.stepConductance does, one after another,
  ;; and returns to JavaScript only for what JavaScript does: at sTo, or after a step in which an excitatory neuron
  ;; spiked (event = 1; the caller then handles that step's excitatory, then inhibitory spikes). Per step:
  ;;   0. refractory periods that end at t: the neuron leaves the queue (RefractoryQueue: neuron/until ring of refLength
  ;;      entries, head in/out, tail) and gets its threshold back, thr = f32(thrBase + theta) (theta f64);
  ;;   1. the excitatory step: $stepConductance with gi = f32(g) if g > giNegligible (or $stepConductanceSelf while
  ;;      self-inhibited neurons are listed), then each selfGi *= giDecay (dropped once <= giNegligible) and
  ;;      g *= giDecay (g = 0 and the list emptied once <= giNegligible); $stepConductanceNoGi otherwise;
  ;;   2. learning, with input spikes: the depression of the step's rows after their addition ($depressStep);
  ;;   3. v = vReset for the refractory neurons (the queue's entries);
  ;;   4. the active inhibitory neurons ($inhibitoryStep), spikes to inhOut;
  ;;   5. without excitatory spikes, the inhibitory spikes are delivered here (SharedInhibition.receive: g += wInhExc,
  ;;      the spiking neuron's own share += wInhExc, appended to the self-inhibited list if new).
  ;; Returns the number of steps completed without an excitatory spike; n and nInh hold the spikes of the event step.
  ;; Block layout (byte offsets; i32 unless noted):
  ;;   0 v  4 ge  8 thr  12 out  16 np  20 w  24 rows  28 dj  32 dby  36 schedule  40 stepStart  44 selfIdx
  ;;   48 selfGi (f64[])  52 selfSave  56 depList  60 depLast  64 post1Pow (f64[])  68 post1Len  76 inhIdx
  ;;   80 inhV (f64[])  84 inhInput (f64[])  88 inhRef  92 inhOut  96 leftIdx  100 leftV (f64[])  104 leftSince
  ;;   108 inhRefractorySteps  260 leftRef  264 theta (f64[])  268 refNeuron  272 refUntil  276 refLength  284 refTail
  ;;   f32: 112 vRest  116 eExc  120 eInh  124 k  128 geDecay  132 vReset
  ;;   f64: 136 giDecay  144 nuPre  152 inh vRest  160 inh eExc  168 inhEuler  176 inhGeDecay  184 inh vThresh
  ;;        192 inh vReset  200 giNegligible  208 quietInput  288 wInhExc  296 thrBase
  ;;   in/out: 216 g (f64)  224 selfCount  228 inhCount  232 leftCount  240 depCount  280 refHead
  ;;   out: 248 n  252 nInh  256 event
  (func (export "runSteps") (param $c i32) (param $s i32) (param $sTo i32) (param $t i32) (param $learn i32)
    (param $scheduled i32) (result i32)
    (local $done i32) (local $a i32) (local $b i32) (local $m i32) (local $n i32) (local $nInh i32) (local $g f64)
    (local $selfCount i32) (local $r i32) (local $kept i32) (local $x f64) (local $giNeg f64)
    (local $giDecay f64) (local $p i32) (local $head i32) (local $j i32) (local $e i32)
    (local.set $g (f64.load offset=216 (local.get $c)))
    (local.set $selfCount (i32.load offset=224 (local.get $c)))
    (local.set $head (i32.load offset=280 (local.get $c)))
    (local.set $giNeg (f64.load offset=200 (local.get $c)))
    (local.set $giDecay (f64.load offset=136 (local.get $c)))
    (i32.store offset=256 (local.get $c) (i32.const 0))
    (block $stop
      (loop $step
        (br_if $stop (i32.ge_s (local.get $s) (local.get $sTo)))
        ;; 0. refractory periods ending at t
        (block $expired
          (loop $expire
            (br_if $expired (i32.eq (local.get $head) (i32.load offset=284 (local.get $c))))
            (br_if $expired (i32.gt_s (i32.load (i32.add (i32.load offset=272 (local.get $c)) (i32.shl (local.get $head) (i32.const 2))))
              (local.get $t)))
            (local.set $j (i32.load (i32.add (i32.load offset=268 (local.get $c)) (i32.shl (local.get $head) (i32.const 2)))))
            (f32.store (i32.add (i32.load offset=8 (local.get $c)) (i32.shl (local.get $j) (i32.const 2)))
              (f32.demote_f64 (f64.add (f64.load offset=296 (local.get $c))
                (f64.load (i32.add (i32.load offset=264 (local.get $c)) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $head (i32.add (local.get $head) (i32.const 1)))
            (if (i32.eq (local.get $head) (i32.load offset=276 (local.get $c))) (then (local.set $head (i32.const 0))))
            (br $expire)))
        (local.set $a (i32.const 0))
        (local.set $b (i32.const 0))
        (if (local.get $scheduled)
          (then
            (local.set $p (i32.add (i32.load offset=40 (local.get $c)) (i32.shl (local.get $s) (i32.const 2))))
            (local.set $a (i32.load (local.get $p)))
            (local.set $b (i32.load offset=4 (local.get $p)))))
        ;; the kernels run without their depression (m = 0); step 2 follows them in $depressStep
        (local.set $m (i32.const 0))
        (if (f64.gt (local.get $g) (local.get $giNeg))
          (then
            (if (i32.eqz (local.get $selfCount))
              (then
                (local.set $n (call $stepConductance
                  (i32.load offset=0 (local.get $c)) (i32.load offset=4 (local.get $c)) (i32.load offset=8 (local.get $c))
                  (i32.load offset=12 (local.get $c)) (i32.load offset=16 (local.get $c)) (i32.load offset=20 (local.get $c))
                  (i32.add (i32.load offset=36 (local.get $c)) (i32.shl (local.get $a) (i32.const 2)))
                  (i32.sub (local.get $b) (local.get $a)) (i32.load offset=24 (local.get $c))
                  (i32.load offset=28 (local.get $c)) (i32.load offset=32 (local.get $c)) (local.get $m)
                  (f32.load offset=112 (local.get $c)) (f32.load offset=116 (local.get $c)) (f32.load offset=120 (local.get $c))
                  (f32.load offset=124 (local.get $c)) (f32.load offset=128 (local.get $c)) (f32.demote_f64 (local.get $g))
                  (f32.load offset=132 (local.get $c)))))
              (else
                (local.set $n (call $stepConductanceSelf
                  (i32.load offset=0 (local.get $c)) (i32.load offset=4 (local.get $c)) (i32.load offset=8 (local.get $c))
                  (i32.load offset=12 (local.get $c)) (i32.load offset=16 (local.get $c)) (i32.load offset=20 (local.get $c))
                  (i32.add (i32.load offset=36 (local.get $c)) (i32.shl (local.get $a) (i32.const 2)))
                  (i32.sub (local.get $b) (local.get $a)) (i32.load offset=24 (local.get $c))
                  (i32.load offset=28 (local.get $c)) (i32.load offset=32 (local.get $c)) (local.get $m)
                  (f32.load offset=112 (local.get $c)) (f32.load offset=116 (local.get $c)) (f32.load offset=120 (local.get $c))
                  (f32.load offset=124 (local.get $c)) (f32.load offset=128 (local.get $c)) (f32.demote_f64 (local.get $g))
                  (f32.load offset=132 (local.get $c))
                  (i32.load offset=44 (local.get $c)) (i32.load offset=48 (local.get $c)) (local.get $selfCount) (local.get $g)
                  (i32.load offset=52 (local.get $c))))
                ;; the self-inhibited neurons' shares decay; those at or below giNegligible leave the list (in order)
                (local.set $kept (i32.const 0))
                (local.set $r (i32.const 0))
                (block $decayed
                  (loop $decay
                    (br_if $decayed (i32.ge_u (local.get $r) (local.get $selfCount)))
                    (local.set $x (f64.mul (f64.load (i32.add (i32.load offset=48 (local.get $c)) (i32.shl (local.get $r) (i32.const 3))))
                      (local.get $giDecay)))
                    (if (f64.gt (local.get $x) (local.get $giNeg))
                      (then
                        (i32.store (i32.add (i32.load offset=44 (local.get $c)) (i32.shl (local.get $kept) (i32.const 2)))
                          (i32.load (i32.add (i32.load offset=44 (local.get $c)) (i32.shl (local.get $r) (i32.const 2)))))
                        (f64.store (i32.add (i32.load offset=48 (local.get $c)) (i32.shl (local.get $kept) (i32.const 3))) (local.get $x))
                        (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $decay)))
                (local.set $selfCount (local.get $kept))))
            (local.set $g (f64.mul (local.get $g) (local.get $giDecay)))
            (if (f64.le (local.get $g) (local.get $giNeg))
              (then
                (local.set $g (f64.const 0))
                (local.set $selfCount (i32.const 0)))))
          (else
            (local.set $n (call $stepConductanceNoGi
              (i32.load offset=0 (local.get $c)) (i32.load offset=4 (local.get $c)) (i32.load offset=8 (local.get $c))
              (i32.load offset=12 (local.get $c)) (i32.load offset=16 (local.get $c)) (i32.load offset=20 (local.get $c))
              (i32.add (i32.load offset=36 (local.get $c)) (i32.shl (local.get $a) (i32.const 2)))
              (i32.sub (local.get $b) (local.get $a)) (i32.load offset=24 (local.get $c))
              (i32.load offset=28 (local.get $c)) (i32.load offset=32 (local.get $c)) (local.get $m)
              (f32.load offset=112 (local.get $c)) (f32.load offset=116 (local.get $c)) (f32.load offset=120 (local.get $c))
              (f32.load offset=124 (local.get $c)) (f32.load offset=128 (local.get $c)) (f32.load offset=132 (local.get $c))))))
        ;; 2. the pre-spike depression of the step's input rows, after their addition
        (if (i32.and (local.get $learn) (i32.gt_s (local.get $b) (local.get $a)))
          (then (call $depressStep (local.get $c) (local.get $t) (i32.sub (local.get $b) (local.get $a)))))
        ;; 3. refractory neurons are held at vReset
        (local.set $r (local.get $head))
        (block $held
          (loop $hold
            (br_if $held (i32.eq (local.get $r) (i32.load offset=284 (local.get $c))))
            (f32.store
              (i32.add (i32.load offset=0 (local.get $c))
                (i32.shl (i32.load (i32.add (i32.load offset=268 (local.get $c)) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
              (f32.load offset=132 (local.get $c)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (if (i32.eq (local.get $r) (i32.load offset=276 (local.get $c))) (then (local.set $r (i32.const 0))))
            (br $hold)))
        (local.set $nInh (i32.const 0))
        (if (i32.load offset=228 (local.get $c))
          (then (local.set $nInh (call $inhibitoryStep (local.get $c) (local.get $t)))))
        (if (local.get $n)
          (then
            (i32.store offset=248 (local.get $c) (local.get $n))
            (i32.store offset=252 (local.get $c) (local.get $nInh))
            (i32.store offset=256 (local.get $c) (i32.const 1))
            (br $stop)))
        ;; 5. inhibitory spikes without excitatory ones: deliver them (g and the spiking neurons' own shares)
        (local.set $e (i32.const 0))
        (block $delivered
          (loop $deliver
            (br_if $delivered (i32.ge_u (local.get $e) (local.get $nInh)))
            (local.set $j (i32.load (i32.add (i32.load offset=92 (local.get $c)) (i32.shl (local.get $e) (i32.const 2)))))
            (local.set $g (f64.add (local.get $g) (f64.load offset=288 (local.get $c))))
            (local.set $r (i32.const 0))
            (block $found
              (loop $find
                (br_if $found (i32.ge_u (local.get $r) (local.get $selfCount)))
                (br_if $found (i32.eq (local.get $j)
                  (i32.load (i32.add (i32.load offset=44 (local.get $c)) (i32.shl (local.get $r) (i32.const 2))))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $find)))
            (local.set $p (i32.add (i32.load offset=48 (local.get $c)) (i32.shl (local.get $r) (i32.const 3))))
            (if (i32.eq (local.get $r) (local.get $selfCount))
              (then
                (i32.store (i32.add (i32.load offset=44 (local.get $c)) (i32.shl (local.get $r) (i32.const 2))) (local.get $j))
                (f64.store (local.get $p) (f64.const 0))
                (local.set $selfCount (i32.add (local.get $selfCount) (i32.const 1)))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.load offset=288 (local.get $c))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $deliver)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $done (i32.add (local.get $done) (i32.const 1)))
        (br $step)))
    (f64.store offset=216 (local.get $c) (local.get $g))
    (i32.store offset=224 (local.get $c) (local.get $selfCount))
    (i32.store offset=280 (local.get $c) (local.get $head))
    (local.get $done))

  ;; Step 2 of runSteps, after the kernel has added the step's count input rows (their pointers in the rows scratch):
  ;; the rule's pre-spike depression. For each recent post neuron j (depList/depLast) with k = t - lastPost_j <
  ;; post1Len, by = nuPre * post1Pow[k] (f64; Plasticity's depressionByTrace), and each row: W[i, j] = f32(max(0,
  ;; W[i, j] - by)) (the kernels' $depress, entry by entry; the order does not matter, every (row, j) is distinct).
  (func $depressStep (param $c i32) (param $t i32) (param $count i32)
    (local $r i32) (local $k i32) (local $n i32) (local $len i32) (local $by f64) (local $j4 i32) (local $q i32)
    (local $rowsEnd i32) (local $a i32) (local $x f64)
    (local.set $n (i32.load offset=240 (local.get $c)))
    (local.set $len (i32.load offset=68 (local.get $c)))
    (local.set $rowsEnd (i32.add (i32.load offset=24 (local.get $c)) (i32.shl (local.get $count) (i32.const 2))))
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $k (i32.sub (local.get $t) (i32.load (i32.add (i32.load offset=60 (local.get $c)) (i32.shl (local.get $r) (i32.const 2))))))
        (if (i32.lt_s (local.get $k) (local.get $len))
          (then
            (local.set $by (f64.mul (f64.load offset=144 (local.get $c))
              (f64.load (i32.add (i32.load offset=64 (local.get $c)) (i32.shl (local.get $k) (i32.const 3))))))
            (local.set $j4 (i32.shl (i32.load (i32.add (i32.load offset=56 (local.get $c)) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
            (local.set $q (i32.load offset=24 (local.get $c)))
            (block $rowsDone
              (loop $rows
                (br_if $rowsDone (i32.ge_u (local.get $q) (local.get $rowsEnd)))
                (local.set $a (i32.add (i32.load (local.get $q)) (local.get $j4)))
                (local.set $x (f64.sub (f64.promote_f32 (f32.load (local.get $a))) (local.get $by)))
                (f32.store (local.get $a) (f32.demote_f64 (select (local.get $x) (f64.const 0) (f64.gt (local.get $x) (f64.const 0)))))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (br $rows)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each))))

  ;; Step 4 of runSteps: InhibitoryLayer.step (conductance model) on the compact copy of the active neurons (inhIdx,
  ;; inhV, inhInput, inhRef; f64 state). A neuron that goes quiet leaves the list (order kept) and is logged with its
  ;; v, the step it left and its refractory end (leftIdx, leftV, leftSince, leftRef). Spikes go to inhOut; returns their count.
  (func $inhibitoryStep (param $c i32) (param $t i32) (result i32)
    (local $e i32) (local $count i32) (local $kept i32) (local $left i32) (local $n i32) (local $j i32)
    (local $v f64) (local $in f64) (local $ref i32) (local $vn f64) (local $live i32) (local $vRest f64)
    (local.set $count (i32.load offset=228 (local.get $c)))
    (local.set $left (i32.load offset=232 (local.get $c)))
    (local.set $vRest (f64.load offset=152 (local.get $c)))
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $e) (local.get $count)))
        (local.set $j (i32.load (i32.add (i32.load offset=76 (local.get $c)) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $v (f64.load (i32.add (i32.load offset=80 (local.get $c)) (i32.shl (local.get $e) (i32.const 3)))))
        (local.set $in (f64.load (i32.add (i32.load offset=84 (local.get $c)) (i32.shl (local.get $e) (i32.const 3)))))
        (local.set $ref (i32.load (i32.add (i32.load offset=88 (local.get $c)) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $live (i32.ge_s (local.get $t) (local.get $ref)))
        (local.set $vn (local.get $v))
        (if (local.get $live)
          (then
            (local.set $vn (f64.add (local.get $v)
              (f64.mul (f64.load offset=168 (local.get $c))
                (f64.add (f64.sub (local.get $vRest) (local.get $v))
                  (f64.mul (local.get $in) (f64.sub (f64.load offset=160 (local.get $c)) (local.get $v)))))))))
        (local.set $in (f64.mul (local.get $in) (f64.load offset=176 (local.get $c))))
        (if (i32.and (local.get $live) (f64.gt (local.get $vn) (f64.load offset=184 (local.get $c))))
          (then
            (local.set $vn (f64.load offset=192 (local.get $c)))
            (local.set $ref (i32.add (i32.add (local.get $t) (i32.load offset=108 (local.get $c))) (i32.const 1)))
            (i32.store (i32.add (i32.load offset=92 (local.get $c)) (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (if (i32.and (i32.ge_s (i32.add (local.get $t) (i32.const 1)) (local.get $ref))
              (f64.lt (f64.abs (local.get $in)) (f64.load offset=208 (local.get $c))))
          (then
            (i32.store (i32.add (i32.load offset=96 (local.get $c)) (i32.shl (local.get $left) (i32.const 2))) (local.get $j))
            (f64.store (i32.add (i32.load offset=100 (local.get $c)) (i32.shl (local.get $left) (i32.const 3))) (local.get $vn))
            (i32.store (i32.add (i32.load offset=104 (local.get $c)) (i32.shl (local.get $left) (i32.const 2)))
              (i32.add (local.get $t) (i32.const 1)))
            (i32.store (i32.add (i32.load offset=260 (local.get $c)) (i32.shl (local.get $left) (i32.const 2))) (local.get $ref))
            (local.set $left (i32.add (local.get $left) (i32.const 1))))
          (else
            (i32.store (i32.add (i32.load offset=76 (local.get $c)) (i32.shl (local.get $kept) (i32.const 2))) (local.get $j))
            (f64.store (i32.add (i32.load offset=80 (local.get $c)) (i32.shl (local.get $kept) (i32.const 3))) (local.get $vn))
            (f64.store (i32.add (i32.load offset=84 (local.get $c)) (i32.shl (local.get $kept) (i32.const 3))) (local.get $in))
            (i32.store (i32.add (i32.load offset=88 (local.get $c)) (i32.shl (local.get $kept) (i32.const 2))) (local.get $ref))
            (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $each)))
    (i32.store offset=228 (local.get $c) (local.get $kept))
    (i32.store offset=232 (local.get $c) (local.get $left))
    (local.get $n))

  ;; ---------------------------------------------------------------------------------------------------------------
  ;; PoissonInput.fill (src/core/poisson.ts) in WASM, the same algorithm and random stream, so the same spikes: for
  ;; each non-zero pixel i, u = sfc32 / 2^32, its spike count k = the first index with u < cdf[k] (binary search of
  ;; its Binomial CDF), then k distinct steps drawn uniformly (Lemire's multiply-shift on `bits` bits with rejection,
  ;; a stamped bitmap; the complement when k > steps / 2), stored as (step << 10 | i); then a stable counting sort by
  ;; step into idx / stepStart (CSR). Returns the number of spikes. Block layout (byte offsets, i32):
  ;;   0 pixels (u8[inputs])  4 inputs (<= 1024)  8 cdfAt (i32[256]: byte address of each pixel value's CDF, f64[])
  ;;   12 cdfLength (i32[256])  16 rng (i32[4], sfc32 state, in/out)  20 steps  24 bits  28 threshold
  ;;   32 stamp (i32[steps])  36 generation (in/out)  40 tmp (i32[steps * inputs])  44 counts (i32[steps + 1])
  ;;   48 idx (i32[])  52 stepStart (i32[steps + 1])
  (func (export "poissonFill") (param $c i32) (result i32)
    (local $a i32) (local $b i32) (local $cc i32) (local $e i32) (local $t i32) (local $i i32) (local $inputs i32)
    (local $pixel i32) (local $cdf i32) (local $lo i32) (local $hi i32) (local $mid i32) (local $u f64) (local $k i32)
    (local $total i32) (local $gen i32) (local $stamp i32) (local $steps i32) (local $bits i32) (local $threshold i32)
    (local $mask i32) (local $draws i32) (local $complement i32) (local $d i32) (local $m i32) (local $s i32)
    (local $tmp i32) (local $counts i32) (local $q i32) (local $x i32) (local $p i32) (local $rng i32)
    (local.set $rng (i32.load offset=16 (local.get $c)))
    (local.set $a (i32.load (local.get $rng)))
    (local.set $b (i32.load offset=4 (local.get $rng)))
    (local.set $cc (i32.load offset=8 (local.get $rng)))
    (local.set $e (i32.load offset=12 (local.get $rng)))
    (local.set $inputs (i32.load offset=4 (local.get $c)))
    (local.set $steps (i32.load offset=20 (local.get $c)))
    (local.set $bits (i32.load offset=24 (local.get $c)))
    (local.set $threshold (i32.load offset=28 (local.get $c)))
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $bits)) (i32.const 1)))
    (local.set $stamp (i32.load offset=32 (local.get $c)))
    (local.set $gen (i32.load offset=36 (local.get $c)))
    (local.set $tmp (i32.load offset=40 (local.get $c)))
    (block $pixelsDone
      (loop $pixels
        (br_if $pixelsDone (i32.ge_u (local.get $i) (local.get $inputs)))
        (local.set $pixel (i32.load8_u (i32.add (i32.load offset=0 (local.get $c)) (local.get $i))))
        (block $nextPixel
          (br_if $nextPixel (i32.eqz (local.get $pixel)))
          ;; u = nextU32 * 2^-32 (sfc32 step)
          (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $e)))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
          (local.set $b (i32.add (local.get $cc) (i32.shl (local.get $cc) (i32.const 3))))
          (local.set $cc (i32.add (i32.rotl (local.get $cc) (i32.const 21)) (local.get $t)))
          (local.set $u (f64.mul (f64.convert_i32_u (local.get $t)) (f64.const 2.3283064365386963e-10)))
          (local.set $cdf (i32.load (i32.add (i32.load offset=8 (local.get $c)) (i32.shl (local.get $pixel) (i32.const 2)))))
          (local.set $lo (i32.const 0))
          (local.set $hi (i32.sub (i32.load (i32.add (i32.load offset=12 (local.get $c)) (i32.shl (local.get $pixel) (i32.const 2)))) (i32.const 1)))
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
    (i32.store offset=36 (local.get $c) (local.get $gen))
    ;; stable counting sort by step
    (local.set $counts (i32.load offset=44 (local.get $c)))
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
    (memory.copy (i32.load offset=52 (local.get $c)) (local.get $counts) (i32.shl (i32.add (local.get $steps) (i32.const 1)) (i32.const 2)))
    (local.set $q (i32.const 0))
    (block $sorted
      (loop $sort
        (br_if $sorted (i32.ge_s (local.get $q) (local.get $total)))
        (local.set $x (i32.load (i32.add (local.get $tmp) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $p (i32.add (local.get $counts) (i32.shl (i32.shr_u (local.get $x) (i32.const 10)) (i32.const 2))))
        (i32.store (i32.add (i32.load offset=48 (local.get $c)) (i32.shl (i32.load (local.get $p)) (i32.const 2)))
          (i32.and (local.get $x) (i32.const 1023)))
        (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $sort)))
    (local.get $total))

  ;; Potentiation of column j (a post spike at step t; stdp.ts potentiateColumnTo): for each listed input i
  ;; (inputs[0 .. count)) with k = t - lastPre[i] < len: W[i, j] = f32(x < wMax ? x : wMax), x = W[i, j] + scale * table[k]
  ;; (f64 arithmetic; table: the pre trace's f64 power table).
  (func (export "potentiateColumn") (param $w i32) (param $np i32) (param $j i32) (param $t i32) (param $scale f64)
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
        (br $each))))

  ;; Pre-spike stamps of schedule steps from .. to - 1 (stdp.ts markPreSpikes, step s at t = tFrom + s): for each input
  ;; i spiking in step s (idx[stepStart[s] .. stepStart[s + 1])), lastPre[i] = t and i joins the recent inputs (list,
  ;; member flags as u8, count). Returns the new count.
  (func (export "markPreSpikes") (param $idx i32) (param $stepStart i32) (param $from i32) (param $to i32) (param $tFrom i32)
    (param $lastPre i32) (param $list i32) (param $member i32) (param $count i32) (result i32)
    (local $s i32) (local $q i32) (local $end i32) (local $i i32) (local $t i32)
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
            (if (i32.eqz (i32.load8_u (i32.add (local.get $member) (local.get $i))))
              (then
                (i32.store8 (i32.add (local.get $member) (local.get $i)) (i32.const 1))
                (i32.store (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $spikes)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $steps)))
    (local.get $count))
)
