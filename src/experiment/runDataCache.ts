/**
 * The digits of the latest run a thread ran, kept while consecutive runs need the same ones (a sweep's worker and its
 * evaluation thread load each data set once instead of once per run).
 */
import { datasetFolder } from "../data/datasets";
import { idxFolderIdentity } from "../data/idxFolder";
import { RunConfig } from "./config";
import { loadRunData, RunData } from "./run";

let cached: { key: string; data: RunData } | undefined;

/**
 * The key names everything loadRunData uses, a folder data set's files by their identity (path, size, time, inode):
 * files replaced or rewritten are read again, never taken from the cache of the old ones.
 */
function dataKey(c: RunConfig): string {
  const dir = datasetFolder(c.dataset);
  const files = dir === undefined ? "-" : idxFolderIdentity(dir);
  return `${c.dataset}/${files}/${c.trainSamples}/${c.testSamples}/${c.validation ? "validation" : "test"}/${c.shuffleSeed ?? "-"}`;
}

/** loadRunData(c), from the cache when the previous call needed the same digits. */
export function cachedRunData(c: RunConfig): RunData {
  const key = dataKey(c);
  if (cached?.key !== key) cached = { key, data: loadRunData(c) };
  return cached.data;
}
