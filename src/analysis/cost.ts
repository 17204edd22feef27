/**
 * What a classification costs, in synaptic operations (SynOps): every spike delivered to each of its targets, as the
 * gradient frameworks' SynOps counters count them. In this network (docs/cost.md):
 *   input -> excitatory     all to all: each input spike reaches every excitatory neuron       (fan-out N)
 *   excitatory -> inhibitory one to one: each excitatory spike reaches its inhibitory partner   (fan-out 1)
 *   inhibitory -> excitatory all but self: each inhibitory spike reaches N - 1 excitatory ones (fan-out N - 1)
 */

export interface SpikeCounts {
  inputSpikes: number;
  excSpikes: number;
  inhSpikes: number;
}

/** SynOps of these spikes in a network of `neurons` excitatory (and as many inhibitory) neurons. */
export function synOps(s: SpikeCounts, neurons: number): number {
  return s.inputSpikes * neurons + s.excSpikes + s.inhSpikes * (neurons - 1);
}
