/**
 * Saving and loading networks. File format (".snn", little-endian):
 *   bytes 0-7   ASCII "SNNWNET1"
 *   bytes 8-11  u32: byte length H of the JSON header
 *   12 .. 12+H  JSON header (UTF-8): { format: "snn-workbook/network", version: 1, neurons, seed, preset, t, totals,
 *               giShared, rngInput, rngTies, prevEmitted, arrays: [{ name, type: "f32"|"f64"|"i32"|"u8", length, offset }] }
 *   then        zero padding to a multiple of 8, then the arrays' bytes; `offset` counts from the start of this block.
 * The arrays are those of NetworkState: `weights` (784 x neurons f32, row-major: weights[i * neurons + j] is the
 * weight from input pixel i to excitatory neuron j), `theta` (mV, f64), membrane state, traces and queues, so a loaded
 * network continues exactly as the saved one would have.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { KernelKind } from "./kernels";
import { Network, NetworkState } from "./network";
import { validatePreset } from "./derived";

const MAGIC = "SNNWNET1";
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
  const header = Buffer.from(JSON.stringify({ format: "snn-workbook/network", version: 1, ...scalars, arrays: descriptors }), "utf8");
  const start = Math.ceil((12 + header.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  out.set(Buffer.from(MAGIC, "ascii"), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  for (const d of descriptors) {
    const array = (arrays as unknown as Record<string, AnyArray>)[d.name];
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + d.offset);
  }
  return out;
}

/** Decode the bytes of a .snn file; `name` is used in error messages. */
export function decodeNetworkState(bytes: Uint8Array, name: string): NetworkState {
  if (bytes.length < 12 || Buffer.from(bytes.subarray(0, 8)).toString("ascii") !== MAGIC) {
    throw new Error(`${name}: not a snn-workbook network file (it must start with "${MAGIC}")`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new Error(`${name}: truncated: the header needs ${12 + headerLength} bytes, the file has ${bytes.length}`);
  const header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + headerLength)).toString("utf8"));
  if (header.format !== "snn-workbook/network" || header.version !== 1) {
    throw new Error(`${name}: unsupported format ${header.format} version ${header.version} (this code reads version 1)`);
  }
  const start = Math.ceil((12 + headerLength) / 8) * 8;
  const arrays: Record<string, AnyArray> = {};
  for (const d of header.arrays as { name: string; type: ArrayType; length: number; offset: number }[]) {
    const Ctor = CTORS[d.type];
    if (!Ctor) throw new Error(`${name}: array ${d.name} has unknown type ${d.type}`);
    const begin = start + d.offset, end = begin + d.length * Ctor.BYTES_PER_ELEMENT;
    if (end > bytes.length) throw new Error(`${name}: truncated: array ${d.name} needs bytes up to ${end}, the file has ${bytes.length}`);
    arrays[d.name] = new Ctor(Uint8Array.prototype.slice.call(bytes, begin, end).buffer);
  }
  const { format: _f, version: _v, arrays: _a, ...scalars } = header;
  validatePreset(scalars.preset);
  return { ...scalars, arrays } as NetworkState;
}

/** Save a network (at a digit boundary) to a .snn file, atomically (write to a temporary name, then rename). */
export function saveNetwork(net: Network, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, encodeNetworkState(net.exportState()));
  renameSync(tmp, path);
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
