/**
 * A results store in a directory of the user's: `records.jsonl` (one JSON record per line, append-only: the source of
 * truth) and `records.csv` (the same records as CSV, rewritten atomically after each append), both readable by pandas
 * and danfojs. Appends are flushed to disk (fsync) before `append` returns. A crash can at worst leave a truncated last
 * line in records.jsonl: opening the store repairs that (drops the partial line, says so) and rewrites the CSV.
 * A corrupt complete line is not repaired silently: opening fails and names the line.
 */
import { canonicalDataset, DatasetName } from "../data/datasets";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { presetFromLabel } from "../core/overrides";
import { Preset } from "../core/params";
import { presetValuesHash, RECORD_COLUMNS, StoredRecord } from "./records";
import { acquireStoreLock, StoreLock } from "./storeLock";
import { makeDirs } from "../core/files";

export const RECORDS_JSONL = "records.jsonl";
export const RECORDS_CSV = "records.csv";
/** Present while a process writes the store (holds its pid; storeLock.ts). */
export { LOCK_FILE } from "./storeLock";
/** The full parameter values of every preset the records name, by presetHash. */
export const PRESETS_JSON = "presets.json";

export interface StoreOpenReport {
  /** Bytes of a truncated last line that were dropped. */
  repairedBytes: number;
}

export class ResultsStore {
  private readonly byCell = new Map<string, StoredRecord>();
  private readonly list: StoredRecord[] = [];
  readonly report: StoreOpenReport = { repairedBytes: 0 };

  private constructor(readonly dir: string) {}

  /**
   * Open (creating if needed) the store in `dir` for writing, repairing a truncated last line. One writer at a time:
   * the store is locked (`.lock`, holding the writer's pid; storeLock.ts) until close() or the end of the process; a
   * lock left by a process that no longer runs (killed) is taken over, by exactly one of several processes that find it.
   */
  static open(dir: string): ResultsStore {
    makeDirs(dir);
    const store = new ResultsStore(dir);
    store.lock();
    try {
      store.load(true);
      store.writeCsv();
      store.describePresets(store.list);
    } catch (e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Read the store in `dir` without changing anything (safe while a sweep appends to it): complete lines only; a
   * partial last line being written is left alone. A missing store reads as empty.
   */
  static read(dir: string): ResultsStore {
    const store = new ResultsStore(dir);
    store.readOnly = true;
    store.load(false);
    return store;
  }

  private readOnly = false;
  /** presets.json's content, read once. */
  private presets: Record<string, unknown> | undefined;
  private held: StoreLock | undefined;

  private lock(): void {
    this.held = acquireStoreLock(this.dir);
  }

  /** Release the write lock (a read-only store has none). */
  close(): void {
    this.held?.release();
    this.held = undefined;
  }

  get jsonlPath(): string {
    return join(this.dir, RECORDS_JSONL);
  }

  get csvPath(): string {
    return join(this.dir, RECORDS_CSV);
  }

  private load(repair: boolean): void {
    if (!existsSync(this.jsonlPath)) return;
    const text = readFileSync(this.jsonlPath, "utf8");
    let complete = text;
    if (text.length > 0 && !text.endsWith("\n")) {
      const cut = text.lastIndexOf("\n") + 1;
      complete = text.slice(0, cut);
      if (repair) {
        this.report.repairedBytes = Buffer.byteLength(text) - Buffer.byteLength(complete);
        truncateSync(this.jsonlPath, Buffer.byteLength(complete));
      }
    }
    complete.split("\n").forEach((line, k) => {
      if (line.trim() === "") return;
      let record: StoredRecord;
      try {
        record = JSON.parse(line);
      } catch (e) {
        throw new Error(`${this.jsonlPath}: line ${k + 1} is not valid JSON (${(e as Error).message}); fix or remove that line`);
      }
      if (typeof record !== "object" || record === null || typeof record.cellId !== "string") throw new Error(`${this.jsonlPath}: line ${k + 1} has no cellId`);
      for (const key of ["accuracy", "accuracyProportion"] as const) {
        const x = record[key];
        if (key === "accuracyProportion" && x === undefined) continue;
        if (!(typeof x === "number" && x >= 0 && x <= 100)) {
          throw new Error(`${this.jsonlPath}: line ${k + 1}: ${key} must be a number in [0, 100], got ${JSON.stringify(x)}; fix or remove that line`);
        }
      }
      record.evaluatedOn ??= "test"; // records written before the field existed were all evaluated on the test digits
      record.dataset = canonicalDataset(record.dataset as DatasetName); // "mnist", the embedded set's old name, reads as "mnist-10k"
      if (!this.byCell.has(record.cellId)) {
        this.byCell.set(record.cellId, record);
        this.list.push(record);
      }
    });
  }

  /** All records, in the order they were stored. */
  records(): StoredRecord[] {
    return [...this.list];
  }

  has(cellId: string): boolean {
    return this.byCell.has(cellId);
  }

  get size(): number {
    return this.list.length;
  }

  /** Append a record (ignored if its cell is already stored); durable when this returns. */
  append(record: StoredRecord): boolean {
    if (this.readOnly) throw new Error(`ResultsStore: ${this.dir} was opened read-only (ResultsStore.read)`);
    if (this.byCell.has(record.cellId)) return false;
    const fd = openSync(this.jsonlPath, "a");
    try {
      writeSync(fd, JSON.stringify(record) + "\n");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.byCell.set(record.cellId, record);
    this.list.push(record);
    this.writeCsv();
    this.describePresets([record]);
    return true;
  }

  /**
   * Keep the full values of the records' presets in presets.json, by presetHash, so that the store names every
   * parameter behind its numbers (a hash this code's presets do not produce is left out: its values are not known here).
   */
  private describePresets(records: StoredRecord[]): void {
    const path = join(this.dir, PRESETS_JSON);
    if (!this.presets) this.presets = existsSync(path) ? readPresets(path) : {};
    const known = this.presets!;
    let changed = false;
    for (const r of records) {
      if (!r.presetHash || known[r.presetHash]) continue;
      const preset = knownPreset(r.preset);
      if (!preset || presetValuesHash(preset) !== r.presetHash) continue;
      known[r.presetHash] = preset;
      changed = true;
    }
    if (changed) writeAtomically(path, JSON.stringify(known, null, 1) + "\n");
  }

  /** Rewrite records.csv from the records (temporary file + rename: readers never see half a file). */
  private writeCsv(): void {
    const lines = [RECORD_COLUMNS.join(",")];
    for (const r of this.list) lines.push(RECORD_COLUMNS.map((c) => csvCell(r[c])).join(","));
    writeAtomically(this.csvPath, lines.join("\n") + "\n");
  }
}

/** presets.json's content; a damaged file is an error that names it (it can be deleted: it is rebuilt from the records). */
function readPresets(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path} is not valid JSON (${(e as Error).message}): delete it and it is rebuilt from the records`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`${path} must hold an object of presets by hash: delete it and it is rebuilt from the records`);
  }
  return parsed as Record<string, unknown>;
}

/** The values behind a preset label when this code knows them (a named preset, with or without valid overrides). */
function knownPreset(label: string): Readonly<Preset> | undefined {
  try {
    return presetFromLabel(label);
  } catch {
    return undefined;
  }
}

/** Write a file through a temporary name, flushed, then renamed: readers see the old or the new file, never half. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, "r");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Every record of the results store in `dir`, as plain objects (no danfojs needed). A folder without a store (a
 * mistyped name) is an error, not an empty list.
 */
export function loadRecords(dir: string): StoredRecord[] {
  if (!existsSync(join(dir, RECORDS_JSONL))) {
    throw new Error(`loadRecords: ${dir} holds no results store (no ${RECORDS_JSONL}): check the folder's name (a store is a folder such as data/results/paper)`);
  }
  return ResultsStore.read(dir).records();
}
