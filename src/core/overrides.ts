/**
 * Overrides of a named preset's values, for exploration (a departure from a documented preset). They are checked
 * against the presets (a misspelt key is an error, not a new field) and written as a flat label,
 * `exc.tauThetaMs=100000000;stdp.nuPost=0.02`, which names the runs in a results store (CSV-safe: no commas, no
 * quotes) and reads back to the same values.
 */
import { DeepPartial, LearningRuleName, Preset, PRESETS, RULE_SETTINGS, valueAtPath, withOverrides, withRule } from "./params";

type Leaf = number | string | boolean;

/**
 * The overridden values as [dotted path, value] pairs, sorted by path. Throws for a path that no preset has, for a
 * value of another type than the preset's, and for an empty override.
 */
export function overrideEntries(overrides: DeepPartial<Preset>): [string, Leaf][] {
  const entries: [string, Leaf][] = [];
  const walk = (patch: unknown, path: string[]): void => {
    if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
      throw new RangeError(`preset override: ${path.join(".") || "the override"} must be an object of values, got ${JSON.stringify(patch)}`);
    }
    for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
      const at = [...path, key];
      if (path.length === 0 && (key === "name" || key === "description")) throw new RangeError(`preset override: "${key}" is not a parameter`);
      if (path.length === 1 && path[0] === "stdp" && key === "rule") {
        // a rule comes with its published settings (RULE_SETTINGS), and the label names it as PRESET@RULE
        throw new RangeError("preset override: choose the learning rule with --rule (in code: withRule), not stdp.rule: it brings the rule's " +
          "published settings and names the runs PRESET@RULE; override the rule's values after it");
      }
      const known = knownValue(at);
      if (known === undefined) throw new RangeError(`preset override: no preset has a value "${at.join(".")}" (misspelt?)`);
      if (typeof known === "object") walk(value, at);
      else if (typeof value !== typeof known || (typeof value === "number" && !Number.isFinite(value))) {
        throw new RangeError(`preset override: ${at.join(".")} must be a ${typeof known === "number" ? "finite number" : typeof known}, got ${JSON.stringify(value)}`);
      } else if (typeof value === "string" && /[;=,+"\s]/.test(value)) {
        throw new RangeError(`preset override: ${at.join(".")} must not contain ; = , + quotes or spaces, got ${JSON.stringify(value)}`);
      } else entries.push([at.join("."), value as Leaf]);
    }
  };
  walk(overrides, []);
  if (entries.length === 0) throw new RangeError("preset override: it changes nothing");
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The label of overridden values (see the module comment). */
export function overrideLabel(overrides: DeepPartial<Preset>): string {
  return overrideEntries(overrides).map(([path, value]) => `${path}=${value}`).join(";");
}

/** The overrides a label stands for (numbers and booleans as the named presets type them). */
export function parseOverrideLabel(label: string): DeepPartial<Preset> {
  const overrides: Record<string, unknown> = {};
  for (const item of label.split(";")) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new RangeError(`preset override label: "${item}" is not path=value`);
    const path = item.slice(0, eq).split(".");
    const text = item.slice(eq + 1);
    const known = knownValue(path);
    if (known === undefined || typeof known === "object") throw new RangeError(`preset override label: no preset has a value "${path.join(".")}"`);
    const value = typeof known === "number" ? Number(text) : typeof known === "boolean" ? text === "true" : text;
    let target = overrides;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = value;
  }
  overrideEntries(overrides as DeepPartial<Preset>); // checks the values
  return overrides as DeepPartial<Preset>;
}

/**
 * How a store names a run's preset: the preset's name, `@` and a learning rule when one other than the preset's is
 * chosen (its published settings: params.ts RULE_SETTINGS), then `+` and the override label when there are overrides.
 */
export function presetLabel(name: string, overrides?: DeepPartial<Preset>, rule?: LearningRuleName): string {
  const base = PRESETS[name];
  const head = rule === undefined || (base && base.stdp.rule === rule) ? name : `${name}@${rule}`;
  return overrides === undefined ? head : `${head}+${overrideLabel(overrides)}`;
}

/** The parts of a preset label (see presetLabel): the preset's name, the rule after `@`, the overrides after `+`. */
export function splitPresetLabel(label: string): { name: string; rule?: LearningRuleName; overrides?: DeepPartial<Preset> } {
  const plus = label.indexOf("+");
  const head = plus < 0 ? label : label.slice(0, plus);
  const at = head.indexOf("@");
  return {
    name: at < 0 ? head : head.slice(0, at),
    ...(at < 0 ? {} : { rule: head.slice(at + 1) as LearningRuleName }),
    ...(plus < 0 ? {} : { overrides: parseOverrideLabel(label.slice(plus + 1)) }),
  };
}

/** The preset a label names (see presetLabel): the named preset with the label's overrides; throws for an unknown name. */
export function presetFromLabel(label: string): Readonly<Preset> {
  const { name, rule, overrides } = splitPresetLabel(label);
  const named = PRESETS[name];
  if (!named) throw new RangeError(`unknown preset "${name}": use one of ${Object.keys(PRESETS).join(", ")}`);
  const base = rule === undefined ? named : withRule(named, rule);
  if (overrides === undefined) return base;
  for (const [path] of overrideEntries(overrides)) {
    if (knownValue(path.split("."), base.neuronModel) === undefined) {
      throw new RangeError(`preset override: "${path}" is not a parameter of the ${base.neuronModel} model (preset "${name}")`);
    }
  }
  return withOverrides<Preset>(base, { ...overrides, name: label } as DeepPartial<Preset>);
}

/** Preset fields that no named preset sets, with a value of their type (an override may still set them). */
const UNSET_FIELDS: Readonly<Record<string, Leaf>> = Object.freeze({ coarseTimeStep: false });

/**
 * The value at `path` in the first named preset (of that neuron model, if given), or in a rule's settings, that has it,
 * or of a field no preset sets (UNSET_FIELDS; undefined: none has).
 */
function knownValue(path: string[], model?: Preset["neuronModel"]): unknown {
  if (path.length === 1 && Object.hasOwn(UNSET_FIELDS, path[0])) return UNSET_FIELDS[path[0]];
  if (path.length === 2 && path[0] === "stdp") {
    for (const settings of Object.values(RULE_SETTINGS)) if ((settings as Record<string, unknown>)[path[1]] !== undefined) return (settings as Record<string, unknown>)[path[1]];
  }
  for (const preset of Object.values(PRESETS)) {
    if (model !== undefined && preset.neuronModel !== model) continue;
    const v = valueAtPath(preset, path);
    if (v !== undefined) return v;
  }
  return undefined;
}
