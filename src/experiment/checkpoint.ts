/**
 * Checkpoints of running experiments: after each evaluated snapshot the training network is saved to
 * `<dir>/checkpoints/<runId>.snn` (atomically: temporary file, then rename), so a run that is killed resumes from its
 * last snapshot instead of from scratch. A loaded network continues exactly as the saved one would have, so resumed
 * runs give the same records. The one before is kept as `<runId>.previous.snn`: a damaged latest checkpoint is set
 * aside and reported, never resumed from, and the run resumes from the previous one (from its beginning only when both
 * are damaged). The checkpoints are deleted when their run completes; with `keepNetwork` the trained network is then
 * saved to `<dir>/networks/<runId>.snn` (loadNetwork reads it), for analysis after the run. A snapshot handed to an evaluation thread (evaluator.ts) is
 * kept beside the checkpoint as `<runId>.at-<digits>.snn` until its record exists, so that a killed run can evaluate it
 * again when it resumes past it.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { makeDirs } from "../core/files";
import { join } from "node:path";
import { NetworkLike, NetworkState } from "../core/network";
import { decodeNetworkState, encodeNetworkState, saveNetwork } from "../core/snapshot";

export interface Checkpointer {
  /** The saved state, if any (its totals.digits = training digits seen; meta.trainSeconds = time spent training). */
  load(): NetworkState | undefined;
  save(net: NetworkLike, trainSeconds: number): void;
  /** The run is complete (`net`: the trained network): remove its checkpoint (and any kept snapshot). */
  done(net: NetworkLike): void;
  /** Keep a snapshot (its totals.digits = the amount) until dropPending: its evaluation runs beside training. */
  savePending?(state: NetworkState): void;
  /** The kept snapshots (any order; a damaged one is set aside and left out). */
  pending?(): NetworkState[];
  /** The snapshot at `amount` digits has its record: forget it. */
  dropPending?(amount: number): void;
}

/** Where a damaged checkpoint is reported by default (the sweep's and train's stderr). */
const warn = (message: string): void => console.warn(`checkpoint: ${message}`);

/**
 * Checkpoints of one run in `dir`. A checkpoint that fails to load (checksum, header or values: snapshot.ts) is
 * renamed to `<runId>.snn.corrupt-<time>` and reported (`onCorrupt`, default: stderr); the run resumes from the
 * previous checkpoint, or starts from scratch when that one is damaged or absent too.
 */
export function fileCheckpointer(dir: string, runId: string, options: { keepNetwork?: boolean; onCorrupt?: (message: string) => void } = {}): Checkpointer {
  const folder = join(dir, "checkpoints");
  const path = join(folder, `${runId}.snn`);
  const previous = join(folder, `${runId}.previous.snn`);
  const pendingPath = (amount: number) => join(folder, `${runId}.at-${amount}.snn`);
  const pendingFiles = () => existsSync(folder)
    ? readdirSync(folder).filter((f) => f.startsWith(`${runId}.at-`) && f.endsWith(".snn")).map((f) => join(folder, f)) : [];
  const read = (file: string): NetworkState | undefined => {
    try {
      return decodeNetworkState(readFileSync(file), file);
    } catch (e) {
      // never resume from a damaged file: keep it for inspection under another name
      const aside = `${file}.corrupt-${Date.now()}`;
      renameSync(file, aside);
      const next = file === path ? (existsSync(previous) ? "the run resumes from the checkpoint before it" : "the run starts again from its beginning")
        : file === previous ? "the run starts again from its beginning" : "its snapshot is evaluated again after training reaches it";
      (options.onCorrupt ?? warn)(`${(e as Error).message}; set aside as ${aside}, ${next}`);
      return undefined;
    }
  };
  const write = (file: string, state: NetworkState, keepAs?: string) => {
    makeDirs(folder);
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, encodeNetworkState(state));
    if (keepAs !== undefined && existsSync(file)) renameSync(file, keepAs); // the last good one stays until replaced
    renameSync(tmp, file);
  };
  return {
    load: () => (existsSync(path) ? read(path) : undefined) ?? (existsSync(previous) ? read(previous) : undefined),
    save(net, trainSeconds) {
      const state = net.exportState();
      state.meta = { trainSeconds };
      write(path, state, previous);
    },
    done(net) {
      if (options.keepNetwork) {
        saveNetwork(net, join(dir, "networks", `${runId}.snn`));
      }
      for (const file of pendingFiles()) rmSync(file, { force: true });
      rmSync(path, { force: true });
      rmSync(previous, { force: true });
    },
    savePending: (state) => write(pendingPath(state.totals.digits), state),
    pending: () => pendingFiles().map(read).filter((s): s is NetworkState => s !== undefined),
    dropPending: (amount) => rmSync(pendingPath(amount), { force: true }),
  };
}
