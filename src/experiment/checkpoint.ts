/**
 * Checkpoints of running experiments: after each evaluated snapshot the training network is saved to
 * `<dir>/checkpoints/<runId>.snn` (atomically: temporary file, then rename), so a run that is killed resumes from its
 * last snapshot instead of from scratch. A loaded network continues exactly as the saved one would have, so resumed
 * runs give the same records. The checkpoint is deleted when its run completes; with `keepNetwork` the trained network
 * is then saved to `<dir>/networks/<runId>.snn` (loadNetwork reads it), for analysis after the run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

export function fileCheckpointer(dir: string, runId: string, options: { keepNetwork?: boolean } = {}): Checkpointer {
  const folder = join(dir, "checkpoints");
  const path = join(folder, `${runId}.snn`);
  return {
    load() {
      if (!existsSync(path)) return undefined;
      return decodeNetworkState(readFileSync(path), path);
    },
    save(net, trainSeconds) {
      mkdirSync(folder, { recursive: true });
      const state = net.exportState();
      state.meta = { trainSeconds };
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, encodeNetworkState(state));
      renameSync(tmp, path);
    },
    done(net) {
      if (options.keepNetwork) {
        mkdirSync(join(dir, "networks"), { recursive: true });
        saveNetwork(net, join(dir, "networks", `${runId}.snn`));
      }
      rmSync(path, { force: true });
    },
  };
}
