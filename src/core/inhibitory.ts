/**
 * The inhibitory layer, updated only when it has something to do. Inhibitory neuron j receives input only from
 * excitatory neuron j, so at most a few are away from rest at any time: they sit in an active list and are integrated
 * each step; the others relax to rest in closed form, v(t) = vRest + (v0 - vRest) * f^(t - t0), evaluated when they
 * are next activated (f = 1 - dt/tau for the Euler-integrated conductance model, exp(-dt/tau) for the current model).
 * State in f64.
 */
import { Derived } from "./derived";
import { IndexSet } from "./indexSet";
import { InhibitoryParams, NeuronModel } from "./params";

/** Below this input (conductance or pending current) an inhibitory neuron is treated as unstimulated. */
export const QUIET_INPUT = 1e-9;

export class InhibitoryLayer {
  readonly v: Float64Array;
  /** Conductance (conductance model) or pending input current in mV (current model). */
  readonly input: Float64Array;
  readonly refUntil: Int32Array;
  /** Step at which v of an inactive neuron was last exact. */
  readonly since: Int32Array;
  /** The neurons integrated each step. */
  readonly active: IndexSet;
  private readonly relax: number;

  /** The conductance model's excitatory reversal potential (unused by the current model). */
  private readonly eExcMv: number;

  constructor(readonly size: number, readonly model: NeuronModel, readonly p: Readonly<InhibitoryParams & { eExcMv?: number }>, readonly d: Derived) {
    this.eExcMv = p.eExcMv ?? 0;
    this.v = new Float64Array(size).fill(p.vRestMv);
    this.input = new Float64Array(size);
    this.refUntil = new Int32Array(size);
    this.since = new Int32Array(size);
    this.active = new IndexSet(size);
    this.relax = model === "conductance" ? 1 - d.inhEuler : d.inhDecay;
  }

  /** Neuron j's membrane potential at step t (an inactive neuron's by its closed-form relaxation; read-only). */
  voltageAt(j: number, t: number): number {
    return this.active.has(j) ? this.v[j] : this.p.vRestMv + (this.v[j] - this.p.vRestMv) * Math.pow(this.relax, t - this.since[j]);
  }

  /** Neuron j receives `weight` before it is next integrated at step `t`. */
  receive(j: number, weight: number, t: number): void {
    if (!this.active.has(j)) {
      this.v[j] = this.p.vRestMv + (this.v[j] - this.p.vRestMv) * Math.pow(this.relax, t - this.since[j]);
      this.active.add(j);
    }
    this.input[j] += weight;
  }

  /** Integrate the active neurons for step t; write spiking indices to `out`; return their count. */
  step(t: number, out: Int32Array): number {
    const { v, input, refUntil, p, d } = this;
    const conductance = this.model === "conductance";
    const { list, member } = this.active;
    let n = 0;
    let kept = 0;
    for (let a = 0; a < this.active.count; a++) {
      const j = list[a];
      let vn: number;
      if (conductance) {
        vn = t >= refUntil[j] ? v[j] + d.inhEuler * ((p.vRestMv - v[j]) + input[j] * (this.eExcMv - v[j])) : v[j];
        input[j] *= d.inhGeDecay;
      } else {
        vn = p.vRestMv + (v[j] - p.vRestMv) * d.inhDecay;
        if (t >= refUntil[j]) vn += input[j];
        input[j] = 0;
      }
      const spikes = conductance ? t >= refUntil[j] && vn > p.vThreshMv : vn >= p.vThreshMv;
      if (spikes) {
        vn = p.vResetMv;
        refUntil[j] = t + d.inhRefractorySteps + 1;
        out[n++] = j;
      }
      v[j] = vn;
      if (t + 1 >= refUntil[j] && Math.abs(input[j]) < QUIET_INPUT) {
        member[j] = 0;
        this.since[j] = t + 1;
        input[j] = 0;
      } else {
        list[kept++] = j;
      }
    }
    this.active.count = kept;
    return n;
  }

  /** Back to rest, nothing active (BindsNET's reset after each digit). */
  reset(): void {
    this.v.fill(this.p.vRestMv);
    this.input.fill(0);
    this.refUntil.fill(0);
    this.since.fill(0);
    this.active.clear();
  }

  /** Shift every step stamp by -shift (keeps step numbers small on very long runs). */
  rebase(shift: number): void {
    for (let j = 0; j < this.size; j++) {
      this.refUntil[j] = Math.max(0, this.refUntil[j] - shift);
      this.since[j] -= shift;
    }
  }
}
