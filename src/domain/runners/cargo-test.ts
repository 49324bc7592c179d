import type { Failure, ParsedRun } from './failure.ts';
import type { RunnerParsing } from './runner.ts';
import { shellWord as shq } from './text-tools.ts';
import { blocks, firstText, isLibraryFrame } from './text-tools.ts';

/**
 * cargo test (libtest): `---- name stdout ----` blocks, `test result: FAILED. 5 passed; 5 failed; …` per test binary.
 */
export function parseCargoTest(text: string): ParsedRun | null {
  const lines = text.split('\n');
  const results = lines.filter((l) => /^test result: (ok|FAILED)\. \d+ passed; \d+ failed/.test(l));
  const compileError = lines.some((l) => /^error(\[E\d+\])?: could not compile `/.test(l));
  if (results.length === 0 && !compileError) return null;
  const failures: Failure[] = blocks(
    lines,
    (l) => /^---- .+ stdout ----$/.test(l),
    (l) => /^failures:$/.test(l),
  ).map((b) => {
    const name = (/^---- (.+) stdout ----$/.exec(b[0] ?? '')?.[1] ?? '').trim();
    const body = b.slice(1).filter((l) => !/^note: run with `RUST_BACKTRACE/.test(l));
    const panic = body.findIndex((l) => /^thread '.+' (\(\d+\) )?panicked at /.test(l));
    const panicLoc = panic >= 0 ? (/panicked at (\S+:\d+:\d+):?$/.exec(body[panic] ?? '')?.[1] ?? null) : null;
    const noPanic = body
      .map((l) => /^note: test did not panic as expected at (\S+:\d+:\d+)/.exec(l))
      .find((m) => m !== null);
    // the message ends where the backtrace starts; std-library frames are never shown
    const after = panic >= 0 ? body.slice(panic + 1) : body;
    const end = after.findIndex((l) => /^stack backtrace:$/.test(l));
    const msgLines = (end >= 0 ? after.slice(0, end) : after).filter((l) => l.trim() !== '' && !isLibraryFrame(l));
    const detail = msgLines.filter((l) => /^\s*(left|right): /.test(l)).map((l) => l.trim());
    return {
      id: name,
      location: panicLoc ?? noPanic?.[1] ?? null,
      message: noPanic
        ? 'test did not panic as expected'
        : firstText(msgLines.filter((l) => !/^\s*(left|right): /.test(l))),
      ...(detail.length ? { detail } : {}),
    };
  });
  if (compileError && failures.length === 0) {
    for (const b of blocks(
      lines,
      (l) => /^error(\[E\d+\])?: (?!could not compile)/.test(l),
      (l) => l.trim() === '',
    )) {
      const loc = b.map((l) => /^\s+--> (\S+:\d+:\d+)/.exec(l)?.[1]).find((x) => x !== undefined) ?? null;
      failures.push({
        id: (/^(error(\[E\d+\])?)/.exec(b[0] ?? '')?.[1] ?? 'error').replace('error', 'compile error'),
        location: loc,
        message: (b[0] ?? '').replace(/^error(\[E\d+\])?: /, ''),
      });
    }
  }
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    const m = /(\d+) passed; (\d+) failed/.exec(r);
    passed += Number(m?.[1] ?? 0);
    failed += Number(m?.[2] ?? 0);
  }
  return {
    runner: 'cargo test',
    failures,
    totals: results.length ? { failed, total: passed + failed, unit: 'tests' } : null,
    ...(compileError ? { partial: true } : {}),
  };
}

export const CARGO_TEST: RunnerParsing = {
  runner: 'cargo test',
  parse: parseCargoTest,
  rerun: (r) =>
    `cargo test -- ${r.failures
      .slice(0, 10)
      .map((f) => shq(f.id))
      .join(' ')}`,
};
