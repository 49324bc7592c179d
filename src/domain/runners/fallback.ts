import { clip, isLibraryFrame } from './text-tools.ts';

/** Lines that say a check passed, or are banners and progress: never shown as the reason a gate failed. */
const PASSING = new RegExp(
  [
    String.raw`^::csm-step|^\s*[#ℹ]\s*(fail|failed|cancelled|todo|skipped)\s+0\s*$|^\s*(✓|✔|√|ok\b|PASS\b`,
    String.raw`--- PASS|passed\b|test .* \.\.\. ok$)|\b(\d+ passing|0 failed|0 errors?)\b`,
    String.raw`^\s*>\s+\S+@\S+ \S+|^\s*> \S|^\$ |^\s*(npm|pnpm|yarn) (warn|notice|info)\b|^(Compiling`,
    String.raw`Finished|Running|Downloading|Downloaded|Checking|Blocking) |^\s*(RUN|DEV) +v\d`,
    String.raw`^\s*Duration|^\s*Start at|^\s*\[?ELIFECYCLE\]?\s|^error Command failed with exit code`,
    String.raw`^info Visit `,
  ].join('|'),
);
const SIGNAL = new RegExp(
  [
    String.raw`\b(error|errors|fail|failed|failure|FAIL|panicked|Traceback|AssertionError|assert(ion)?`,
    String.raw`expected|Exception|not ok)\b|[✗✘×✖]|[\w./\\@-]+\.[A-Za-z]{1,6}[:(]\d+`,
  ].join('|'),
  'i',
);

/**
 * Output no parser recognised: the lines near the end (runners summarise last) that signal a
 * failure, with the line after each, never a passing-test line or a script banner.
 */
export function fallbackLines(text: string, maxLines = 12): string[] {
  const lines = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !PASSING.test(l) && !isLibraryFrame(l) && !/^\s+at .*node_modules\//.test(l));
  const tail = lines.slice(-200);
  const picked = new Set<number>();
  for (let i = tail.length - 1; i >= 0 && picked.size < maxLines; i--) {
    if (!SIGNAL.test(tail[i] ?? '')) continue;
    picked.add(i);
    if (i + 1 < tail.length) picked.add(i + 1);
  }
  const chosen = picked.size ? [...picked].sort((a, b) => a - b).map((i) => tail[i] as string) : tail.slice(-maxLines);
  return chosen.slice(-maxLines).map((l) => clip(l, 220));
}

/** The line the every-step form of a chained script prints before each step (see domain/gates/affected.ts). */
export const STEP_MARK = '::csm-step::';
export const STEP_FAILED_MARK = '::csm-step-failed::';

/**
 * Which steps of a chained script run step by step failed, by their place in the chain (0 the
 * first): a narrowed step keeps its place though its command differs. Null when the output is not
 * such a run.
 */
export function failedStepIndexes(text: string): number[] | null {
  if (!text.includes(STEP_MARK)) return null;
  const out: number[] = [];
  let step = -1;
  for (const line of text.split('\n')) {
    if (line.startsWith(STEP_MARK)) step++;
    else if (line.startsWith(STEP_FAILED_MARK) && step >= 0) out.push(step);
  }
  return out;
}

/** How many steps a chained script run step by step ran, or null when the output is not such a run. */
export const stepCount = (text: string): number | null =>
  text.includes(STEP_MARK) ? text.split('\n').filter((l) => l.startsWith(STEP_MARK)).length : null;

/**
 * Output of a chained script run step by step: per step that failed (of `only`, when given), its
 * command, its exit status and its own failing lines (or its last lines when none reads as a
 * failure); null when the output is not such a run.
 */
export function failedStepLines(text: string, perStep = 6, only?: readonly number[]): string[] | null {
  if (!text.includes(STEP_MARK)) return null;
  const out: string[] = [];
  let command = '';
  let body: string[] = [];
  let step = -1;
  for (const line of text.split('\n')) {
    if (line.startsWith(STEP_MARK)) [command, body, step] = [line.slice(STEP_MARK.length).trim(), [], step + 1];
    else if (line.startsWith(STEP_FAILED_MARK)) {
      if (only && !only.includes(step)) continue;
      const shown = fallbackLines(body.join('\n'), perStep);
      out.push(
        `step \`${clip(command, 120)}\` exited ${line.slice(STEP_FAILED_MARK.length).trim()}:`,
        ...shown.map((l) => `  ${l}`),
      );
    } else body.push(line);
  }
  return out.length ? out : null;
}
