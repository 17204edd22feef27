/**
 * The thread of one slice of a split network (splitNetwork.ts): restores its slice's network, meets the other slices
 * on the shared coupling while presenting, and answers each request on its port (then bumps its answer counter, which
 * the calling thread waits on, as it blocks while presenting its own slice). It waits for requests on a shared
 * counter, spinning a while before it sleeps, rather than in its event loop: waking a sleeping thread takes longer
 * than a presentation's first steps.
 */
import { receiveMessageOnPort, workerData } from "node:worker_threads";
import { DecisionWindows, reuseDecisionWindows } from "../core/decision";
import { Network } from "../core/network";
import { SharedCoupling } from "../core/sharedCoupling";
import { awaitSignal, FromSlice, signalCells, SliceWorkerData, ToSlice } from "./splitNetwork";

const data = workerData as SliceWorkerData | undefined;
if (!data || data.entry !== "sliceWorker") throw new Error("sliceWorker.ts must run in a thread splitNetwork.ts starts");
const { port, index, slices } = data;
const signals = new Int32Array(data.signals);
const cells = signalCells(slices);
const coupling = new SharedCoupling(data.coupling, slices, index, data.spins);
process.on("exit", () => {
  Atomics.store(signals, cells.exited + index, 1);
  Atomics.notify(signals, cells.answers + index);
});

function answer(m: FromSlice): void {
  port.postMessage(m);
  Atomics.add(signals, cells.answers + index, 1);
  Atomics.notify(signals, cells.answers + index);
}

function failed(e: unknown): void {
  coupling.break();
  answer({ type: "error", message: e instanceof Error ? e.message : String(e) });
}

let net: Network | undefined;
try {
  net = Network.fromState(data.state, data.kernels, undefined, coupling);
  answer({ type: "ready" });
} catch (e) {
  failed(e);
}

/** This slice's decision windows (kept while the steps asked for stay the same). */
let windows: DecisionWindows | undefined;

function handle(m: ToSlice): void {
  try {
    if (!net) throw new Error("the slice's network was not restored");
    if (m.type === "present") {
      const w = m.windowSteps ? (windows = reuseDecisionWindows(windows, m.windowSteps, net.neurons, net.derived.presentSteps)) : undefined;
      net.present(m.pixels, m.learn, undefined, w);
      answer({ type: "presented", counts: net.counts.slice(0, net.neurons), totals: { ...net.totals }, ...(w ? { windows: w } : {}) });
    } else if (m.type === "export") {
      answer({ type: "state", state: net.exportState() });
    } else if (m.type === "close") {
      port.close();
      process.exit(0);
    }
  } catch (e) {
    failed(e);
  }
}

// requests, in the order sent, until the thread is terminated
for (let handled = 0; ; ) {
  awaitSignal(signals, cells.requests + index, handled);
  const got = receiveMessageOnPort(port);
  if (!got) continue;
  handled++;
  handle(got.message as ToSlice);
}
