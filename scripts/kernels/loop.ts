/**
 * The template of the conductance model's step loop (runSteps): its body is composed from one snippet per phase of
 * src/core/schedule.ts CONDUCTANCE_STEP, in the schedule's order: the "loop" phases, then the return to TypeScript at
 * a step with excitatory spikes (where the event phases run), then the "both" phases for the steps without. The
 * generator refuses a schedule whose loop phases it has no snippet for or that puts a loop phase after an event phase.
 */
import { PAIR_PACKING } from "../../src/core/coupling";
import { CONDUCTANCE_STEP, ConductancePhase, Phase } from "../../src/core/schedule";
import { CONDUCTANCE_BLOCK } from "../../src/core/wasm/layout";
import { STEP_PARAMS } from "./conductance";
import { address, comment, load, store, wrap } from "./wat";

const C = (field: string): string => load(CONDUCTANCE_BLOCK, field);
const S = (field: string, value: string): string => store(CONDUCTANCE_BLOCK, field, value);

/** The step kernel's arguments inside the loop: the block's fields, the step's rows (rowBase, rowIdx, rowCount), m = 0, gi = f32(g), the clamp counter's address. */
function call(kernel: "$stepGi" | "$stepNoGi" | "$stepSelf"): string {
  const args = STEP_PARAMS.map((f) => f === "w" ? "(local.get $rowBase)" : f === "idx" ? "(local.get $rowIdx)"
    : f === "count" ? "(local.get $rowCount)" : f === "m" ? "(local.get $m)" : C(f));
  if (kernel !== "$stepNoGi") args.push("(f32.demote_f64 (local.get $g))");
  args.push(C("vReset"));
  if (kernel === "$stepSelf") args.push(C("selfIdx"), C("selfGi"), "(local.get $selfCount)", "(local.get $g)", C("selfSave"));
  args.push(address(CONDUCTANCE_BLOCK, "clamps"), C("laneMask"), C("clampCountFrom"));
  return `(call ${kernel}\n                  ${wrap(args, 18)})`;
}

/** The WAT of each phase the loop runs (locals of runSteps: s, t, a, b, m, n, nInh, g, selfCount, head, ...). */
const SNIPPETS: Partial<Record<ConductancePhase, string>> = {
  scatterInput: `        (if (i32.and ${C("delays")} (i32.gt_s (local.get $b) (local.get $a)))
          (then
            (call $scatter ${C("delayBlock")} (i32.add ${C("schedule")} (i32.shl (local.get $a) (i32.const 2)))
              (i32.sub (local.get $b) (local.get $a)) (i32.rem_u (local.get $t) ${C("slotCount")}))))`,
  expireRefractory: `        (block $expired
          (loop $expire
            (br_if $expired (i32.eq (local.get $head) ${C("refTail")}))
            (br_if $expired (i32.gt_s (i32.load (i32.add ${C("refUntil")} (i32.shl (local.get $head) (i32.const 2))))
              (local.get $t)))
            (local.set $j (i32.load (i32.add ${C("refNeuron")} (i32.shl (local.get $head) (i32.const 2)))))
            (f32.store (i32.add ${C("thr")} (i32.shl (local.get $j) (i32.const 2)))
              (f32.demote_f64 (f64.add ${C("thrBase")}
                (f64.load (i32.add ${C("theta")} (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $head (i32.add (local.get $head) (i32.const 1)))
            (if (i32.eq (local.get $head) ${C("refLength")}) (then (local.set $head (i32.const 0))))
            (br $expire)))`,
  excitatory: `        ;; the rows the kernel adds: the step's input rows of W, or with input delays the ring's slot of step t
        (if ${C("delays")}
          (then
            (local.set $slot (i32.rem_u (local.get $t) ${C("slotCount")}))
            (i32.store ${C("delaySlot")} (local.get $slot))
            (local.set $rowBase ${C("rowBase")})
            (local.set $rowIdx ${C("delaySlot")})
            (local.set $rowCount (i32.const 1)))
          (else
            (local.set $rowBase ${C("w")})
            (local.set $rowIdx (i32.add ${C("schedule")} (i32.shl (local.get $a) (i32.const 2))))
            (local.set $rowCount (i32.sub (local.get $b) (local.get $a)))))
        ;; the kernels run without their depression (m = 0): the phase "depression" follows them in $depressStep
        (local.set $m (i32.const 0))
        (if (f64.gt (local.get $g) (local.get $giNeg))
          (then
            (if (i32.eqz (local.get $selfCount))
              (then
                (local.set $n ${call("$stepGi")}))
              (else
                (local.set $n ${call("$stepSelf")})
                ;; the self-inhibited neurons' shares decay; those at or below giNegligible leave the list (in order)
                (local.set $kept (i32.const 0))
                (local.set $r (i32.const 0))
                (block $decayed
                  (loop $decay
                    (br_if $decayed (i32.ge_u (local.get $r) (local.get $selfCount)))
                    (local.set $x (f64.mul (f64.load (i32.add ${C("selfGi")} (i32.shl (local.get $r) (i32.const 3))))
                      (local.get $giDecay)))
                    (if (f64.gt (local.get $x) (local.get $giNeg))
                      (then
                        (i32.store (i32.add ${C("selfIdx")} (i32.shl (local.get $kept) (i32.const 2)))
                          (i32.load (i32.add ${C("selfIdx")} (i32.shl (local.get $r) (i32.const 2)))))
                        (f64.store (i32.add ${C("selfGi")} (i32.shl (local.get $kept) (i32.const 3))) (local.get $x))
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
            (local.set $n ${call("$stepNoGi")})))
        (if ${C("delays")}
          (then
            (memory.fill (i32.add ${C("rowBase")} (i32.mul (local.get $slot) (i32.shl ${C("np")} (i32.const 2))))
              (i32.const 0) (i32.shl ${C("np")} (i32.const 2)))))`,
  depression: `        (if ${C("delays")}
          (then
            ;; input delays: the rows of step u = (this step's presentation index) - S, with post1 at their arrival
            (local.set $u (i32.sub (i32.add (local.get $s) ${C("stepOffset")}) ${C("slotCount")}))
            (if (i32.and (local.get $learn) (i32.and (i32.ge_s (local.get $u) (i32.const 0)) (i32.lt_s (local.get $u) ${C("presentSteps")})))
              (then
                (local.set $p (i32.add ${C("stepStart")} (i32.shl (local.get $u) (i32.const 2))))
                (if (i32.gt_s (i32.load offset=4 (local.get $p)) (i32.load (local.get $p)))
                  (then
                    (call $depressDelayed ${C("delayBlock")} (i32.add ${C("schedule")} (i32.shl (i32.load (local.get $p)) (i32.const 2)))
                      (i32.sub (i32.load offset=4 (local.get $p)) (i32.load (local.get $p))) (i32.sub (local.get $t) ${C("slotCount")})
                      ${C("depList")} ${C("depCount")}))))))
          (else
            (if (i32.and (local.get $learn) (i32.gt_s (local.get $b) (local.get $a)))
              (then (call $depressStep (local.get $c) (local.get $t) (i32.sub (local.get $b) (local.get $a)))))))`,
  holdRefractory: `        (if ${C("holdV")}
          (then
            (local.set $r (local.get $head))
            (block $held
              (loop $hold
                (br_if $held (i32.eq (local.get $r) ${C("refTail")}))
                (f32.store
                  (i32.add ${C("v")}
                    (i32.shl (i32.load (i32.add ${C("refNeuron")} (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
                  ${C("vReset")})
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (if (i32.eq (local.get $r) ${C("refLength")}) (then (local.set $r (i32.const 0))))
                (br $hold)))))`,
  inhibitory: `        (local.set $nInh (i32.const 0))
        (if ${C("pairPending")}
          (then
            ;; a slice of a split network that ran this phase a step early (its spikes are in inhOut)
            (local.set $nInh ${C("pairInh")})
            ${S("inhSpikes", `(i32.add ${C("inhSpikes")} (local.get $nInh))`)})
          (else
            (if ${C("inhCount")}
              (then
                (local.set $nInh (call $inhibitoryStep (local.get $c) (local.get $t)))
                ${S("inhSpikes", `(i32.add ${C("inhSpikes")} (local.get $nInh))`)}))))`,
  inhibitorySpikes: `        (local.set $e (i32.const 0))
        (block $delivered
          (loop $deliver
            (br_if $delivered (i32.ge_u (local.get $e) (local.get $nInh)))
            (local.set $j (i32.load (i32.add ${C("inhOut")} (i32.shl (local.get $e) (i32.const 2)))))
            (local.set $g (f64.add (local.get $g) ${C("wInhExc")}))
            (local.set $r (i32.const 0))
            (block $found
              (loop $find
                (br_if $found (i32.ge_u (local.get $r) (local.get $selfCount)))
                (br_if $found (i32.eq (local.get $j)
                  (i32.load (i32.add ${C("selfIdx")} (i32.shl (local.get $r) (i32.const 2))))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $find)))
            (local.set $p (i32.add ${C("selfGi")} (i32.shl (local.get $r) (i32.const 3))))
            (if (i32.eq (local.get $r) (local.get $selfCount))
              (then
                (i32.store (i32.add ${C("selfIdx")} (i32.shl (local.get $r) (i32.const 2))) (local.get $j))
                (f64.store (local.get $p) (f64.const 0))
                (local.set $selfCount (i32.add (local.get $selfCount) (i32.const 1)))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) ${C("wInhExc")}))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $deliver)))`,
  meetSlices: `        (if ${C("coupled")}
          (then
            (if ${C("pairPending")}
              (then
                (local.set $others ${C("pairOthers")})
                ${S("pairPending", "(i32.const 0)")})
              (else
                (if (i32.lt_s (i32.add (local.get $s) (i32.const 1)) (local.get $sTo))
                  (then
                    (local.set $nNext (i32.const 0))
                    (if ${C("inhCount")}
                      (then (local.set $nNext (call $inhibitoryStep (local.get $c) (i32.add (local.get $t) (i32.const 1))))))
                    (local.set $x (call $meet (f64.add (f64.mul (f64.convert_i32_u (local.get $nInh)) (f64.const ${PAIR_PACKING}))
                      (f64.convert_i32_u (local.get $nNext)))))
                    (local.set $others (i32.trunc_f64_u (f64.floor (f64.div (local.get $x) (f64.const ${PAIR_PACKING})))))
                    ${S("pairOthers", `(i32.trunc_f64_u (f64.sub (local.get $x) (f64.mul (f64.convert_i32_u (local.get $others)) (f64.const ${PAIR_PACKING}))))`)}
                    ${S("pairInh", "(local.get $nNext)")}
                    ${S("pairPending", "(i32.const 1)")})
                  (else
                    (local.set $others (i32.trunc_f64_u (call $meet (f64.convert_i32_u (local.get $nInh)))))))))
            (block $added
              (loop $add
                (br_if $added (i32.le_s (local.get $others) (i32.const 0)))
                (local.set $g (f64.add (local.get $g) ${C("wInhExc")}))
                (local.set $others (i32.sub (local.get $others) (i32.const 1)))
                (br $add)))))`,
};

/** The snippets of the schedule's loop phases in order, with the event exit before the "both" phases. */
function stepBody(): string {
  const parts: string[] = [`        ;; the step's input spikes: schedule[a .. b) (none in the rest period)
        (local.set $a (i32.const 0))
        (local.set $b (i32.const 0))
        (if (local.get $scheduled)
          (then
            (local.set $p (i32.add ${C("stepStart")} (i32.shl (local.get $s) (i32.const 2))))
            (local.set $a (i32.load (local.get $p)))
            (local.set $b (i32.load offset=4 (local.get $p)))))`];
  let exited = false;
  for (const phase of CONDUCTANCE_STEP as readonly Phase[]) {
    const runs = phase.runs as "loop" | "event" | "both";
    if (runs === "loop" && exited) throw new Error(`kernel generator: loop phase "${phase.name}" comes after an event phase in schedule.ts`);
    if (runs !== "loop" && !exited) {
      parts.push(`        ;; an excitatory spike, or an inhibitory one while lattice inhibition is on (inhEvents): return to TypeScript,
        ;; which runs the step's event phases
        (if (i32.or (local.get $n) (i32.and ${C("inhEvents")} (i32.ne (local.get $nInh) (i32.const 0))))
          (then
            ${S("n", "(local.get $n)")}
            ${S("nInh", "(local.get $nInh)")}
            ${S("event", "(i32.const 1)")}
            (br $stop)))`);
      exited = true;
    }
    if (runs === "event") continue;
    const snippet = SNIPPETS[phase.name as ConductancePhase];
    if (snippet === undefined) throw new Error(`kernel generator: no WAT snippet for the loop phase "${phase.name}" of schedule.ts`);
    parts.push(comment(`phase ${phase.name}${runs === "both" ? " (steps without excitatory spikes)" : ""}: ${phase.doc}`, 8), snippet);
  }
  return parts.join("\n");
}

/** Set $winEnd to the end step of window $winNext, or -1 when every listed window has ended. */
const NEXT_WINDOW = `(local.set $winEnd (i32.const -1))
    (if (i32.lt_u (local.get $winNext) ${C("winCount")})
      (then (local.set $winEnd (i32.load (i32.add ${C("winEnds")} (i32.shl (local.get $winNext) (i32.const 2)))))))`;

/** runSteps and its helpers. */
export function loopKernels(): string {
  return `  ;; The conductance model's step loop (src/core/stepLoop.ts copies the sparse state into the block and back). It
  ;; runs steps s = from, from + 1, ... (t = t0, t0 + 1, ...) as the per-step path does (conductanceStep.ts), and returns
  ;; to JavaScript only for what JavaScript does: at \`to\`, or after a step in which an excitatory neuron spiked
  ;; (event = 1; n and nInh hold that step's spikes). Returns the number of steps completed without an event. A
  ;; decision window (winEnds[winNext]) whose last step it completes without an event gets the inhibitory count then
  ;; (winInh) and winNext moves on; the excitatory counts do not change between events, so TypeScript copies them later.
  (func (export "runSteps") (param $c i32) (result i32)
    (local $s i32) (local $sTo i32) (local $t i32) (local $learn i32) (local $scheduled i32)
    (local $done i32) (local $a i32) (local $b i32) (local $m i32) (local $n i32) (local $nInh i32) (local $g f64)
    (local $selfCount i32) (local $r i32) (local $kept i32) (local $x f64) (local $giNeg f64)
    (local $giDecay f64) (local $p i32) (local $head i32) (local $j i32) (local $e i32)
    (local $rowBase i32) (local $rowIdx i32) (local $rowCount i32) (local $slot i32) (local $u i32) (local $winNext i32) (local $winEnd i32)
    (local $others i32) (local $nNext i32)
    (local.set $s ${C("from")})
    (local.set $sTo ${C("to")})
    (local.set $t ${C("t0")})
    (local.set $learn ${C("learn")})
    (local.set $scheduled ${C("scheduled")})
    (local.set $g ${C("g")})
    (local.set $selfCount ${C("selfCount")})
    (local.set $head ${C("refHead")})
    (local.set $giNeg ${C("giNegligible")})
    (local.set $giDecay ${C("giDecay")})
    (local.set $winNext ${C("winNext")})
    ${NEXT_WINDOW}
    ${S("event", "(i32.const 0)")}
    (block $stop
      (loop $step
        (br_if $stop (i32.ge_s (local.get $s) (local.get $sTo)))
${stepBody()}
        ;; a decision window's last step done without an event: note the inhibitory count (TypeScript closes the window)
        (if (i32.eq (i32.add (local.get $s) (i32.const 1)) (local.get $winEnd))
          (then
            (i32.store (i32.add ${C("winInh")} (i32.shl (local.get $winNext) (i32.const 2))) ${C("inhSpikes")})
            (local.set $winNext (i32.add (local.get $winNext) (i32.const 1)))
            ${NEXT_WINDOW.replace(/\n    /g, "\n            ")}))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $done (i32.add (local.get $done) (i32.const 1)))
        (br $step)))
    ${S("g", "(local.get $g)")}
    ${S("selfCount", "(local.get $selfCount)")}
    ${S("refHead", "(local.get $head)")}
    ${S("winNext", "(local.get $winNext)")}
    (local.get $done))
  
  ;; The phase "depression" of runSteps, after the kernel has added the step's count input rows (their pointers in the rows scratch):
  ;; the rule's pre-spike depression. For each recent post neuron j (depList/depLast) with k = t - lastPost_j <
  ;; post1Len, by = nuPre * post1Pow[k] (f64; Plasticity's depressionByTrace), and each row: W[i, j] = f32(max(0,
  ;; W[i, j] - by)) (the kernels' $depress, entry by entry; the order does not matter, every (row, j) is distinct).
  (func $depressStep (param $c i32) (param $t i32) (param $count i32)
    (local $r i32) (local $k i32) (local $n i32) (local $len i32) (local $by f64) (local $j4 i32) (local $q i32)
    (local $rowsEnd i32) (local $a i32) (local $x f64)
    (local.set $n ${C("depCount")})
    (local.set $len ${C("post1Len")})
    (local.set $rowsEnd (i32.add ${C("rows")} (i32.shl (local.get $count) (i32.const 2))))
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $k (i32.sub (local.get $t) (i32.load (i32.add ${C("depLast")} (i32.shl (local.get $r) (i32.const 2))))))
        (if (i32.lt_s (local.get $k) (local.get $len))
          (then
            (local.set $by (f64.mul ${C("nuPre")}
              (f64.load (i32.add ${C("post1Pow")} (i32.shl (local.get $k) (i32.const 3))))))
            (local.set $j4 (i32.shl (i32.load (i32.add ${C("depList")} (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
            (local.set $q ${C("rows")})
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

  ;; The phase "inhibitory" of runSteps: InhibitoryLayer.step (conductance model) on the compact copy of the active neurons (inhIdx,
  ;; inhV, inhInput, inhRef; f64 state). A neuron that goes quiet leaves the list (order kept) and is logged with its
  ;; v, the step it left and its refractory end (leftIdx, leftV, leftSince, leftRef). Spikes go to inhOut; returns their count.
  (func $inhibitoryStep (param $c i32) (param $t i32) (result i32)
    (local $e i32) (local $count i32) (local $kept i32) (local $left i32) (local $n i32) (local $j i32)
    (local $v f64) (local $in f64) (local $ref i32) (local $vn f64) (local $live i32) (local $vRest f64)
    (local.set $count ${C("inhCount")})
    (local.set $left ${C("leftCount")})
    (local.set $vRest ${C("inhVRest")})
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $e) (local.get $count)))
        (local.set $j (i32.load (i32.add ${C("inhIdx")} (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $v (f64.load (i32.add ${C("inhV")} (i32.shl (local.get $e) (i32.const 3)))))
        (local.set $in (f64.load (i32.add ${C("inhInput")} (i32.shl (local.get $e) (i32.const 3)))))
        (local.set $ref (i32.load (i32.add ${C("inhRef")} (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $live (i32.ge_s (local.get $t) (local.get $ref)))
        (local.set $vn (local.get $v))
        (if (local.get $live)
          (then
            (local.set $vn (f64.add (local.get $v)
              (f64.mul ${C("inhEuler")}
                (f64.add (f64.sub (local.get $vRest) (local.get $v))
                  (f64.mul (local.get $in) (f64.sub ${C("inhEExc")} (local.get $v)))))))))
        (local.set $in (f64.mul (local.get $in) ${C("inhGeDecay")}))
        (if (i32.and (local.get $live) (f64.gt (local.get $vn) ${C("inhVThresh")}))
          (then
            (local.set $vn ${C("inhVReset")})
            (local.set $ref (i32.add (i32.add (local.get $t) ${C("inhRefractorySteps")}) (i32.const 1)))
            (i32.store (i32.add ${C("inhOut")} (i32.shl (local.get $n) (i32.const 2))) (local.get $j))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (if (i32.and (i32.ge_s (i32.add (local.get $t) (i32.const 1)) (local.get $ref))
              (f64.lt (f64.abs (local.get $in)) ${C("quietInput")}))
          (then
            (i32.store (i32.add ${C("leftIdx")} (i32.shl (local.get $left) (i32.const 2))) (local.get $j))
            (f64.store (i32.add ${C("leftV")} (i32.shl (local.get $left) (i32.const 3))) (local.get $vn))
            (i32.store (i32.add ${C("leftSince")} (i32.shl (local.get $left) (i32.const 2)))
              (i32.add (local.get $t) (i32.const 1)))
            (i32.store (i32.add ${C("leftRef")} (i32.shl (local.get $left) (i32.const 2))) (local.get $ref))
            (local.set $left (i32.add (local.get $left) (i32.const 1))))
          (else
            (i32.store (i32.add ${C("inhIdx")} (i32.shl (local.get $kept) (i32.const 2))) (local.get $j))
            (f64.store (i32.add ${C("inhV")} (i32.shl (local.get $kept) (i32.const 3))) (local.get $vn))
            (f64.store (i32.add ${C("inhInput")} (i32.shl (local.get $kept) (i32.const 3))) (local.get $in))
            (i32.store (i32.add ${C("inhRef")} (i32.shl (local.get $kept) (i32.const 2))) (local.get $ref))
            (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $each)))
    ${S("inhCount", "(local.get $kept)")}
    ${S("leftCount", "(local.get $left)")}
    (local.get $n))`;
}
