import { STEP_FAILED_MARK, STEP_MARK } from './fallback.ts';
import { isLibraryFrame } from './text-tools.ts';

/**
 * What a failing run's output says when no parser reads it test by test: the lines that signal a
 * failure, normalized so that two runs of the same failures give the same lines (timings, clock
 * times, temp paths, addresses, process ids and source positions taken out), and the failure count
 * of its summary line when it has one. Stop compares these with the baseline's: a count that grew
 * or a failing line the baseline did not have is a new failure.
 */
export interface FailureSignature {
  lines: string[];
  failed: number | null;
}

const MAX_LINES = 400;
const MAX_LINE = 300;

/** A failure's usual words and marks, in any runner's output. */
const FAILING = [
  /\b(error|errors|fail|failed|failing|failure|failures|FAIL|panicked|Traceback|AssertionError|assert(ion)?)\b/i,
  /\b(expected|received|actual|Exception|not ok)\b|[✗✘×✖]|^\s*[-+] /i,
];
/** Lines that say something passed, progress and banners: never part of what failed. */
const NOISE = [
  /^\s*(✓|✔|√|ok\b|PASS\b|--- PASS|passed\b)|\b\d+ (passing|passed)\b/,
  /^\s*[#ℹ]\s*(pass|tests|suites|duration|skipped|todo|cancelled)\b|^\s*(npm|pnpm|yarn) (warn|notice|info|ERR!)/,
  /^\s*\[?ELIFECYCLE\]?|^\s*(Duration|Start at|Ran \d+ tests? in)\b/,
];
const any = (res: readonly RegExp[], line: string): boolean => res.some((re) => re.test(line));

/** The same failure, the same line: what differs from run to run is masked. */
export function normalizeFailingLine(line: string): string {
  return (
    line
      .replace(/\b\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?\b/g, '<when>')
      .replace(/\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b/g, '<time>')
      .replace(/\b\d+(\.\d+)?\s?(ms|s|sec|secs|seconds|µs|us|ns|m)\b/g, '<dur>')
      .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
      .replace(/(\.\w{1,6}):\d+(:\d+)?/g, '$1:<pos>')
      // make names the recipe's line: one added above it must not make an old failure new
      .replace(/\b(GNUmakefile|[Mm]akefile):\d+/g, '$1:<pos>')
      .replace(/(?:\/private)?\/(?:tmp|var\/folders)\/[^\s:'")]+/g, '<tmp>')
      .replace(/\b(pid|port|thread|worker)\s*[:=#]?\s*\d+/gi, '$1 <n>')
      .replace(/\bline \d+/g, 'line <n>')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_LINE)
  );
}

/** Summary lines of runners csm has no parser for, and of ones whose failures it could not read. */
const COUNTS: readonly ((text: string) => number | null)[] = [
  // unittest: FAILED (failures=2, errors=1)
  (t) => {
    const m = [...t.matchAll(/^FAILED \(([^)]*)\)/gm)].pop();
    if (!m) return null;
    const n = [...(m[1] ?? '').matchAll(/\b(failures|errors)=(\d+)/g)].reduce((a, x) => a + Number(x[2]), 0);
    return n || null;
  },
  // TAP: # fail 3
  (t) => last(t, /^#\s*fail\s+(\d+)\s*$/gm),
  // ava "3 tests failed", mocha "3 failing", "2 failed", "Tests: 4 failed"
  (t) => last(t, /\b(\d+) (?:tests? )?(?:failed|failing)\b/g),
  (t) => last(t, /\b(\d+) failures?\b/g),
];

function last(text: string, re: RegExp): number | null {
  const m = [...text.matchAll(re)].pop();
  return m ? Number(m[1]) : null;
}

/** The normalized lines of `text` that `keep` accepts (at most MAX_LINES distinct ones). */
function linesOf(text: string, keep: (line: string) => boolean): Set<string> {
  const seen = new Set<string>();
  for (const raw of text.split('\n')) {
    if (seen.size >= MAX_LINES) break;
    // csm's own step marks: which steps failed is compared apart (baseline.ts), their exit codes are noise
    const mark = raw.startsWith(STEP_MARK) || raw.startsWith(STEP_FAILED_MARK);
    const library = isLibraryFrame(raw) || /^\s+at .*node_modules\//.test(raw);
    if (!raw.trim() || mark || library || any(NOISE, raw) || !keep(raw)) continue;
    const line = normalizeFailingLine(raw);
    if (line) seen.add(line);
  }
  return seen;
}

export function failureSignature(text: string): FailureSignature {
  // An output with no line in a failure's usual words (a home-made runner's "BROKEN") is kept
  // whole: any line it did not have before is then new. Blocking on a new passing line costs a
  // turn; passing over a new failing one costs the session.
  const failing = linesOf(text, (l) => any(FAILING, l));
  const seen = failing.size > 0 ? failing : linesOf(text, () => true);
  let failed: number | null = null;
  for (const count of COUNTS) {
    failed = count(text);
    if (failed !== null) break;
  }
  return { lines: [...seen].sort(), failed };
}
