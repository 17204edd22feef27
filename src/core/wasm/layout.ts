/**
 * The parameter blocks of the kernels: one table of named, typed byte offsets per block, shared by the kernel
 * generator (scripts/kernels/, which writes src/core/wasm/kernels.wat from it) and the TypeScript side (BlockView, the
 * kernels' TypeScript oracles). Every kernel takes one argument, the byte address of its block, and returns a count
 * or nothing. Offsets follow the field order, each aligned to its size; nothing keeps a number by hand.
 *
 * Field kinds: "i32" (integers and byte addresses into the memory), "f32", "f64". A field's doc says who sets it:
 * (static) once when the network is built, (call) before each call, (in/out) read and written by the kernel,
 * (out) written by the kernel.
 */
import { WasmMemory } from "./api";

export type FieldType = "i32" | "f32" | "f64";

export interface Field {
  readonly offset: number;
  readonly type: FieldType;
  readonly doc: string;
}

export interface BlockLayout<F extends string = string> {
  readonly name: string;
  readonly doc: string;
  readonly fields: { readonly [K in F]: Field };
  /** Size in bytes (a multiple of 16). */
  readonly bytes: number;
}

const SIZE: Record<FieldType, number> = { i32: 4, f32: 4, f64: 8 };

/** A block with the fields in the order given; offsets aligned to each field's size. */
function defineBlock<F extends string>(name: string, doc: string, fields: readonly (readonly [F, FieldType, string])[]): BlockLayout<F> {
  let offset = 0;
  const table = {} as Record<F, Field>;
  for (const [field, type, fieldDoc] of fields) {
    const size = SIZE[type];
    offset = Math.ceil(offset / size) * size;
    if (field in table) throw new Error(`block ${name}: field ${field} twice`);
    table[field] = Object.freeze({ offset, type, doc: fieldDoc });
    offset += size;
  }
  return Object.freeze({ name, doc, fields: Object.freeze(table), bytes: Math.ceil(offset / 16) * 16 });
}

/**
 * The conductance model's step kernels (stepConductance, stepConductanceSelf, stepConductanceNoGi, depressRows) and
 * its step loop (runSteps). Pointers are byte addresses of the Layout's arrays (state.ts).
 */
export const CONDUCTANCE_BLOCK = defineBlock("conductance", "the conductance step kernels and the step loop (stepLoop.ts)", [
  ["v", "i32", "static: excitatory v (f32[np])"],
  ["ge", "i32", "static: excitatory ge (f32[np])"],
  ["thr", "i32", "static: thresholds (f32[np], +inf while refractory)"],
  ["out", "i32", "static: spiking neuron indices of the step (i32[np])"],
  ["np", "i32", "static: padded neuron count (a multiple of 4)"],
  ["laneMask", "i32", "static: -1 for real neurons' lanes, 0 for the padding (i32[np]; the clamp count's mask)"],
  ["w", "i32", "static: weights W (f32[inputs x np], row-major)"],
  ["rowBase", "i32", "static: the step kernels' rows are rowBase + idx[k] * np * 4: W, or with input delays the delay ring"],
  ["rows", "i32", "static: scratch for the step's row addresses (i32[inputs])"],
  ["dj", "i32", "static: depression list, post neurons (i32[np])"],
  ["dby", "i32", "static: depression list, amounts (f64[np])"],
  ["schedule", "i32", "static: the presentation's input spikes (i32[], CSR payload)"],
  ["stepStart", "i32", "static: the schedule's step starts (i32[steps + 1])"],
  ["selfIdx", "i32", "static: self-inhibited neurons (i32[np])"],
  ["selfGi", "i32", "static: their own inhibitory share S_j (f64[np])"],
  ["selfSave", "i32", "static: scratch, 3 f32 per self-inhibited neuron"],
  ["depList", "i32", "static: recent post neurons (i32[np]), the depression's input"],
  ["depLast", "i32", "static: their last spike step (i32[np])"],
  ["post1Pow", "i32", "static: the post1 trace's power table (f64[post1Len])"],
  ["post1Len", "i32", "static: its length"],
  ["inhIdx", "i32", "static: active inhibitory neurons (i32[np])"],
  ["inhV", "i32", "static: their v (f64[np])"],
  ["inhInput", "i32", "static: their input conductance (f64[np])"],
  ["inhRef", "i32", "static: their refractory end step (i32[np])"],
  ["inhOut", "i32", "static: inhibitory spikes of the step (i32[np])"],
  ["leftIdx", "i32", "static: inhibitory neurons that went quiet (i32[np])"],
  ["leftV", "i32", "static: their v (f64[np])"],
  ["leftSince", "i32", "static: the step they left (i32[np])"],
  ["leftRef", "i32", "static: their refractory end (i32[np])"],
  ["inhRefractorySteps", "i32", "static: blocked steps after an inhibitory spike"],
  ["theta", "i32", "static: adaptive thresholds (f64[np])"],
  ["refNeuron", "i32", "static: the refractory queue's ring, neurons (i32[refLength])"],
  ["refUntil", "i32", "static: the ring's end steps (i32[refLength])"],
  ["refLength", "i32", "static: the ring's length"],
  ["holdV", "i32", "static: 1 when refractory neurons are held at vReset (excRefractory \"clamp\"), 0 when v integrates"],
  ["delays", "i32", "static: 1 with input delays (the loop then runs the delays' phases and kernels)"],
  ["delayBlock", "i32", "static: address of the delay block (delays only)"],
  ["delaySlot", "i32", "static: scratch holding the step's ring slot (the step kernel's one row with delays)"],
  ["slotCount", "i32", "static: the delay ring's slots S"],
  ["presentSteps", "i32", "static: steps of a presentation (the schedule's steps)"],
  ["vRest", "f32", "static: excitatory vRestMv"],
  ["eExc", "f32", "static: excitatory eExcMv"],
  ["eInh", "f32", "static: excitatory eInhMv"],
  ["k", "f32", "static: Euler factor dt / tau_m"],
  ["geDecay", "f32", "static: ge's factor per step"],
  ["vReset", "f32", "static: excitatory vResetMv"],
  ["clampCountFrom", "f32", "static: the step kernels count clamps at eInh from this gi on (below it none can act; -inf: always)"],
  ["giDecay", "f64", "static: gi's factor per step"],
  ["nuPre", "f64", "static: the rule's depression per unit of post1 (LearningRule.loopShape)"],
  ["inhVRest", "f64", "static: inhibitory vRestMv"],
  ["inhEExc", "f64", "static: inhibitory eExcMv"],
  ["inhEuler", "f64", "static: inhibitory Euler factor dt / tau_m"],
  ["inhGeDecay", "f64", "static: inhibitory ge's factor per step"],
  ["inhVThresh", "f64", "static: inhibitory vThreshMv"],
  ["inhVReset", "f64", "static: inhibitory vResetMv"],
  ["giNegligible", "f64", "static: below this G the gi term is skipped (sharedInhibition.ts)"],
  ["quietInput", "f64", "static: below this input an inhibitory neuron is quiet (inhibitory.ts)"],
  ["wInhExc", "f64", "static: inhibitory -> excitatory weight"],
  ["thrBase", "f64", "static: vThreshMv - thetaOffsetMv"],
  ["coupled", "i32", "static: 1 in a slice of a split network (coupling.ts): the loop meets the other slices (env.meet) once per two steps and adds their inhibitory spikes to G"],
  ["inhEvents", "i32", "per digit: 1 while lattice inhibition is below its cap (lattice.ts): a step with inhibitory spikes is an event too"],
  ["idx", "i32", "call (step kernels, depressRows): address of the step's first input spike"],
  ["count", "i32", "call: the step's input spikes"],
  ["m", "i32", "call: length of the depression list (0: none)"],
  ["gi", "f32", "call (stepConductance, stepConductanceSelf): the shared gi as f32"],
  ["gShared", "f64", "call (stepConductanceSelf): the shared G (f64)"],
  ["selfCount", "i32", "call (stepConductanceSelf), in/out (runSteps): self-inhibited neurons listed"],
  ["g", "f64", "in/out (runSteps): the shared G"],
  ["inhCount", "i32", "in/out (runSteps): active inhibitory neurons"],
  ["leftCount", "i32", "in/out (runSteps): inhibitory neurons that went quiet"],
  ["depCount", "i32", "in/out (runSteps): recent post neurons"],
  ["refHead", "i32", "in/out (runSteps): the refractory ring's head"],
  ["refTail", "i32", "call (runSteps): the ring's tail"],
  ["from", "i32", "call (runSteps): first step of the schedule to run"],
  ["to", "i32", "call (runSteps): end step"],
  ["t0", "i32", "call (runSteps): t of step `from`"],
  ["learn", "i32", "call (runSteps): 1 with learning"],
  ["scheduled", "i32", "call (runSteps): 1 when the steps take the schedule's input spikes (0: the rest period)"],
  ["stepOffset", "i32", "call (runSteps): the presentation's index of step 0 of this numbering (0, or presentSteps in the rest)"],
  ["n", "i32", "out (runSteps): excitatory spikes of the event step"],
  ["nInh", "i32", "out (runSteps): inhibitory spikes of the event step"],
  ["event", "i32", "out (runSteps): 1 when the run stopped after a step with excitatory spikes"],
  ["pairPending", "i32", "in/out (runSteps, coupled): 1 when the next step's inhibitory phase has run a step early (its spikes in inhOut, pairInh of them) and the other slices' spikes of that step are known (pairOthers)"],
  ["pairInh", "i32", "in/out (runSteps, coupled): this slice's inhibitory spikes of that step"],
  ["pairOthers", "i32", "in/out (runSteps, coupled): the other slices' inhibitory spikes of that step"],
  ["clamps", "i32", "in/out (step kernels): excitatory updates whose v fell below eInh and were clamped to it (presentation.ts reads and zeroes it)"],
  ["inhSpikes", "i32", "in/out (runSteps): inhibitory spikes of the loop's steps (the digit's cost; conductanceStep.ts runLoop reads and zeroes it)"],
  ["winEnds", "i32", "static: decision window ends, in steps of the presentation (i32[steps + 1]; stepLoop.ts setWindows)"],
  ["winInh", "i32", "static: per window, inhSpikes when runSteps completed the window's last step (i32[steps + 1])"],
  ["winCount", "i32", "call (runSteps): windows listed in winEnds (0: none, as in the rest period)"],
  ["winNext", "i32", "in/out (runSteps): the first window not yet ended"],
] as const);

/** The current model's kernels (excCurrent, inputSpikes). */
export const CURRENT_BLOCK = defineBlock("current", "the current model's kernels (currentStep.ts)", [
  ["v", "i32", "static: excitatory v (f32[np])"],
  ["input", "i32", "static: next step's input in mV (f32[np], the Layout's ge)"],
  ["thr", "i32", "static: thresholds (f32[np])"],
  ["out", "i32", "static: over-threshold neuron indices (i32[np])"],
  ["np", "i32", "static: padded neuron count"],
  ["w", "i32", "static: weights W (f32[inputs x np])"],
  ["dj", "i32", "static: depression list, post neurons (i32[np])"],
  ["dby", "i32", "static: depression list, amounts (f64[np])"],
  ["vRest", "f32", "static: vRestMv"],
  ["decay", "f32", "static: exp(-dt / tau_m)"],
  ["vReset", "f32", "static: vResetMv"],
  ["idx", "i32", "call (inputSpikes): address of the step's first input spike"],
  ["count", "i32", "call (inputSpikes): the step's input spikes"],
  ["m", "i32", "call (inputSpikes): length of the depression list"],
] as const);

/** Weight normalisation (normalizeColumns). */
export const NORMALIZE_BLOCK = defineBlock("normalize", "weight normalisation (plasticity.ts)", [
  ["w", "i32", "static: weights W (f32[inputs x np])"],
  ["np", "i32", "static: padded neuron count"],
  ["inputs", "i32", "static: rows of W"],
  ["cols", "i32", "static: the columns to scale (i32[np])"],
  ["sums", "i32", "static: scratch (f64[np])"],
  ["count", "i32", "call: columns listed"],
  ["total", "f64", "call: the sum each column is scaled to"],
] as const);

/** Potentiation of one column (potentiateColumn). */
export const POTENTIATE_BLOCK = defineBlock("potentiate", "potentiation of one column (stdp.ts)", [
  ["w", "i32", "static: weights W (f32[inputs x np])"],
  ["np", "i32", "static: padded neuron count"],
  ["inputs", "i32", "static: the recent inputs (i32[inputs])"],
  ["lastPre", "i32", "static: each input's last spike step (i32[inputs])"],
  ["table", "i32", "static: the pre trace's power table (f64[len])"],
  ["len", "i32", "static: its length"],
  ["j", "i32", "call: the column (post neuron)"],
  ["t", "i32", "call: the post spike's step"],
  ["count", "i32", "call: recent inputs listed"],
  ["scale", "f64", "call: the rule's factor (nuPost * post2, or nuPost)"],
  ["wMax", "f64", "call: the weight bound"],
] as const);

/** Pre-spike stamps of a range of schedule steps (markPreSpikes). */
export const STAMP_BLOCK = defineBlock("stamp", "pre-spike stamps (stepLoop.ts)", [
  ["idx", "i32", "static: the schedule's input spikes"],
  ["stepStart", "i32", "static: the schedule's step starts"],
  ["lastPre", "i32", "static: each input's last spike step (i32[inputs])"],
  ["list", "i32", "static: the recent inputs (i32[inputs])"],
  ["member", "i32", "static: their u8 member flags"],
  ["from", "i32", "call: first step"],
  ["to", "i32", "call: end step"],
  ["tFrom", "i32", "call: t of step 0 of the range's numbering (step s at tFrom + s)"],
  ["count", "i32", "call: recent inputs listed (the kernel returns the new count)"],
  ["preHist", "i32", "static: input delays' spike histories of the inputs (0 without delays: nothing pushed)"],
  ["preHead", "i32", "static: their heads"],
  ["history", "i32", "static: entries per history"],
] as const);

/** The Poisson input of one presentation (poissonFill). */
export const POISSON_BLOCK = defineBlock("poisson", "the Poisson input (poissonWasm.ts)", [
  ["pixels", "i32", "static: the digit (u8[inputs])"],
  ["inputs", "i32", "static: inputs (<= 1024)"],
  ["cdfAt", "i32", "call: byte address of each pixel value's CDF (i32[256])"],
  ["cdfLength", "i32", "call: each CDF's length (i32[256])"],
  ["rng", "i32", "static: sfc32 state (i32[4], in/out)"],
  ["steps", "i32", "static: steps per presentation"],
  ["bits", "i32", "static: bits of the uniform step draw"],
  ["threshold", "i32", "static: its rejection threshold"],
  ["stamp", "i32", "static: scratch (i32[steps])"],
  ["generation", "i32", "in/out: the stamp generation"],
  ["tmp", "i32", "static: scratch (i32[steps x inputs])"],
  ["counts", "i32", "static: scratch (i32[steps + 1])"],
  ["idx", "i32", "static: the schedule's input spikes (out)"],
  ["stepStart", "i32", "static: the schedule's step starts (out)"],
] as const);

/** Input delays (delays.ts): the delay ring's scatter, the delayed depression, the potentiation with delays. */
export const DELAY_BLOCK = defineBlock("delay", "input delays (delays.ts)", [
  ["w", "i32", "static: weights W (f32[inputs x np])"],
  ["np", "i32", "static: padded neuron count"],
  ["delays", "i32", "static: delay in steps of each synapse (u8[inputs x np])"],
  ["ring", "i32", "static: the delay ring (f32[slots x np]): slot (t + d) mod slots collects what arrives at step t + d"],
  ["slots", "i32", "static: the ring's slots (the longest delay in steps, S)"],
  ["history", "i32", "static: entries per input or neuron in the spike histories (S + 1)"],
  ["preHist", "i32", "static: each input's last spike steps (i32[inputs x history], circular)"],
  ["preHead", "i32", "static: the newest entry of each input's history (i32[inputs])"],
  ["postHist", "i32", "static: each excitatory neuron's last spike steps (i32[np x history], circular)"],
  ["postHead", "i32", "static: the newest entry of each neuron's history (i32[np])"],
  ["post1Pow", "i32", "static: the post1 trace's power table (f64[post1Len])"],
  ["post1Len", "i32", "static: its length"],
  ["prePow", "i32", "static: the pre trace's power table (f64[preLen])"],
  ["preLen", "i32", "static: its length"],
  ["recentPre", "i32", "static: the recent inputs (i32[inputs])"],
  ["depList", "i32", "static: the recent post neurons (i32[np]), copied by the caller"],
  ["slotBases", "i32", "static: the scatter's scratch, each slot's address from the current one (i32[slots])"],
  ["nu", "f64", "static: the rule's depression per unit of post1 (LearningRule.loopShape)"],
  ["idx", "i32", "call (delayScatter, delayDepress): address of the step's first input spike"],
  ["count", "i32", "call: the step's input spikes"],
  ["cur", "i32", "call (delayScatter): the ring slot of the current step"],
  ["t", "i32", "call: the pre spikes' step (delayDepress) or the post spike's step (potentiateDelayed)"],
  ["depCount", "i32", "call (delayDepress): recent post neurons listed"],
  ["j", "i32", "call (potentiateDelayed): the column (post neuron)"],
  ["preCount", "i32", "call (potentiateDelayed): recent inputs listed"],
  ["scale", "f64", "call (potentiateDelayed): the rule's factor"],
  ["wMax", "f64", "call (potentiateDelayed): the weight bound"],
] as const);

/** Every block, by name (the generator documents them all in kernels.wat). */
export const BLOCKS = [CONDUCTANCE_BLOCK, CURRENT_BLOCK, NORMALIZE_BLOCK, POTENTIATE_BLOCK, STAMP_BLOCK, POISSON_BLOCK, DELAY_BLOCK] as const;

export type FieldOf<B> = B extends BlockLayout<infer F> ? F : never;

/**
 * Typed access to one block in the memory, by field name. Hot paths look a field's slot up once (`slot`) and then
 * index the typed array of its type (`i32`, `f32`, `f64`) directly.
 */
export class BlockView<F extends string> {
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;

  constructor(memory: WasmMemory, readonly address: number, readonly layout: BlockLayout<F>) {
    if (address % 16 !== 0) throw new RangeError(`BlockView ${layout.name}: address ${address} is not 16-byte aligned`);
    this.i32 = new Int32Array(memory.buffer);
    this.f32 = new Float32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
  }

  set(field: F, value: number): void {
    const { offset, type } = this.layout.fields[field];
    const at = this.address + offset;
    if (type === "i32") this.i32[at >> 2] = value;
    else if (type === "f32") this.f32[at >> 2] = value;
    else this.f64[at >> 3] = value;
  }

  get(field: F): number {
    const { offset, type } = this.layout.fields[field];
    const at = this.address + offset;
    return type === "i32" ? this.i32[at >> 2] : type === "f32" ? this.f32[at >> 2] : this.f64[at >> 3];
  }

  /** The element index of a field in the typed array of its type (i32, f32 or f64). */
  slot(field: F): number {
    const { offset, type } = this.layout.fields[field];
    return (this.address + offset) >> (type === "f64" ? 3 : 2);
  }

  /** The slots of several fields, by name (look them up once; see `slot`). */
  slots<K extends F>(...fields: K[]): Record<K, number> {
    const out = {} as Record<K, number>;
    for (const f of fields) out[f] = this.slot(f);
    return out;
  }

  /** Set several fields (for set-up; hot paths use slots). */
  assign(values: Partial<Record<F, number>>): void {
    for (const [field, value] of Object.entries(values) as [F, number][]) this.set(field, value);
  }
}
