import fs from 'node:fs';
import { type HookInput, type HookOutput, type HookSignal, readHookInput } from '../contracts/hook-input.ts';
import { debugEnabled, debugLog, debugPath, setDebugRedactor } from '../adapters/debug-log.ts';
import { redact } from '../domain/redact.ts';
import { answerFor } from '../domain/hosts/host-answer.ts';
import { type HookBundle, hookHostOf } from '../kernel/hook-events.ts';
import { msg } from '../messages/index.ts';

export type HookHandler = (input: HookInput, signal: HookSignal) => Promise<HookOutput | null>;

/**
 * Reads all of stdin with plain fd calls: touching process.stdin would build a stream (and load
 * net) on every hook run. A terminal is never read (a person running the bundle by hand).
 */
function readStdin(): string {
  try {
    if (fs.fstatSync(0).isCharacterDevice()) return '';
    return fs.readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** Writes the hook JSON synchronously to fd 1 (no stream set-up; done before the process exits). */
function emit(out: HookOutput | null): void {
  if (!out) return;
  const text = JSON.stringify(out);
  try {
    let off = 0;
    const buf = Buffer.from(text);
    let tries = 0;
    while (off < buf.length) {
      try {
        off += fs.writeSync(1, buf, off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || ++tries > 1000) throw e;
      }
    }
  } catch (e) {
    debugLog('hook', 'could not write the hook output', e);
  }
}

const failOpen = (what: string): HookOutput => ({ systemMessage: msg.hookFailed(what, debugPath()).slice(0, 300) });

/**
 * The only place hooks touch stdin, stdout and the exit code. Everything is caught: the hook
 * exits 0, says one line through systemMessage, and logs details. Blocking is a returned decision.
 * The answer is shaped for the host its command names (`--host codex`: only the keys Codex's
 * schema of the event allows).
 */
export async function runHook(bundle: Pick<HookBundle, 'events' | 'budgetMs'>, handler: HookHandler): Promise<void> {
  const opts = { event: bundle.events[0]?.event ?? 'hook', budgetMs: bundle.budgetMs };
  const host = hookHostOf(process.argv);
  let event = opts.event;
  const answer = (out: HookOutput | null): void => emit(answerFor(host, event, out));
  process.exitCode = 0;
  if (process.env.CSM_DISABLE === '1' || process.env.CSM_DISABLE === 'true') return;
  // a log line may quote stdin (a payload that is not JSON): redacted like everything csm writes
  setDebugRedactor(redact);
  // not performance.now(): the `performance` global loads perf_hooks (a dozen modules) on first use
  const t0 = debugEnabled() ? process.hrtime.bigint() : 0n;
  const deadline = Date.now() + opts.budgetMs;
  let settled: { onLate?: (() => void) | undefined } | null = null;
  const timer = setTimeout(() => {
    debugLog(opts.event, `ran out of its ${opts.budgetMs} ms budget${settled ? ' after its record was written' : ''}`);
    if (settled) {
      try {
        settled.onLate?.();
      } catch (e) {
        debugLog(opts.event, 'could not note the work left for later', e);
      }
      process.exit(0);
    }
    answer(failOpen(`${opts.event} hook ran out of time and let Claude go on`));
    process.exit(0);
  }, opts.budgetMs);
  timer.unref();
  let out: HookOutput | null = null;
  try {
    const raw = readStdin();
    if (raw.trim() === '') {
      if (debugEnabled()) debugLog(opts.event, 'empty stdin');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      debugLog(opts.event, 'stdin is not JSON', raw.slice(0, 200));
      out = failOpen(`${opts.event} hook got input it could not read`);
      return;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      debugLog(opts.event, 'stdin is not a JSON object', raw.slice(0, 200));
      return;
    }
    const input = readHookInput(json as Record<string, unknown>);
    event = input.hook_event_name ?? event;
    if (debugEnabled()) debugLog(opts.event, 'input', { ...input, tool_input: undefined, tool_response: undefined });
    out = await handler(input, { deadline, settle: (onLate) => void (settled = { onLate }) });
  } catch (e) {
    debugLog(opts.event, 'failed', e);
    out = failOpen(`${opts.event} hook failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  } finally {
    clearTimeout(timer);
    answer(out);
    if (debugEnabled())
      debugLog(
        opts.event,
        `done: hook ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms, process ` +
          `${(process.uptime() * 1000).toFixed(1)} ms`,
      );
  }
}
