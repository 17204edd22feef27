/**
 * The stored form of one result: one evaluated snapshot of one run, flat (one CSV column per field).
 * Identity: `cellId` = hash of every parameter that affects the result (the run's config with the preset's full
 * values, the seed) and the training amount. Timing, code version, date and host describe how it was obtained and are
 * the only fields that may differ between two runs of the same cell.
 */
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { presetFromLabel } from "../core/overrides";
import { Preset } from "../core/params";
import { canonicalDataset, datasetHash, identityName } from "../data/datasets";
import { RunConfig, testRepeatsField } from "./config";
import { presetIdentityHash } from "./presetIdentity";
import { RunRecord } from "./run";
import { codeVersion } from "./version";

/** How and where a record was computed. */
export interface Provenance {
  code: string;
  host: string;
  date: string;
}

export interface StoredRecord extends RunRecord, Provenance {
  cellId: string;
  runId: string;
  preset: string;
  presetHash: string;
  dataset: string;
  neurons: number;
  trainSamples: number;
  epochs: number;
  /** The run's cap on label digits at intermediate snapshots (labelSamples is what the snapshot used). */
  labelSamplesCap: number;
  seed: number;
  /** "test" (the test digits) or "validation" (the last testSamples training digits, held out). */
  evaluatedOn: "test" | "validation";
  /** The seed of the shuffled training order (RunConfig.shuffleSeed); absent: the dataset's order. */
  shuffleSeed?: number;
  /** A user's IDX folder (dataset idx:DIR): SHA-256 (16 hex digits) of its four files; absent for the named data sets. */
  dataHash?: string;
  /** Presentations of each evaluation digit (RunConfig.testRepeats); absent: 1. */
  testRepeats?: number;
}

/** Column order of the CSV file. */
export const RECORD_COLUMNS: (keyof StoredRecord)[] = [
  "cellId", "runId", "preset", "presetHash", "dataset", "neurons", "trainSamples", "epochs", "testSamples",
  "labelSamplesCap", "seed", "evaluatedOn", "shuffleSeed", "dataHash", "testRepeats", "trainedSamples", "epochsDone", "labelSamples", "accuracy",
  "accuracyProportion", "accuracyFirstRepeat", "accuracyProportionFirstRepeat", "accuracyConfidence", "accuracyDistance", "accuracyNgram2",
  "unassignedNeurons", "presentationsPerSample", "cappedDigits", "excSpikesPerSample", "testSpikesPerSample",
  "eInhClampsPerSample", "testEInhClampsPerSample",
  "trainCostInputSpikes", "trainCostExcSpikes", "trainCostInhSpikes", "trainCostSynOps", "trainCostSimMs", "trainCostWallUs",
  "testCostInputSpikes", "testCostExcSpikes", "testCostInhSpikes", "testCostSynOps", "testCostSimMs", "testCostWallUs",
  "accuracyAt25Ms", "accuracyAt50Ms", "accuracyAt100Ms", "accuracyAt200Ms", "accuracyAt350Ms",
  "synOpsAt25Ms", "synOpsAt50Ms", "synOpsAt100Ms", "synOpsAt200Ms", "synOpsAt350Ms", "trainSeconds", "trainSamplesPerSec", "evalSeconds", "evalSamplesPerSec", "code", "date", "host",
];

/** Fields that depend on how and when a result was computed, not on what was computed. */
export const CIRCUMSTANTIAL_FIELDS: (keyof StoredRecord)[] = [
  "trainCostWallUs", "testCostWallUs", "trainSeconds", "trainSamplesPerSec", "evalSeconds", "evalSamplesPerSec", "code", "date", "host",
];

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Hash of a preset's full parameter values (a renamed or edited preset gets another hash); `label`: see RunConfig.preset. */
export function presetHash(label: string): string {
  return presetValuesHash(presetFromLabel(label));
}

/** The hash presetHash gives, for a preset already resolved from its label (its canonical identity: presetIdentity.ts). */
export function presetValuesHash(preset: Readonly<Preset>): string {
  return presetIdentityHash(preset);
}

/** Id of a run: every parameter that affects its results, and the seed (not the snapshot schedule). */
export function runId(c: RunConfig): string {
  const fields: unknown[] = [presetHash(c.preset), identityName(c.dataset), c.neurons, c.trainSamples, c.epochs, c.testSamples, c.labelSamples, c.seed];
  if (c.validation) fields.push("validation");
  if (c.shuffleSeed !== undefined) fields.push(`shuffle:${c.shuffleSeed}`);
  const data = datasetHash(c.dataset); // a user's IDX folder: its content, besides its path
  if (data !== undefined) fields.push(`data:${data}`);
  if ((c.testRepeats ?? 1) > 1) fields.push(`repeats:${c.testRepeats}`);
  return hash(JSON.stringify(fields));
}

/** Id of one evaluated snapshot of a run. */
export function cellId(c: RunConfig, trainedSamples: number): string {
  return hash(`${runId(c)}/${trainedSamples}`);
}

/** Where and with which code version this process computes. */
export function localProvenance(date = new Date()): Provenance {
  return { code: codeVersion(), host: hostname(), date: date.toISOString() };
}

/** A run record with its configuration and provenance (default: this process, now), ready to store. */
export function toStoredRecord(c: RunConfig, r: RunRecord, provenance: Provenance = localProvenance()): StoredRecord {
  const dataHash = r.dataHash ?? datasetHash(c.dataset); // the data the run read (a folder's hash now, for older runs)
  return {
    cellId: cellId(c, r.trainedSamples), runId: runId(c), preset: c.preset, presetHash: presetHash(c.preset),
    dataset: canonicalDataset(c.dataset), neurons: c.neurons, trainSamples: c.trainSamples, epochs: c.epochs,
    labelSamplesCap: c.labelSamples, seed: c.seed, evaluatedOn: c.validation ? "validation" : "test",
    ...(c.shuffleSeed !== undefined ? { shuffleSeed: c.shuffleSeed } : {}),
    ...(dataHash !== undefined ? { dataHash } : {}), ...testRepeatsField(c.testRepeats), ...r, ...provenance,
  };
}

/** The record without its circumstantial fields (what must be identical between two computations of a cell). */
export function resultOnly(r: StoredRecord): Partial<StoredRecord> {
  const copy: Partial<StoredRecord> = { ...r };
  for (const f of CIRCUMSTANTIAL_FIELDS) delete copy[f];
  return copy;
}
