/**
 * Queued sweeps on BullMQ: one job per run (a network size and seed of the grid, evaluated at all its snapshots).
 * The job id is derived from the run's id (a hash of every parameter that affects its results and the seed), so
 * submitting the same sweep twice never duplicates work. Records travel back in the job's progress (as they appear)
 * and return value (all of them), with the worker's host and code version.
 */
import { RunConfig } from "../experiment/config";
import { Provenance, runId } from "../experiment/records";
import { RunRecord } from "../experiment/run";

export const DEFAULT_QUEUE_NAME = "snn-sweep";
/** How long a worker's lock on a job lasts unless renewed (it renews every half of it while the job runs). */
export const DEFAULT_LOCK_MS = 60_000;
/** Attempts of a failing job before it is reported as failed. */
export const JOB_ATTEMPTS = 3;
/** A job whose worker stopped renewing its lock (killed, disconnected) is handed to another worker up to this often. */
export const MAX_STALLED = 5;
/** Finished jobs (and their records) stay in Redis this long, so a restarted submitter can still collect them. */
export const KEEP_FINISHED_SECONDS = 30 * 24 * 3600;

export interface RunJobData {
  config: RunConfig;
  /** Snapshot amounts the submitter already has. */
  skip: number[];
}

export interface RunJobProgress {
  phase: "train" | "labels" | "test";
  done: number;
  total: number;
  records: RunRecord[];
  provenance: Provenance;
}

export interface RunJobResult {
  records: RunRecord[];
  provenance: Provenance;
}

/** The job id of a run (not all digits: BullMQ reserves numeric ids). */
export function jobId(config: RunConfig): string {
  return `run-${runId(config)}`;
}
