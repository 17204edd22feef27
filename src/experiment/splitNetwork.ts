/**
 * One network split across K threads (issue 20): each thread runs a slice of the excitatory neurons (their weight
 * columns, state, plasticity and normalisation) with their inhibitory partners, and the slices meet on shared memory
 * once per two steps for the steps' inhibitory spike counts (core/coupling.ts, core/sharedCoupling.ts). The calling thread
 * runs slice 0 itself and K - 1 worker threads run the others (sliceWorker.ts), so `present` is synchronous, as
 * Network's is. Every slice computes the same bits the whole network would (test/experiment/splitNetwork.test.ts
 * compares them for every preset and rule, with input delays), and exportState joins the slices into the whole
 * network's state (core/sliceState.ts), which a Network continues from exactly.
 *
 * Each slice draws the presentation's input spikes itself from the same random stream (the same spikes in every
 * slice), rather than one thread drawing them for all. Close the network when done (close()); its threads do not keep
 * the process alive.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { createDecisionWindows, DecisionWindows, reuseDecisionWindows } from "../core/decision";
import { KernelKind } from "../core/kernels";
import { checkPresentArguments, Network, NetworkLike, NetworkOptions, NetworkState, PresentResult, Recording } from "../core/network";
import { Preset } from "../core/params";
import { createCouplingBuffer, SharedCoupling } from "../core/sharedCoupling";
import { Totals } from "../core/simulation";
import { joinStates, joinTotals, sliceRanges, sliceState } from "../core/sliceState";

const WORKER_ENTRY = join(__dirname, "worker-entry.js");

/** Tries before sleeping at a meeting when there are more threads than cores. */
const OVERSUBSCRIBED_SPINS = 64;

/**
 * Where a slice's cells start in SliceWorkerData.signals (threads cells each): the requests sent to it so far, the
 * answers it has posted so far, and 1 once its thread has exited.
 */
export function signalCells(threads: number): { requests: number; answers: number; exited: number } {
  return { requests: 0, answers: threads, exited: 2 * threads };
}

/** Tries before a thread waiting for a request or an answer sleeps (a request usually follows within milliseconds). */
export const SIGNAL_SPINS = 1 << 20;

/** Wait until cell `at` of `signals` differs from `seen` (spinning first, then sleeping), or `stop()` says so. */
export function awaitSignal(signals: Int32Array, at: number, seen: number, stop: () => boolean = () => false): void {
  for (let tries = 0; Atomics.load(signals, at) === seen; tries++) {
    if (tries < SIGNAL_SPINS) continue;
    if (stop()) return;
    Atomics.wait(signals, at, seen, 1000);
  }
}

/** What a slice's thread is asked to do (sliceWorker.ts). */
export type ToSlice =
  | { type: "present"; pixels: Uint8Array; learn: boolean; windowSteps?: number[] }
  | { type: "export" }
  | { type: "close" };

/** A slice's decision windows after a presentation (DecisionWindows without the steps). */
export interface SliceWindows {
  counts: Int32Array;
  inputSpikes: Float64Array;
  excSpikes: Float64Array;
  inhSpikes: Float64Array;
  start: { input: number; exc: number; inh: number };
}

/** What a slice's thread answers. */
export type FromSlice =
  | { type: "ready" }
  | { type: "presented"; counts: Int32Array; totals: Totals; windows?: SliceWindows }
  | { type: "state"; state: NetworkState }
  | { type: "error"; message: string };

/** What a slice's thread starts with. */
export interface SliceWorkerData {
  entry: "sliceWorker";
  port: MessagePort;
  /** Int32 cells per slice (signalCells): requests sent, answers posted, exited. */
  signals: SharedArrayBuffer;
  coupling: SharedArrayBuffer;
  /** Tries before a slice waiting at a meeting sleeps (SharedCoupling). */
  spins: number;
  slices: number;
  index: number;
  state: NetworkState;
  kernels?: KernelKind;
}

export interface SplitNetworkOptions extends Omit<NetworkOptions, "rule" | "coupling"> {
  /** Threads (slices), >= 1 and at most the neurons. 1: one slice in the calling thread, no meetings. */
  threads: number;
}

/** A thread running one slice. */
interface SliceThread {
  worker: Worker;
  port: MessagePort;
  /** Answers received so far (compared with the shared counter). */
  received: number;
}

export class SplitNetwork implements NetworkLike {
  readonly threads: number;
  /** The slices' neuron ranges [from, to), in slice order. */
  readonly ranges: readonly { from: number; to: number }[];
  /** Spike counts of the last presentation, per excitatory neuron (length np, as Network's). */
  readonly counts: Int32Array;
  readonly #own: Network;
  readonly #coupling: SharedCoupling;
  readonly #signals: Int32Array;
  /** Where the slices' cells start in #signals (signalCells). */
  readonly #cells: ReturnType<typeof signalCells>;
  readonly #slices: SliceThread[] = [];
  readonly #totals: Totals[];
  /** Slice 0's decision windows (reuseDecisionWindows). */
  #ownWindows?: DecisionWindows;
  #closed = false;

  /** A new network of options.neurons, initialised as Network initialises it, split across options.threads threads. */
  static create(options: SplitNetworkOptions): SplitNetwork {
    const { threads, ...rest } = options;
    return new SplitNetwork(new Network(rest).exportState(), threads, options.kernels);
  }

  /** Continue the network of `state` (Network.exportState or exportState here) on `threads` threads. */
  constructor(state: NetworkState, threads: number, kernels?: KernelKind) {
    if (!Number.isInteger(threads) || !(threads >= 1)) throw new RangeError(`SplitNetwork: threads must be an integer >= 1, got ${threads}`);
    if (threads > state.neurons) throw new RangeError(`SplitNetwork: ${threads} threads need at least ${threads} neurons, the network has ${state.neurons}`);
    const inhibition = state.preset.neuronModel === "conductance" ? state.preset.inhibition : undefined;
    if (threads > 1 && inhibition?.kind === "lattice") {
      throw new RangeError(`SplitNetwork: preset ${state.preset.name} has lattice inhibition, which does not run split across threads: use threads 1 (--threads 1)`);
    }
    this.threads = threads;
    this.ranges = sliceRanges(state.neurons, threads);
    const buffer = createCouplingBuffer(threads);
    // more threads than cores: a slice spinning at a meeting would hold the core the slice it waits for needs
    const spins = threads > availableParallelism() ? OVERSUBSCRIBED_SPINS : undefined;
    this.#coupling = new SharedCoupling(buffer, threads, 0, spins);
    this.#signals = new Int32Array(new SharedArrayBuffer(3 * 4 * threads));
    this.#cells = signalCells(threads);
    const parts = this.ranges.map((r, k) => sliceState(state, r.from, r.to, k));
    for (let k = 1; k < threads; k++) {
      const { port1, port2 } = new MessageChannel();
      const data: SliceWorkerData = {
        entry: "sliceWorker", port: port2, signals: this.#signals.buffer as SharedArrayBuffer, coupling: buffer, spins: this.#coupling.spins,
        slices: threads, index: k, state: parts[k], kernels,
      };
      const worker = new Worker(WORKER_ENTRY, { workerData: data, transferList: [port2] });
      worker.unref();
      port1.unref();
      this.#slices.push({ worker, port: port1, received: 0 });
    }
    this.#own = threads === 1 ? Network.fromState(parts[0], kernels) : Network.fromState(parts[0], kernels, undefined, this.#coupling);
    this.#totals = parts.map((p) => ({ ...p.totals }));
    this.counts = new Int32Array(state.neurons + ((4 - (state.neurons % 4)) % 4));
    const errors = this.#slices.map((s, k) => this.answer(s, k + 1)).filter((m) => m.type !== "ready");
    if (errors.length > 0) {
      void this.close();
      throw new Error(`SplitNetwork: a slice's thread did not start: ${errors.map((m) => (m.type === "error" ? m.message : m.type)).join("; ")}`);
    }
  }

  get neurons(): number {
    return this.ranges[this.threads - 1].to;
  }

  get preset(): Readonly<Preset> {
    return this.#own.preset;
  }

  get seed(): number {
    return this.#own.seed;
  }

  get kernelKind(): KernelKind {
    return this.#own.kernelKind;
  }

  /** The whole network's totals since construction (each slice's own spikes summed). */
  get totals(): Readonly<Totals> {
    return joinTotals(this.#totals);
  }

  /**
   * Present one digit, as Network.present does (the same result and counts, bit for bit). A recording of membrane
   * potentials needs a whole network (threads 1 or Network).
   */
  present(pixels: Uint8Array, learn: boolean, recording?: Recording, windows?: DecisionWindows): PresentResult {
    this.checkOpen();
    if (recording) throw new RangeError("SplitNetwork.present: recordings need a whole network: use Network or threads 1");
    checkPresentArguments("SplitNetwork.present", this.neurons, pixels, windows);
    const windowSteps = windows ? [...windows.steps] : undefined;
    // a copy of the digit's 784 bytes: a message clones a view's whole buffer (a data set's images: megabytes)
    const digit = pixels.slice();
    this.#slices.forEach((_, k) => this.request(k + 1, { type: "present", pixels: digit, learn, windowSteps }));
    // slice 0's windows, kept while the steps stay the same
    if (windowSteps) this.#ownWindows = reuseDecisionWindows(this.#ownWindows, windowSteps, this.ranges[0].to, this.#own.derived.presentSteps);
    const own = windowSteps ? this.#ownWindows : undefined;
    let result: PresentResult | undefined;
    let failure: unknown;
    try {
      result = this.#own.present(pixels, learn, undefined, own);
    } catch (e) {
      failure = e;
      this.#coupling.break();
    }
    const answers = this.#slices.map((s, k) => this.answer(s, k + 1));
    this.failIf(failure, answers);
    const ownCounts = this.#own.counts;
    this.counts.set(ownCounts.subarray(0, this.ranges[0].to));
    this.#totals[0] = { ...this.#own.totals };
    answers.forEach((m, k) => {
      if (m.type !== "presented") return;
      this.counts.set(m.counts, this.ranges[k + 1].from);
      this.#totals[k + 1] = m.totals;
    });
    if (windows) this.joinWindows(windows, own!, answers);
    return result!;
  }

  /** Decision windows ending `ms` into a presentation, for present() (Network.decisionWindows). */
  decisionWindows(ms: readonly number[]): DecisionWindows {
    const steps = this.#own.decisionWindows(ms).steps;
    return createDecisionWindows(steps, this.neurons, this.#own.derived.presentSteps);
  }

  /** The whole network's state (at a digit boundary): a Network.fromState continues it exactly. */
  exportState(): NetworkState {
    this.checkOpen();
    this.#slices.forEach((_, k) => this.request(k + 1, { type: "export" }));
    const own = this.#own.exportState();
    const answers = this.#slices.map((s, k) => this.answer(s, k + 1));
    this.failIf(undefined, answers);
    return joinStates([own, ...answers.map((m) => (m as Extract<FromSlice, { type: "state" }>).state)]);
  }

  /** An independent copy on as many threads (its own), that continues exactly as this network would. */
  clone(kernels?: KernelKind): SplitNetwork {
    return new SplitNetwork(this.exportState(), this.threads, kernels ?? this.kernelKind);
  }

  /**
   * Stop the slices' threads (the network cannot present after this). They end at once, without waiting for the
   * calling thread's event loop; the promise resolves when they have.
   */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#slices.forEach((_, k) => this.request(k + 1, { type: "close" }));
    for (const s of this.#slices) s.port.close();
    return Promise.all(this.#slices.map((s) => s.worker.terminate())).then(() => undefined);
  }

  private checkOpen(): void {
    if (this.#closed) throw new Error("SplitNetwork: closed (make a new one, or clone before closing)");
  }

  /** The whole network's windows from the slices': counts side by side, spikes summed, input spikes slice 0's. */
  private joinWindows(whole: DecisionWindows, own: DecisionWindows, answers: FromSlice[]): void {
    const parts: SliceWindows[] = [own, ...answers.map((m) => (m as Extract<FromSlice, { type: "presented" }>).windows!)];
    const n = this.neurons;
    for (let k = 0; k < whole.steps.length; k++) {
      whole.inputSpikes[k] = own.inputSpikes[k];
      whole.excSpikes[k] = 0;
      whole.inhSpikes[k] = 0;
      parts.forEach((p, q) => {
        const { from, to } = this.ranges[q], width = to - from;
        whole.counts.set(p.counts.subarray(k * width, (k + 1) * width), k * n + from);
        whole.excSpikes[k] += p.excSpikes[k];
        whole.inhSpikes[k] += p.inhSpikes[k];
      });
    }
    whole.start.input = own.start.input;
    whole.start.exc = parts.reduce((s, p) => s + p.start.exc, 0);
    whole.start.inh = parts.reduce((s, p) => s + p.start.inh, 0);
  }

  /** Send slice `index` a request (its thread waits on the request counter, not on its event loop). */
  private request(index: number, m: ToSlice): void {
    this.#slices[index - 1].port.postMessage(m);
    const at = this.#cells.requests + index;
    Atomics.add(this.#signals, at, 1);
    Atomics.notify(this.#signals, at);
  }

  /** Wait for slice `index`'s next answer. */
  private answer(s: SliceThread, index: number): FromSlice {
    const cells = this.#cells, signals = this.#signals;
    const exited = () => Atomics.load(signals, cells.exited + index) === 1;
    for (;;) {
      const got = receiveMessageOnPort(s.port);
      if (got) {
        s.received++;
        return got.message as FromSlice;
      }
      if (exited()) {
        this.#coupling.break();
        return { type: "error", message: "its thread stopped (see the error it printed)" };
      }
      awaitSignal(signals, cells.answers + index, s.received, exited);
    }
  }

  /** Throw the first failure: this thread's own, else a slice's (the others then only report the broken coupling). */
  private failIf(own: unknown, answers: FromSlice[]): void {
    const errors = answers.flatMap((m, k) => (m.type === "error" ? [`slice ${k + 1}: ${m.message}`] : []));
    if (own === undefined && errors.length === 0) return;
    void this.close();
    const first = errors.find((e) => !e.includes("another slice of the network failed")) ?? errors[0];
    if (own !== undefined && !(own instanceof Error && own.message.includes("another slice of the network failed"))) throw own;
    throw new Error(`SplitNetwork: ${first ?? String(own)}`);
  }
}
