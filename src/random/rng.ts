/**
 * Seeded pseudo-random numbers, never the global unseeded generator: every stream is derived from the run's seed and
 * a purpose string, so that changing how one purpose draws numbers (weights, input spikes, shuffling) does not shift
 * the others.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, 128-bit state, period >= 2^32, passes
 * PractRand to 2^40+), seeded through a murmur3-style mixer so that nearby seeds give unrelated streams.
 *
 * @example
 *   const rng = createRng(deriveSeed(1, "input-spikes"));
 *   rng.nextFloat(); // uniform in [0, 1)
 */

export interface Rng {
  /** Uniform unsigned 32-bit integer. */
  nextU32(): number;
  /** Uniform float in [0, 1) with 32 random bits. */
  nextFloat(): number;
  /** Uniform integer in [0, n), 1 <= n <= 2^21 (Lemire's multiply-shift with rejection: exactly uniform). */
  nextInt(n: number): number;
  /** The generator's state (4 x u32) for saving and restoring. */
  state(): Uint32Array;
  /** Continue from a state returned by state(). */
  restore(state: ArrayLike<number>): void;
  /**
   * The live sfc32 state words, for hot loops that inline the generator (as PoissonInput.placeSpikes does): read
   * them into locals, step exactly as nextU32 does, write them back.
   */
  readonly words: Int32Array;
}

/** murmur3's 32-bit finaliser: a bijective mix of one 32-bit word. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The seed of one purpose's stream, derived from a run's seed.
 * @param seed an integer in [0, 2^32)
 * @param purpose a name such as "weights", "input-spikes" or "shuffle"
 */
export function deriveSeed(seed: number, purpose: string): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`deriveSeed: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  return mix32(mix32(seed ^ 0x9e3779b9) ^ fnv1a(purpose));
}

/** sfc32 with its state in an Int32Array (no allocation, monomorphic: V8 inlines the calls in hot loops). */
class Sfc32 implements Rng {
  private readonly s = new Int32Array(4);

  get words(): Int32Array {
    return this.s;
  }

  constructor(seed: number, savedState?: Uint32Array) {
    if (savedState) {
      if (savedState.length !== 4) throw new RangeError(`createRng: a saved state has 4 words, got ${savedState.length}`);
      this.s.set(savedState);
      return;
    }
    this.s[0] = mix32(seed + 0x6a09e667);
    this.s[1] = mix32(seed + 0xbb67ae85);
    this.s[2] = mix32(seed + 0x3c6ef372);
    this.s[3] = 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const s = this.s;
    const a = s[0], b = s[1], c = s[2], d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  nextFloat(): number {
    return this.nextU32() * 2.3283064365386963e-10;
  }

  nextInt(n: number): number {
    // Lemire's multiply-shift with rejection: exactly uniform.
    const threshold = (0x100000000 - n) % n;
    for (;;) {
      const m = this.nextU32() * n; // exact in f64 because the draw < 2^32 and n <= 2^21
      if (m % 0x100000000 >= threshold) return Math.floor(m / 0x100000000);
    }
  }

  state(): Uint32Array {
    return new Uint32Array(this.s);
  }

  restore(state: ArrayLike<number>): void {
    if (state.length !== 4) throw new RangeError(`Rng.restore: a state has 4 words, got ${state.length}`);
    for (let i = 0; i < 4; i++) this.s[i] = state[i];
  }
}

/** An sfc32 generator seeded from one 32-bit integer (or restored from a saved 4-word state). */
export function createRng(seed: number, savedState?: Uint32Array): Rng {
  if (!savedState && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
    throw new RangeError(`createRng: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  return new Sfc32(seed, savedState);
}

/** Fisher-Yates shuffle of `items` in place, driven by `rng`. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
