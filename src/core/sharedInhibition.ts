/**
 * All-but-self lateral inhibition of the conductance model in O(1) per inhibitory spike. Every inhibitory spike k
 * raises gi of every excitatory neuron except k by the same weight, so gi_j = G - S_j: one shared conductance G (all
 * inhibitory spikes) minus neuron j's own share S_j (its partner's spikes), which is non-zero for a few neurons only.
 * The excitatory kernel runs with G for everybody; while some neurons are self-inhibited, stepConductanceSelf hides
 * them from the vector loop (threshold +inf) and then updates them with their own gi by the same f32 formula. G and every S_j decay by exp(-dt / tau_gi) per step;
 * below GI_NEGLIGIBLE they are dropped (and the kernel without the gi term is used).
 */
import { Derived } from "./derived";
import { IndexSet } from "./indexSet";
import { Kernels } from "./kernels";
import { LatticeInhibition } from "./lattice";
import { Layout } from "./state";
import { BlockView, CONDUCTANCE_BLOCK, FieldOf } from "./wasm/layout";

/** The conductance block and the slots of its step fields (blocks.ts KernelBlocks provides them). */
interface StepBlock {
  readonly conductance: BlockView<FieldOf<typeof CONDUCTANCE_BLOCK>>;
  readonly at: { readonly step: Readonly<Record<"gi" | "gShared" | "selfCount", number>> };
}


/**
 * While the inhibitory conductance is below this bound the kernel skips the gi term: its whole remaining effect on v
 * is below 1e-5 * 60 mV * dt/tau_m * tau_gi/dt ~ 1.2e-8 mV, far below the f32 resolution of v (3.8e-6 mV near -60 mV).
 */
export const GI_NEGLIGIBLE = 1e-5;

export class SharedInhibition {
  /** The shared conductance G. */
  g = 0;
  /** Self-inhibited neurons and their own share S_j (f64). */
  readonly self: IndexSet;
  readonly selfGi: Float64Array;
  constructor(neurons: number, private readonly layout: Layout, private readonly kernels: Kernels,
    private readonly blocks: StepBlock, private readonly d: Derived) {
    this.self = new IndexSet(neurons);
    this.selfGi = new Float64Array(neurons);
  }

  get active(): boolean {
    return this.g > GI_NEGLIGIBLE;
  }

  /** Inhibitory neuron k spiked: every excitatory neuron but k receives `weight` (G += weight, S_k += weight). */
  receive(k: number, weight: number): void {
    this.g += weight;
    this.selfGi[k] += weight;
    this.self.add(k);
  }

  /** Inhibitory neuron k spiked, on a lattice below its cap: G += the cap, S_j += the cap's shortfall (lattice.ts). */
  receiveRow(k: number, lattice: LatticeInhibition): void {
    this.g += lattice.deliver(k, this.self, this.selfGi);
  }

  clear(): void {
    for (let r = 0; r < this.self.count; r++) this.selfGi[this.self.list[r]] = 0;
    this.self.clear();
    this.g = 0;
  }

  /**
   * The excitatory step with inhibition on, for the input the conductance block holds (idx, count, m: see
   * Kernels.stepConductance). Returns the number of spikes in state.spikesOut.
   */
  step(): number {
    const { kernels, layout, blocks: { conductance: block, at: { step: at } } } = this;
    const { state } = layout;
    const { list, member, count } = this.self;
    const d = this.d;
    block.f32[at.gi] = this.g;
    let n: number;
    if (count === 0) {
      n = kernels.stepConductance(block.address);
    } else {
      for (let r = 0; r < count; r++) {
        state.selfIdx[r] = list[r];
        state.selfGi[r] = this.selfGi[list[r]];
      }
      block.i32[at.selfCount] = count;
      block.f64[at.gShared] = this.g;
      n = kernels.stepConductanceSelf(block.address);
    }
    let kept = 0;
    for (let r = 0; r < count; r++) {
      const j = list[r];
      this.selfGi[j] *= d.giDecay;
      if (this.selfGi[j] > GI_NEGLIGIBLE) list[kept++] = j;
      else {
        this.selfGi[j] = 0;
        member[j] = 0;
      }
    }
    this.self.count = kept;
    this.g *= d.giDecay;
    if (this.g <= GI_NEGLIGIBLE) this.clear();
    return n;
  }
}
