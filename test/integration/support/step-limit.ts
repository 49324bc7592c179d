/**
 * A long test's own limit that says where it was when it ran out. vitest's timeout only says
 * "timed out"; a test that runs in steps (spawns, harness chunks, trials) gives its work to
 * `withinLimit` with a function that describes its progress, and a run that hits the limit fails
 * with that description: which step was running, what was done, what was left.
 *
 * The limit is a guard against a hang, never a speed goal: set it generously for a loaded
 * 2-core machine (speed goals live in `npm run bench`). Give vitest's own timeout more than it.
 */
export class StepLimitError extends Error {}

export async function withinLimit<T>(work: Promise<T>, limitMs: number, progress: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new StepLimitError(`not finished after ${Math.round(limitMs / 1000)} s; where it was: ${progress()}`));
    }, limitMs);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a step-by-step run is doing now: the steps under way, with what each has done so far. */
export class Progress {
  private readonly running = new Map<string, string>();
  private readonly finished: string[] = [];

  /** Marks `step` as under way (again), with a note on how far it got. */
  at(step: string, note = 'started'): void {
    this.running.set(step, note);
  }

  done(step: string, note = 'done'): void {
    this.running.delete(step);
    this.finished.push(`${step}: ${note}`);
  }

  toString(): string {
    const running = [...this.running].map(([step, note]) => `${step} (${note})`);
    return (
      `still running: ${running.join('; ') || 'nothing'} | finished: ${this.finished.length} step(s)` +
      (this.finished.length ? ` (last: ${this.finished.slice(-3).join('; ')})` : '')
    );
  }
}
