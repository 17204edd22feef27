/**
 * A model of a local sweep's wall time (pool.ts, threads.ts): given each run's measured training time between
 * snapshots and each snapshot's evaluation time (from its records), replay the pool's schedule on `cores` cores and
 * return when the last run ends. With `evaluateBeside`, a run hands a snapshot before its last to its evaluation
 * thread when that thread is already working or a core is free (evaluator.ts), as the pool does; otherwise the run
 * evaluates it itself. Work that overlaps with the same run's evaluation thread can be slowed by `contention` (the
 * two cores share memory bandwidth; 1 = no slow-down).
 *
 * It is a model: it takes the measured times as fixed, and new runs start the moment a core is free.
 */

/** One run's measured times: per snapshot, the training seconds since the previous one and the evaluation seconds. */
export interface RunTimes {
  trainSeconds: number[];
  evalSeconds: number[];
}

export interface WallTimeOptions {
  cores: number;
  evaluateBeside: boolean;
  /** Factor on the time of a run's work while its evaluation thread works beside it, and of that thread's (default 1). */
  contention?: number;
}

interface Active {
  times: RunTimes;
  /** The snapshot whose training (or, with `evaluating`, evaluation) the run's own thread is doing. */
  snapshot: number;
  evaluating: boolean;
  /** Seconds of work left in the current step, at full speed. */
  left: number;
  /** Evaluations waiting for, or in, the run's evaluation thread (seconds at full speed; the first is in progress). */
  beside: number[];
  /** The run's thread has finished its own work and waits for its evaluation thread (drain). */
  draining: boolean;
  /** The run's thread has trained up to a snapshot before its last and not yet decided where to evaluate it. */
  atSnapshot: boolean;
}

/** Seconds from the first run's start to the last run's end, for `runs` in the order the pool starts them. */
export function sweepWallSeconds(runs: RunTimes[], options: WallTimeOptions): number {
  const { cores, evaluateBeside } = options;
  const contention = options.contention ?? 1;
  if (!Number.isInteger(cores) || cores < 1) throw new RangeError(`sweepWallSeconds: cores must be an integer >= 1, got ${cores}`);
  if (!(contention >= 1)) throw new RangeError(`sweepWallSeconds: contention must be >= 1, got ${contention}`);
  runs.forEach((r, k) => {
    if (r.trainSeconds.length === 0 || r.trainSeconds.length !== r.evalSeconds.length) {
      throw new RangeError(`sweepWallSeconds: run ${k} needs one training and one evaluation time per snapshot (at least one)`);
    }
    if (![...r.trainSeconds, ...r.evalSeconds].every((s) => s >= 0)) throw new RangeError(`sweepWallSeconds: run ${k} has a negative or missing time`);
  });
  const queue = [...runs];
  const active: Active[] = [];
  const busyCores = () => active.length + active.filter((a) => a.beside.length > 0).length;
  let now = 0;

  /** The run's thread has finished its current step: go on to the next (at a snapshot before the last: decide later). */
  const advance = (a: Active) => {
    const last = a.snapshot === a.times.trainSeconds.length - 1;
    if (!a.evaluating && !last) a.atSnapshot = true;
    else if (!a.evaluating) {
      a.evaluating = true;
      a.left = a.times.evalSeconds[a.snapshot];
    } else if (!last) {
      a.evaluating = false;
      a.snapshot++;
      a.left = a.times.trainSeconds[a.snapshot];
    } else a.draining = true;
  };
  /** At a snapshot before the last: hand its evaluation to the run's evaluation thread if it may, else evaluate it. */
  const decide = (a: Active) => {
    a.atSnapshot = false;
    const e = a.times.evalSeconds[a.snapshot];
    if (evaluateBeside && (a.beside.length > 0 || busyCores() < cores)) {
      a.beside.push(e);
      a.snapshot++;
      a.left = a.times.trainSeconds[a.snapshot];
    } else {
      a.evaluating = true;
      a.left = e;
    }
  };
  const ended = (a: Active) => a.draining && a.beside.length === 0;
  /** The speed of a run's work and of its evaluation thread's: slowed while both work. */
  const rate = (a: Active) => (a.beside.length > 0 && !a.draining ? 1 / contention : 1);
  const eps = 1e-9;

  for (;;) {
    while (queue.length > 0 && busyCores() < cores) {
      const times = queue.shift()!;
      active.push({ times, snapshot: 0, evaluating: false, left: times.trainSeconds[0], beside: [], draining: false, atSnapshot: false });
    }
    if (active.length === 0) return now;
    // the next moment some step ends (a zero-length step ends now)
    let dt = Infinity;
    for (const a of active) {
      if (!a.draining) dt = Math.min(dt, a.left / rate(a));
      if (a.beside.length > 0) dt = Math.min(dt, a.beside[0] / rate(a));
    }
    now += dt;
    for (const a of active) {
      const r = rate(a);
      if (!a.draining) a.left -= dt * r;
      if (a.beside.length > 0) a.beside[0] -= dt * r;
    }
    for (const a of active) if (a.beside.length > 0 && a.beside[0] <= eps) a.beside.shift();
    // every step that ended now moves on; runs that ended give their cores back before the others decide where to
    // evaluate their snapshots
    for (let moved = true; moved;) {
      moved = false;
      for (const a of active) {
        for (; !a.draining && !a.atSnapshot && a.left <= eps; moved = true) advance(a);
      }
      for (let k = active.length - 1; k >= 0; k--) if (ended(active[k])) active.splice(k, 1);
      for (const a of active) {
        if (a.atSnapshot) {
          decide(a);
          moved = true;
        }
      }
    }
  }
}
