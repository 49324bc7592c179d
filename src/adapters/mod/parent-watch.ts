/**
 * Resolves once this process should end: the process that started it is gone (this one handed to
 * another parent), or it was asked to stop (SIGTERM, SIGINT, SIGHUP: Claude Code ends a spawned
 * child so when the mod unloads). stdin is not watched: Claude Code starts the child with it closed.
 * Checked every few seconds; the timer does not keep the process up by itself.
 */
export function untilParentGone(everyMs = 3_000): Promise<void> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
    const done = (): void => {
      clearInterval(timer);
      for (const s of signals) process.off(s, done);
      resolve();
    };
    const timer = setInterval(() => {
      if (process.ppid !== parent) done();
    }, everyMs);
    for (const s of signals) process.on(s, done);
  });
}
