/**
 * A preset's identity for results (presetHash, and through it every runId and cellId): a canonical, versioned list of
 * its fields, so that what identifies a result does not depend on the shape or key order of the preset object.
 *
 * Version 1 is the field list of the presets that computed the committed results, in their order; the canonical text
 * is the JSON of those fields (nested as in the preset), which is the text the stores' hashes were made from, so every
 * existing id resolves unchanged (test/experiment/presetIdentity.test.ts checks data/results/paper).
 * Adding a preset field: append it with the value that reproduces the model as it was before the field existed
 * (`legacy`); the canonical text leaves the field out while it has that value, so existing ids do not move, and a
 * preset that sets another value gets a new id. A field that is absent from a preset is left out too.
 */
import { createHash } from "node:crypto";
import { Preset, valueAtPath } from "../core/params";

/** One identity field: its dotted path in the preset and, for a field added later, the value it had implicitly before. */
export interface IdentityField {
  path: string;
  /** Left out of the canonical text while the preset holds this value (fields added after version 1). */
  legacy?: number | string | boolean;
  /**
   * Written with this value when the preset does not have the field: the conductance model's fields in a current-model
   * preset, which held these unused values before each neuron model got its own parameter type.
   */
  whenAbsent?: number | string | boolean;
}

const group = (prefix: string, names: string[]): IdentityField[] => names.map((n) => ({ path: `${prefix}.${n}` }));
/** The conductance model's fields and the values the current-model preset (bindsnet) held for them. */
const CONDUCTANCE_ONLY: Record<string, number> = {
  "exc.eExcMv": 0, "exc.eInhMv": 0, "exc.tauGeMs": 1, "exc.tauGiMs": 1, "inh.eExcMv": 0, "inh.tauGeMs": 1,
};
const withAbsent = (fields: IdentityField[]): IdentityField[] =>
  fields.map((f) => (f.path in CONDUCTANCE_ONLY ? { ...f, whenAbsent: CONDUCTANCE_ONLY[f.path] } : f));

/** Version 1: the fields and order of the presets of the committed results (through conductanceDecay). */
export const PRESET_IDENTITY_V1: readonly IdentityField[] = Object.freeze(withAbsent([
  ...["name", "description", "dtMs", "neuronModel", "presentMs", "restMs", "resetAfterSample", "rateHzPerPixel",
    "minSpikes", "startIntensity", "maxRetries"].map((path) => ({ path })),
  ...group("exc", ["vRestMv", "vResetMv", "vThreshMv", "thetaOffsetMv", "refractoryMs", "tauMembraneMs", "eExcMv", "eInhMv",
    "tauGeMs", "tauGiMs", "thetaInitMv", "thetaPlusMv", "tauThetaMs"]),
  ...group("inh", ["vRestMv", "vResetMv", "vThreshMv", "refractoryMs", "tauMembraneMs", "eExcMv", "tauGeMs"]),
  ...["wExcInh", "wInhExc", "wInitScale", "wInitOffset", "normTotal", "normWhen", "oneSpikePerStep", "spikeTest",
    "refractoryConvention", "oneStepDelay"].map((path) => ({ path })),
  ...group("stdp", ["rule", "nuPre", "nuPost", "tauPreMs", "tauPost1Ms", "tauPost2Ms", "wMax"]),
  { path: "conductanceDecay" },
]));

/** The identity fields in force: version 1, then the fields appended since, each with its legacy value. */
export const PRESET_IDENTITY: readonly IdentityField[] = Object.freeze([
  ...PRESET_IDENTITY_V1,
  { path: "excRefractory", legacy: "clamp" },
  { path: "inputDelayMs", legacy: 0 },
  ...group("stdp", ["eta", "xTar", "mu", "beta", "etaPre"]),
  { path: "stdp.normalize", legacy: true },
  { path: "inputDelayMinMs", legacy: 0 },
  { path: "intensityStep", legacy: 1 },
  { path: "inhibition.kind", legacy: "uniform" },
  ...group("inhibition.schedule", ["kind", "c", "cLow", "lowFraction", "shape", "cStart", "growFraction", "everyDigits"]),
  { path: "coarseTimeStep", legacy: false },
]);

/** The canonical text of a preset (see the module comment). */
export function canonicalPresetText(preset: Readonly<Preset>, fields: readonly IdentityField[] = PRESET_IDENTITY): string {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = valueAtPath(preset, f.path.split(".")) ?? f.whenAbsent;
    if (value === undefined || (f.legacy !== undefined && value === f.legacy)) continue;
    const keys = f.path.split(".");
    let target = out;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys[keys.length - 1]] = value;
  }
  return JSON.stringify(out);
}

/** Dotted paths of every value a preset holds (objects walked; for the check that the identity lists them all). */
export function presetLeafPaths(preset: unknown, prefix = ""): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(preset as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") paths.push(...presetLeafPaths(value, path));
    else paths.push(path);
  }
  return paths;
}

/**
 * Hash of a preset's identity (16 hex digits of sha256). Throws for a preset field the identity does not list: a new
 * field must be appended to PRESET_IDENTITY with its legacy value, or results would silently share ids.
 */
export function presetIdentityHash(preset: Readonly<Preset>): string {
  const listed = new Set(PRESET_IDENTITY.map((f) => f.path));
  for (const path of presetLeafPaths(preset)) {
    if (!listed.has(path)) throw new RangeError(`presetIdentityHash: preset field "${path}" is not in PRESET_IDENTITY (src/experiment/presetIdentity.ts): append it with its legacy value`);
  }
  return createHash("sha256").update(canonicalPresetText(preset)).digest("hex").slice(0, 16);
}
