/**
 * Parameter grids: a sweep repeated over the cartesian product of some preset values (`snn sweep --vary
 * exc.thetaPlusMv=0.025,0.05,0.1 --vary tauThetaMs=...`). Each grid point is the sweep with the point's values as
 * overrides of its preset, so its records name it by an override label (`diehl-cook-2015+exc.thetaPlusMv=0.1`) and
 * carry its own presetHash (a preset's name is part of its identity, so the point at the published values is a run of
 * its own too, beside the preset's).
 */
import { overrideEntries, presetLabel, splitPresetLabel } from "../core/overrides";
import { DeepPartial, Preset } from "../core/params";
import { presetHash } from "./records";
import { SweepSpec } from "./sweep";

type Value = number | boolean | string;

/** One varied parameter: its dotted path in the preset and the values it takes. */
export interface ParameterAxis {
  path: string;
  values: Value[];
}

/** One point of a grid: the values of each axis (by path), the sweep it runs and its preset's hash. */
export interface GridPoint {
  values: Record<string, Value>;
  spec: SweepSpec;
  presetHash: string;
}

/**
 * An axis from its command-line form `path=v1,v2,...` (values typed as the presets type that parameter: numbers,
 * true/false, words). Throws, saying what to fix, for a malformed text, an unknown parameter or a repeated value.
 */
export function parseAxis(text: string): ParameterAxis {
  const eq = text.indexOf("=");
  if (eq <= 0 || eq === text.length - 1) throw new RangeError(`--vary ${text}: expected PATH=V1,V2,... (e.g. exc.thetaPlusMv=0.025,0.05,0.1)`);
  const path = text.slice(0, eq);
  const items = text.slice(eq + 1).split(",");
  if (items.some((v) => v.trim() === "")) throw new RangeError(`--vary ${text}: an empty value`);
  const values = items.map((item) => {
    const patch = patchAt(path, item.trim());
    const [entry] = overrideEntries(patch as DeepPartial<Preset>); // checks the path and the type
    return entry[1];
  });
  if (new Set(values.map(String)).size !== values.length) throw new RangeError(`--vary ${text}: a value is listed twice`);
  return { path, values };
}

/** The most points a grid may have (each one a sweep of its own: 10,000 is already far beyond what a machine runs). */
export const MAX_GRID_POINTS = 10_000;

/** The sweep at every point of the grid (the cartesian product of the axes, the first axis varying slowest). */
export function gridPoints(spec: SweepSpec, axes: ParameterAxis[]): GridPoint[] {
  if (axes.length === 0) throw new RangeError("parameter grid: give at least one axis");
  const paths = axes.map((a) => a.path);
  if (new Set(paths).size !== paths.length) throw new RangeError(`parameter grid: a parameter is varied twice (${paths.join(", ")})`);
  for (const a of axes) if (a.values.length === 0) throw new RangeError(`parameter grid: ${a.path} has no values`);
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_GRID_POINTS) {
    throw new RangeError(`parameter grid: ${axes.map((a) => a.values.length).join(" x ")} = ${size.toLocaleString("en")} points, more than the ` +
      `${MAX_GRID_POINTS.toLocaleString("en")} a sweep takes: vary fewer values, or split the grid into several sweeps`);
  }
  const { name, rule, overrides } = splitPresetLabel(spec.preset);
  const fixed = overrides ? overrideEntries(overrides).map(([path]) => path) : [];
  const clash = paths.filter((p) => fixed.includes(p));
  if (clash.length > 0) throw new RangeError(`parameter grid: ${clash.join(", ")} is both overridden by the preset "${spec.preset}" and varied`);
  let points: Record<string, Value>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.path]: v })));
  return points.map((values) => {
    let merged: Record<string, unknown> = structuredClone(overrides ?? {}) as Record<string, unknown>;
    for (const [path, value] of Object.entries(values)) merged = mergePatch(merged, patchAt(path, value));
    const preset = presetLabel(name, merged as DeepPartial<Preset>, rule);
    return { values, spec: { ...spec, preset }, presetHash: presetHash(preset) };
  });
}

/** `{a: {b: value}}` for the path "a.b" (a text value is typed as the presets type the parameter). */
function patchAt(path: string, value: Value): Record<string, unknown> {
  const keys = path.split(".");
  let typed: unknown = value;
  if (typeof value === "string") {
    // the presets' type of this value decides: a number, a boolean or a word
    const asNumber = Number(value);
    const probe = (v: unknown) => { try { overrideEntries(nest(keys, v) as DeepPartial<Preset>); return true; } catch { return false; } };
    if (value !== "" && Number.isFinite(asNumber) && probe(asNumber)) typed = asNumber;
    else if ((value === "true" || value === "false") && probe(value === "true")) typed = value === "true";
  }
  return nest(keys, typed);
}

function nest(keys: string[], value: unknown): Record<string, unknown> {
  return keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function mergePatch(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v !== null && typeof v === "object" && typeof out[k] === "object" && out[k] !== null
      ? mergePatch(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
