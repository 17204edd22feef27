/**
 * A state monitor (as Brian2's StateMonitor, BindsNET's Monitor): chosen variables of chosen neurons of either layer,
 * every `every` steps of every presentation while it is attached (Network.monitor), across as many presentations as
 * the caller runs. Attached, presentations run step by step in TypeScript (the WASM loop does not stop between
 * events); detached, it costs nothing. Rest periods are not recorded.
 *
 * Variables: excitatory v, ge, gi (the inhibitory conductance the neuron feels: G - S_j; conductance model), theta,
 * threshold (the spike threshold, vThresh + theta - offset, +inf while refractory), post1 (the post-synaptic trace the
 * rule's depression reads); inhibitory v and ge (its input conductance, or pending current in the current model).
 */
/** What a monitor reads of a running network (simulation.ts Simulation has it; named here, not imported, so the two
 * modules do not import each other). */
interface MonitoredNetwork {
  readonly t: number;
  readonly state: { readonly v: ArrayLike<number>; readonly ge: ArrayLike<number>; readonly theta: ArrayLike<number>; readonly thr: ArrayLike<number> };
  readonly inhibition: { readonly g: number; readonly selfGi: ArrayLike<number> };
  readonly inhibitory: { readonly input: ArrayLike<number>; voltageAt(j: number, t: number): number };
  readonly plasticity: { readonly lastPost: ArrayLike<number> };
  readonly derived: { readonly post1Pow: ArrayLike<number> };
}

export type MonitorLayer = "excitatory" | "inhibitory";
export type MonitorVariable = "v" | "ge" | "gi" | "theta" | "threshold" | "post1";

export interface MonitorOptions {
  /** Neuron indices of the layer (each within the network). */
  neurons: readonly number[];
  variables: readonly MonitorVariable[];
  layer?: MonitorLayer;
  /** Record every this many steps (default 1). */
  every?: number;
}

const ALLOWED: Record<MonitorLayer, readonly MonitorVariable[]> = {
  excitatory: ["v", "ge", "gi", "theta", "threshold", "post1"],
  inhibitory: ["v", "ge"],
};

export class StateMonitor {
  readonly neurons: readonly number[];
  readonly variables: readonly MonitorVariable[];
  readonly layer: MonitorLayer;
  readonly every: number;
  /** Per sample: the presentation (counted from 0 since attaching), its step, and the network's step t. */
  readonly presentation: number[] = [];
  readonly step: number[] = [];
  /** values[variable][sample * neurons.length + q]: the q-th monitored neuron at that sample. */
  readonly values: Record<string, number[]> = {};
  #presentations = -1;

  constructor(options: MonitorOptions, neuronCount: number, model: "conductance" | "current") {
    const layer = options.layer ?? "excitatory";
    if (!(layer in ALLOWED)) throw new RangeError(`monitor: layer must be "excitatory" or "inhibitory", got ${JSON.stringify(layer)}`);
    if (options.neurons.length === 0) throw new RangeError("monitor: give at least one neuron");
    for (const j of options.neurons) {
      if (!(Number.isInteger(j) && j >= 0 && j < neuronCount)) throw new RangeError(`monitor: neuron ${j} is outside the network's ${neuronCount}`);
    }
    if (options.variables.length === 0) throw new RangeError("monitor: give at least one variable");
    for (const v of options.variables) {
      if (!ALLOWED[layer].includes(v)) throw new RangeError(`monitor: the ${layer} layer has no variable "${v}" (it has ${ALLOWED[layer].join(", ")})`);
      if (v === "gi" && model !== "conductance") throw new RangeError("monitor: gi is the conductance model's (the current model subtracts inhibition from v)");
    }
    const every = options.every ?? 1;
    if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`monitor: every must be a whole number >= 1, got ${every}`);
    this.neurons = [...options.neurons];
    this.variables = [...options.variables];
    this.layer = layer;
    this.every = every;
    for (const v of this.variables) this.values[v] = [];
  }

  /** Samples recorded so far. */
  get samples(): number {
    return this.step.length;
  }

  /** The series of one neuron (its index among `neurons`) and variable, one value per sample. */
  series(variable: MonitorVariable, q: number): number[] {
    const all = this.values[variable];
    if (!all) throw new RangeError(`monitor: "${variable}" is not monitored (${this.variables.join(", ")})`);
    const n = this.neurons.length;
    return Array.from({ length: this.samples }, (_, k) => all[k * n + q]);
  }

  /** A presentation starts (presentation.ts). */
  startPresentation(): void {
    this.#presentations++;
  }

  /** After step s of the presentation (presentation.ts): sample it when s is a multiple of `every`. */
  record(sim: MonitoredNetwork, s: number): void {
    if (s % this.every !== 0) return;
    this.presentation.push(this.#presentations);
    this.step.push(s);
    const t = sim.t;
    for (const variable of this.variables) {
      const out = this.values[variable];
      for (const j of this.neurons) out.push(this.valueOf(sim, variable, j, t));
    }
  }

  private valueOf(sim: MonitoredNetwork, variable: MonitorVariable, j: number, t: number): number {
    if (this.layer === "inhibitory") return variable === "v" ? sim.inhibitory.voltageAt(j, t) : sim.inhibitory.input[j];
    switch (variable) {
      case "v": return sim.state.v[j];
      case "ge": return sim.state.ge[j];
      case "gi": return sim.inhibition.g - sim.inhibition.selfGi[j];
      case "theta": return sim.state.theta[j];
      case "threshold": return sim.state.thr[j];
      case "post1": {
        const k = t - sim.plasticity.lastPost[j];
        const table = sim.derived.post1Pow;
        return k >= 0 && k < table.length ? table[k] : 0;
      }
    }
  }
}
