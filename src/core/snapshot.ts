/**
 * Saving and loading networks. File format (".snn", little-endian):
 *   bytes 0-7   ASCII "SNNWNET1"
 *   bytes 8-11  u32: byte length H of the JSON header
 *   12 .. 12+H  JSON header (UTF-8): { format: "snn-workbook/network", version: 2, neurons, seed, preset, t, totals,
 *               giShared, rngInput, rngTies, prevEmitted, arrays: [{ name, type: "f32"|"f64"|"i32"|"u8", length, offset }] }
 *   then        zero padding to a multiple of 8, then the arrays' bytes; `offset` counts from the start of this block;
 *   last 32     (version 2) the SHA-256 of every byte before it.
 * The arrays are those of NetworkState: `weights` (784 x neurons f32, row-major: weights[i * neurons + j] is the
 * weight from input pixel i to excitatory neuron j), `theta` (mV, f64), membrane state, traces and queues, so a loaded
 * network continues exactly as the saved one would have. Loading checks the checksum (version 1 files, written before
 * it existed, have none), the header's fields, the arrays' sizes and that the values are finite (weights and theta
 * not negative); every error names the file and what is wrong.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { makeDirs } from "./files";
import { dirname } from "node:path";
import { KernelKind } from "./kernels";
import { Network, NetworkLike, NetworkState } from "./network";
import { validatePreset } from "./derived";
import { STATE_ARRAYS } from "./networkState";
import { INPUTS } from "./state";

const MAGIC = "SNNWNET1";
const VERSION = 2;
const CHECKSUM_BYTES = 32;
type ArrayType = "f32" | "f64" | "i32" | "u8";
type AnyArray = Float32Array | Float64Array | Int32Array | Uint8Array;
const CTORS = { f32: Float32Array, f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;

function typeOf(a: ArrayLike<number>): ArrayType {
  if (a instanceof Float32Array) return "f32";
  if (a instanceof Float64Array) return "f64";
  if (a instanceof Int32Array) return "i32";
  if (a instanceof Uint8Array) return "u8";
  throw new TypeError("snapshot: arrays must be Float32Array, Float64Array, Int32Array or Uint8Array");
}

/** Encode a network state as the bytes of a .snn file. */
export function encodeNetworkState(s: NetworkState): Uint8Array {
  const { arrays, ...scalars } = s;
  const descriptors: { name: string; type: ArrayType; length: number; offset: number }[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays) as [string, AnyArray][]) {
    descriptors.push({ name, type: typeOf(array), length: array.length, offset });
    offset += Math.ceil(array.byteLength / 8) * 8;
  }
  const header = Buffer.from(JSON.stringify({ format: "snn-workbook/network", version: VERSION, ...scalars, arrays: descriptors }), "utf8");
  const start = Math.ceil((12 + header.length) / 8) * 8;
  const out = new Uint8Array(start + offset + CHECKSUM_BYTES);
  out.set(Buffer.from(MAGIC, "ascii"), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  for (const d of descriptors) {
    const array = (arrays as unknown as Record<string, AnyArray>)[d.name];
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + d.offset);
  }
  out.set(sha256(out.subarray(0, out.length - CHECKSUM_BYTES)), out.length - CHECKSUM_BYTES);
  return out;
}

const sha256 = (bytes: Uint8Array): Buffer => createHash("sha256").update(bytes).digest();

/** Decode the bytes of a .snn file; `name` (the file) is used in error messages. */
export function decodeNetworkState(bytes: Uint8Array, name: string): NetworkState {
  const fail = (what: string): never => {
    throw new Error(`${name}: ${what}`);
  };
  if (bytes.length < 12 || Buffer.from(bytes.subarray(0, 8)).toString("ascii") !== MAGIC) {
    fail(`not a snn-workbook network file (it must start with "${MAGIC}")`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.length) fail(`truncated: the header needs ${12 + headerLength} bytes, the file has ${bytes.length}`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + headerLength)).toString("utf8"));
  } catch (e) {
    return fail(`corrupt header (not JSON: ${(e as Error).message})`);
  }
  if (header === null || typeof header !== "object" || header.format !== "snn-workbook/network" || (header.version !== 1 && header.version !== VERSION)) {
    fail(`unsupported format ${String(header?.format)} version ${String(header?.version)} (this code reads versions 1 and ${VERSION}; a damaged file?)`);
  }
  const end = header.version === VERSION ? bytes.length - CHECKSUM_BYTES : bytes.length;
  const { format: _f, version: _v, arrays: descriptors, ...scalars } = header;
  if (!Array.isArray(descriptors)) fail("the header lists no arrays");
  const start = Math.ceil((12 + headerLength) / 8) * 8;
  const extents: { name: string; Ctor: (typeof CTORS)[ArrayType]; begin: number; stop: number }[] = [];
  for (const d of descriptors as { name: unknown; type: ArrayType; length: unknown; offset: unknown }[]) {
    const Ctor = Object.hasOwn(CTORS, d?.type) ? CTORS[d.type] : undefined;
    if (typeof d?.name !== "string" || !Ctor || !isCount(d.length) || !isCount(d.offset)) return fail(`corrupt array entry in the header: ${JSON.stringify(d)}`);
    const begin = start + (d.offset as number), stop = begin + (d.length as number) * Ctor.BYTES_PER_ELEMENT;
    if (stop > end) fail(`truncated: array ${d.name} needs bytes up to ${stop}, the file has ${bytes.length}${end < bytes.length ? ` (${end} before its checksum)` : ""}`);
    extents.push({ name: d.name, Ctor, begin, stop });
  }
  // the arrays, each padded to 8 bytes, fill the data block exactly: a version-2 file relabelled as version 1 (its
  // checksum left in place) or bytes appended or cut are refused
  const dataEnd = extents.reduce((e, x) => Math.max(e, start + Math.ceil((x.stop - start) / 8) * 8), start);
  if (dataEnd !== end) {
    const relabelled = header.version === 1 && end - dataEnd === CHECKSUM_BYTES ? " (a version-2 file relabelled as version 1?)" : "";
    fail(`its arrays end at byte ${dataEnd} but its data ends at byte ${end}${relabelled}: a damaged file`);
  }
  const byStart = [...extents].sort((x, y) => x.begin - y.begin);
  for (let k = 1; k < byStart.length; k++) {
    if (byStart[k].begin < byStart[k - 1].stop) fail(`arrays ${byStart[k - 1].name} and ${byStart[k].name} overlap in the file (a damaged file)`);
  }
  if (new Set(extents.map((e) => e.name)).size !== extents.length) fail("the header lists an array twice");
  if (header.version === VERSION && !sha256(bytes.subarray(0, end)).equals(Buffer.from(bytes.subarray(end)))) {
    fail("checksum mismatch: the file was changed or damaged after it was written (bytes altered, or cut and padded)");
  }
  checkScalars(scalars, fail);
  const arrays: Record<string, AnyArray> = {};
  for (const { name: key, Ctor, begin, stop } of extents) arrays[key] = new Ctor(Uint8Array.prototype.slice.call(bytes, begin, stop).buffer);
  try {
    validatePreset(scalars.preset as NetworkState["preset"]);
  } catch (e) {
    fail(`its preset is invalid: ${(e as Error).message}`);
  }
  checkArrays(arrays, scalars.neurons as number, fail);
  return { ...scalars, arrays } as unknown as NetworkState;
}

const isCount = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;

/** The header's numbers: sizes and steps whole, totals and conductances finite and not negative, the preset an object. */
function checkScalars(h: Record<string, unknown>, fail: (what: string) => never): void {
  if (!Number.isInteger(h.neurons) || !((h.neurons as number) >= 1)) fail(`neurons must be a whole number >= 1, got ${JSON.stringify(h.neurons)}`);
  for (const key of ["seed", "t", "prevEmitted"]) if (!Number.isInteger(h[key]) || (h[key] as number) < 0) fail(`${key} must be a whole number >= 0, got ${JSON.stringify(h[key])}`);
  if (typeof h.preset !== "object" || h.preset === null) fail("the header holds no preset");
  if (h.trainingDigits !== undefined && !(Number.isInteger(h.trainingDigits) && (h.trainingDigits as number) >= 1)) {
    fail(`trainingDigits must be a whole number >= 1, got ${JSON.stringify(h.trainingDigits)}`);
  }
  if (!(Number.isFinite(h.giShared) && (h.giShared as number) >= 0)) fail(`giShared must be a finite number >= 0, got ${JSON.stringify(h.giShared)}`);
  const totals = h.totals as Record<string, unknown> | undefined;
  if (typeof totals !== "object" || totals === null) fail("the header holds no totals");
  for (const [key, value] of Object.entries(totals!)) {
    if (!(Number.isFinite(value) && (value as number) >= 0)) fail(`totals.${key} must be a finite number >= 0, got ${JSON.stringify(value)}`);
  }
  for (const key of ["rngInput", "rngTies"]) {
    const words = h[key];
    if (!Array.isArray(words) || words.length !== 4 || !words.every((w) => Number.isInteger(w))) fail(`${key} must be 4 whole numbers, got ${JSON.stringify(words)}`);
  }
}

/**
 * The arrays against the state table (networkState.ts STATE_ARRAYS): each one known and of its element type, the ones
 * every state has present, per-neuron and per-synapse arrays of the network's size, neuron indices within it, and
 * finite values (weights and theta not negative). What depends on the preset (input delays' histories) is checked
 * when the state is loaded into a network.
 */
function checkArrays(arrays: Record<string, AnyArray>, neurons: number, fail: (what: string) => never): void {
  const table = new Map(STATE_ARRAYS.map((e) => [e.name as string, e]));
  for (const [key, array] of Object.entries(arrays)) {
    const entry = table.get(key);
    if (!entry) return fail(`unknown array ${key} (a damaged or foreign file?)`);
    if (typeOf(array) !== entry.type) fail(`${key} is stored as ${typeOf(array)}; it must be ${entry.type}`);
    const size = entry.axis === "neuron" ? neurons : entry.axis === "synapse" ? INPUTS * neurons : undefined;
    if (size !== undefined && array.length !== size) fail(`${key} must hold ${size} values for ${neurons} neurons, got ${array.length}`);
    const end = entry.axis === "inputList" ? INPUTS : neurons;
    if ((entry.axis === "list" || entry.axis === "inputList" || entry.axis === "queue") && array.length > end) fail(`${key} must hold at most ${end} values, got ${array.length}`);
    if (entry.axis === "list" || entry.axis === "inputList" || key === "refNeurons") {
      for (let k = 0; k < array.length; k++) if (!(array[k] >= 0 && array[k] < end)) fail(`${key}[${k}] is ${array[k]}: indices must lie in [0, ${end})`);
    }
  }
  for (const e of STATE_ARRAYS) if (e.when === "always" && e.legacy === undefined && !arrays[e.name]) fail(`the array ${e.name} is missing`);
  for (const [key, array] of Object.entries(arrays)) {
    if (!(array instanceof Float32Array || array instanceof Float64Array)) continue;
    const floor = key === "weights" || key === "theta" ? 0 : -Infinity;
    for (let k = 0; k < array.length; k++) {
      if (!(Number.isFinite(array[k]) && array[k] >= floor)) fail(`${key}[${k}] is ${array[k]}: ${floor === 0 ? "values must be finite and >= 0" : "values must be finite"}`);
    }
  }
}

/** Save a network (at a digit boundary) to a .snn file, atomically (write to a temporary name, then rename). */
export function saveNetwork(net: NetworkLike, path: string): void {
  makeDirs(dirname(path));
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, encodeNetworkState(net.exportState()));
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new Error(`saveNetwork: cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Load a network saved by saveNetwork; it continues exactly as the saved one would have. */
export function loadNetwork(path: string, kernels?: KernelKind): Network {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`loadNetwork: cannot read ${path}: ${(e as Error).message}`);
  }
  return Network.fromState(decodeNetworkState(bytes, path), kernels);
}
