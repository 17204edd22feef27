/** Command-line option parsing with errors that say what is wrong (util.parseArgs underneath). */
import { parseArgs } from "node:util";
import { DatasetName, datasetSizes, parseDataset } from "../data/datasets";
import { MAX_TEST_REPEATS, testRepeatsField } from "../experiment/config";

export class UsageError extends Error {}

/** `multiple`: the option may be repeated; its value is then the list of the values given. */
export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

/** Parse argv against a spec; unknown options and stray positionals are usage errors. */
export function parseOptions(argv: string[], spec: OptionSpec): Record<string, string | boolean | string[] | undefined> {
  // "--neurons -5" would be rejected as ambiguous: join a value that looks like a negative number to its option,
  // so that the range check can say what is wrong with it.
  const args: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const name = argv[k].startsWith("--") ? argv[k].slice(2) : "";
    if (spec[name]?.type === "string" && k + 1 < argv.length && /^-\d/.test(argv[k + 1])) args.push(`${argv[k]}=${argv[++k]}`);
    else args.push(argv[k]);
  }
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as Record<string, string | boolean | string[] | undefined>;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** How integers are written on the command line: decimal digits, optionally signed or with an exponent (8e3). */
const DECIMAL = /^[+-]?\d+(\.\d*)?(e\+?\d+)?$/i;

/** An integer option within [min, max]; `fallback` when absent. */
export function intOption(values: Record<string, unknown>, name: string, fallback: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = values[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (typeof raw !== "string" || !DECIMAL.test(raw.trim()) || !Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${String(raw)}"`);
  if (n < min || n > max) throw new UsageError(`--${name} must be in [${min}, ${max}], got ${n}`);
  return n;
}

/** A comma-separated list of integers, each within [min, max]. */
export function intListOption(values: Record<string, unknown>, name: string, fallback: number[] | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number[] {
  const raw = values[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required (comma-separated integers)`);
    return fallback;
  }
  const parts = String(raw).split(",").map((x) => x.trim());
  return parts.map((part) => {
    const n = Number(part);
    if (!DECIMAL.test(part) || !Number.isInteger(n)) throw new UsageError(`--${name} must be comma-separated integers, got "${String(raw)}"`);
    if (n < min || n > max) throw new UsageError(`--${name}: every value must be in [${min}, ${max}], got ${n}`);
    return n;
  });
}

/** A string option restricted to `choices`. */
export function choiceOption<T extends string>(values: Record<string, unknown>, name: string, fallback: T, choices: readonly T[]): T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!choices.includes(raw as T)) throw new UsageError(`--${name} must be one of ${choices.join(", ")}, got "${String(raw)}"`);
  return raw as T;
}

/** The --dataset option: a named data set (default mnist-10k; mnist, its old name, accepted) or idx:DIR, its files read and checked (data/datasets.ts). */
export function datasetOption(values: Record<string, unknown>): DatasetName {
  const raw = values.dataset;
  if (raw === undefined) return "mnist-10k";
  try {
    const dataset = parseDataset(String(raw));
    datasetSizes(dataset); // an idx:DIR folder is read and checked now, before any work
    return dataset;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The --test-repeats option as RunConfig fields: `{ testRepeats: K }` for K > 1, nothing for 1 (today's ids). */
export function testRepeatsOption(values: Record<string, unknown>): { testRepeats?: number } {
  return testRepeatsField(intOption(values, "test-repeats", 1, 1, MAX_TEST_REPEATS));
}
