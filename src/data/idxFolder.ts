/**
 * A folder of IDX files under MNIST's four names (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
 * `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally `.gz`): read, validated (28 x 28 images, one
 * label 0-9 per image) and cached by the four files' identities, so a file replaced or rewritten in place is read
 * again. Also the folder's content hash, which names a user's data set in results stores.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CLASSES, Digits, IMAGE_COLS, IMAGE_ROWS } from "./digits";
import { IdxArray, parseIdx, readIdxFile } from "./idx";

export const IDX_FILES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] as const;

export interface IdxFolder {
  train: Digits;
  test: Digits;
  /** SHA-256 (first 16 hex digits) of the four files' bytes, in IDX_FILES order: the bytes the digits came from. */
  hash(): string;
}

/** The last folder read, keyed by its four files' identities (path, size, modification time, inode). */
let cache: { key: string; folder: IdxFolder } | undefined;

/** The four files' identities (path, size, modification time, inode): what the cache and a run's data key on. */
export function idxFolderIdentity(dir: string): string {
  return IDX_FILES.map((base) => fileIdentity(idxPath(dir, base))).join("|");
}

/**
 * Read (or take from the cache) the four IDX files of `dir`; errors name the file and the fault. The hash is of the
 * very bytes the digits were parsed from (each file read once).
 */
export function readIdxFolder(dir: string): IdxFolder {
  const paths = IDX_FILES.map((base) => idxPath(dir, base));
  const key = paths.map(fileIdentity).join("|");
  if (cache?.key === key) return cache.folder;
  const bytes = paths.map((path) => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new Error(`IDX folder ${dir}: cannot read ${path}: ${(e as Error).message}`);
    }
  });
  const h = createHash("sha256");
  for (const b of bytes) h.update(b);
  const hex = h.digest("hex").slice(0, 16);
  const [trainImages, trainLabels, testImages, testLabels] = bytes.map((b, k) => parseIdx(b, paths[k], k % 2 === 0 ? 3 : 1));
  const folder = {
    train: digitsOf(trainImages, trainLabels, paths[0], paths[1]), test: digitsOf(testImages, testLabels, paths[2], paths[3]),
    hash: () => hex,
  };
  cache = { key, folder };
  return folder;
}

/** Read an images file and a labels file (IDX, optionally .gz) and check that they belong together. */
export function loadIdxDigits(imagesPath: string, labelsPath: string): Digits {
  return digitsOf(readIdxFile(imagesPath, 3), readIdxFile(labelsPath, 1), imagesPath, labelsPath);
}

/** Digits from a parsed images file and labels file (named in errors), checked to belong together. */
function digitsOf(images: IdxArray, labels: IdxArray, imagesPath: string, labelsPath: string): Digits {
  if (images.dims.length !== 3 || images.dims[1] !== IMAGE_ROWS || images.dims[2] !== IMAGE_COLS) {
    throw new Error(`${imagesPath}: images must have dimensions [count, 28, 28], got [${images.dims.join(", ")}]`);
  }
  if (labels.dims.length !== 1) {
    throw new Error(`${labelsPath}: labels must have one dimension [count], got [${labels.dims.join(", ")}]`);
  }
  if (images.dims[0] !== labels.dims[0]) {
    throw new Error(`${imagesPath} holds ${images.dims[0]} images but ${labelsPath} holds ${labels.dims[0]} labels`);
  }
  for (let k = 0; k < labels.data.length; k++) {
    if (labels.data[k] >= CLASSES) {
      throw new Error(`${labelsPath}: label ${labels.data[k]} of sample ${k} is outside 0..9`);
    }
  }
  return { images: images.data, labels: labels.data, count: labels.dims[0] };
}

function idxPath(dir: string, base: string): string {
  const plain = join(dir, base);
  if (existsSync(plain)) return plain;
  if (existsSync(plain + ".gz")) return plain + ".gz";
  throw new Error(`IDX folder ${dir}: neither ${plain} nor ${plain}.gz exists`);
}

/** A file's identity for the cache: a file replaced or rewritten in place gets another. */
function fileIdentity(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${path}:${s.size}:${s.mtimeNs}:${s.ino}`;
}

