/**
 * Merging results stores: the records of runs made elsewhere (another machine, a scratch --out while the main store
 * was locked by a running sweep) appended to a store. A cell already stored keeps its record; a cell stored in both
 * with a different accuracy is reported (the code or the data differed between the two runs).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { RECORDS_JSONL, ResultsStore } from "./store";

export interface MergeReport {
  /** Records appended to the target. */
  added: number;
  /** Records whose cell the target already held with the same accuracy. */
  alreadyStored: number;
  /** Cells the target already held with another accuracy (its record kept): "cellId: target% vs source% (source dir)". */
  conflicts: string[];
}

/** Append to `target` the records of the stores in `sources` whose cells it does not hold, in the sources' order. */
export function mergeStores(target: ResultsStore, sources: readonly string[]): MergeReport {
  const report: MergeReport = { added: 0, alreadyStored: 0, conflicts: [] };
  const held = new Map(target.records().map((r) => [r.cellId, r]));
  for (const dir of sources) {
    if (!existsSync(join(dir, RECORDS_JSONL))) throw new RangeError(`no results store at ${dir} (it has no ${RECORDS_JSONL})`);
    if (resolve(dir) === resolve(target.dir)) throw new RangeError(`cannot merge the store ${dir} into itself`);
    for (const record of ResultsStore.read(dir).records()) {
      const old = held.get(record.cellId);
      if (old === undefined) {
        target.append(record);
        held.set(record.cellId, record);
        report.added++;
      } else if (old.accuracy === record.accuracy) report.alreadyStored++;
      else report.conflicts.push(`${record.cellId}: ${old.accuracy}% kept vs ${record.accuracy}% (${dir})`);
    }
  }
  return report;
}
