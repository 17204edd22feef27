/**
 * Reader for the IDX format of the MNIST files (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 * a big-endian header `0x00 0x00 <type> <dims>`, then `dims` big-endian u32 sizes, then the data.
 * Only unsigned bytes (type 0x08) are supported, which is what every MNIST-like data set uses.
 * Files may be gzip-compressed (detected by the gzip magic bytes, whatever the file name).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export interface IdxArray {
  /** Sizes of each dimension, e.g. [60000, 28, 28]. */
  dims: number[];
  /** The values, row-major. */
  data: Uint8Array;
}

const IDX_TYPE_UBYTE = 0x08;

/**
 * Parse an IDX buffer. `name` is used in error messages (a file path, typically); `expectDims`, when given, the
 * dimension count the file's magic number must declare (3 for images, 1 for labels).
 * Throws on a wrong magic number, an unsupported element type, a truncated file or trailing bytes.
 */
export function parseIdx(buffer: Uint8Array, name: string, expectDims?: number): IdxArray {
  let bytes = buffer;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new Error(`${name}: looks gzip-compressed but could not be decompressed (${(e as Error).message})`);
    }
  }
  if (bytes.length < 4) throw new Error(`${name}: truncated IDX file: ${bytes.length} bytes, the header alone needs 4`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    throw new Error(`${name}: wrong magic number 0x${magic.toString(16).padStart(8, "0")}: an IDX file starts with 0x0000 then a type byte and a dimension count`);
  }
  if (bytes[2] !== IDX_TYPE_UBYTE) {
    throw new Error(`${name}: element type 0x${bytes[2].toString(16)} is not supported: only unsigned bytes (0x08) are`);
  }
  const nDims = bytes[3];
  if (nDims < 1) throw new Error(`${name}: IDX header declares 0 dimensions`);
  if (expectDims !== undefined && nDims !== expectDims) {
    const kind = expectDims === 3 ? "images: count, rows, columns" : expectDims === 1 ? "labels: count" : `${expectDims} dimensions`;
    throw new Error(`${name}: wrong magic number 0x0000080${nDims.toString(16)} (${nDims} dimensions): this file must start with ` +
      `0x0000080${expectDims.toString(16)} (${kind}); images and labels swapped?`);
  }
  const headerBytes = 4 + 4 * nDims;
  if (bytes.length < headerBytes) {
    throw new Error(`${name}: truncated IDX file: ${bytes.length} bytes, the header of ${nDims} dimensions needs ${headerBytes}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let total = 1;
  for (let d = 0; d < nDims; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    dims.push(size);
    total *= size;
  }
  const expected = headerBytes + total;
  if (bytes.length < expected) {
    throw new Error(`${name}: truncated IDX file: dimensions [${dims.join(", ")}] need ${expected} bytes, the file has ${bytes.length}`);
  }
  if (bytes.length > expected) {
    throw new Error(`${name}: ${bytes.length - expected} unexpected bytes after the data of dimensions [${dims.join(", ")}]`);
  }
  return { dims, data: bytes.subarray(headerBytes, expected) };
}

/** Read and parse an IDX file (optionally gzip-compressed) from a path. */
export function readIdxFile(path: string, expectDims?: number): IdxArray {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (e) {
    throw new Error(`readIdxFile: cannot read ${path}: ${(e as Error).message}`);
  }
  return parseIdx(buffer, path, expectDims);
}

/** Build an IDX buffer of unsigned bytes (for tests and for exporting digits). */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const total = dims.reduce((a, b) => a * b, 1);
  if (total !== data.length) throw new RangeError(`encodeIdx: dimensions [${dims.join(", ")}] hold ${total} values, got ${data.length}`);
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = IDX_TYPE_UBYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
