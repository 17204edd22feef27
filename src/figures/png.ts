/**
 * A minimal PNG encoder for grayscale images (8-bit, no alpha), enough for digits and receptive fields.
 * Pure: pixels in, bytes out (zlib from node for the deflate stream).
 */
import { deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encode a grayscale image (`width x height` bytes, row-major, 0 = black) as PNG.
 * @example encodeGrayPng(Uint8Array.of(0, 255, 255, 0), 2, 2) // a 2 x 2 checkerboard
 */
export function encodeGrayPng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  if (!(width >= 1 && height >= 1) || pixels.length !== width * height) {
    throw new RangeError(`encodeGrayPng: ${width} x ${height} needs ${width * height} pixels, got ${pixels.length}`);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const signature = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);
  const parts = [signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Tile `count` images of `rows x cols` (values scaled by `scale(value) -> 0..255`) into a grid with `gridCols`
 * columns, 1-pixel gaps, each pixel enlarged `zoom` times. Returns the grid's pixels and size.
 */
export function tileImages(images: ArrayLike<number>, count: number, rows: number, cols: number, gridCols: number,
  zoom = 1, scale: (v: number) => number = (v) => v): { pixels: Uint8Array; width: number; height: number } {
  const gridRows = Math.ceil(count / gridCols);
  const cell = (n: number) => n * zoom + 1;
  const width = gridCols * cell(cols) + 1, height = gridRows * cell(rows) + 1;
  const pixels = new Uint8Array(width * height).fill(128);
  for (let k = 0; k < count; k++) {
    const x0 = (k % gridCols) * cell(cols) + 1, y0 = Math.floor(k / gridCols) * cell(rows) + 1;
    for (let r = 0; r < rows * zoom; r++) {
      for (let c = 0; c < cols * zoom; c++) {
        const v = scale(images[k * rows * cols + Math.floor(r / zoom) * cols + Math.floor(c / zoom)]);
        pixels[(y0 + r) * width + x0 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { pixels, width, height };
}
