/**
 * Checkpoints of running experiments: after each evaluated snapshot the training network is saved to
 * `<dir>/checkpoints/<runId>.snn` (atomically: temporary file, then rename), so a run that is killed resumes from its
 * last snapshot instead of from scratch. A loaded network continues exactly as the saved one would have, so resumed
 * runs give the same records. The checkpoint is deleted when its run completes; with `keepNetwork` the trained network
 * is then saved to `<dir>/networks/<runId>.snn` (loadNetwork reads it), for analysis after the run. A damaged
 * checkpoint is set aside and reported, never resumed from.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { makeDirs } from "../core/files";
import { join } from "node:path";
import { Network, NetworkState } from "../core/network";
import { decodeNetworkState, encodeNetworkState, saveNetwork } from "../core/snapshot";

export interface Checkpointer {
  /** The saved state, if any (its totals.digits = training digits seen; meta.trainSeconds = time spent training). */
  load(): NetworkState | undefined;
  save(net: Network, trainSeconds: number): void;
  /** The run is complete (`net`: the trained network): remove its checkpoint. */
  done(net: Network): void;
}

/** Where a damaged checkpoint is reported by default (the sweep's and train's stderr). */
const warn = (message: string): void => console.warn(`checkpoint: ${message}`);

/**
 * Checkpoints of one run in `dir`. A checkpoint that fails to load (checksum, header or values: snapshot.ts) is
 * renamed to `<runId>.snn.corrupt-<time>`, reported (`onCorrupt`, default: stderr) and the run starts from scratch.
 */
export function fileCheckpointer(dir: string, runId: string, options: { keepNetwork?: boolean; onCorrupt?: (message: string) => void } = {}): Checkpointer {
  const folder = join(dir, "checkpoints");
  const path = join(folder, `${runId}.snn`);
  return {
    load() {
      if (!existsSync(path)) return undefined;
      try {
        return decodeNetworkState(readFileSync(path), path);
      } catch (e) {
        // never resume from a damaged file: keep it for inspection under another name and start the run again
        const aside = `${path}.corrupt-${Date.now()}`;
        renameSync(path, aside);
        (options.onCorrupt ?? warn)(`${(e as Error).message}; set aside as ${aside}, the run starts again from its beginning`);
        return undefined;
      }
    },
    save(net, trainSeconds) {
      makeDirs(folder);
      const state = net.exportState();
      state.meta = { trainSeconds };
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, encodeNetworkState(state));
      renameSync(tmp, path);
    },
    done(net) {
      if (options.keepNetwork) {
        saveNetwork(net, join(dir, "networks", `${runId}.snn`));
      }
      rmSync(path, { force: true });
    },
  };
}
