import type { HookOutput } from '../../contracts/hook-input.ts';
import type { HookHost } from '../../kernel/hook-events.ts';

/**
 * A hook's answer as its host takes it. Claude Code takes csm's answer as it is. Codex (0.171.0)
 * checks each answer against a closed schema per event (`additionalProperties: false`, top level
 * and `hookSpecificOutput` alike): one key it does not know fails the hook, and a failed hook
 * fails open — SessionStart's context is dropped, a Stop block is lost. So under Codex an answer
 * keeps only the keys that event's schema allows, and what could not pass its checks goes.
 */
interface Allowed {
  /** Top-level keys. */
  top: readonly string[];
  /** Keys of `hookSpecificOutput`; none: the event has no such object. */
  specific: readonly string[];
}

const COMMON = ['continue', 'stopReason', 'suppressOutput', 'systemMessage'] as const;
const WITH_DECISION = [...COMMON, 'decision', 'reason'] as const;
const CONTEXT = ['hookEventName', 'additionalContext'] as const;

/** Codex 0.171.0's output schemas, as far as csm answers (the keys of each `*.command.output` schema). */
const CODEX: Readonly<Record<string, Allowed>> = {
  SessionStart: { top: [...COMMON, 'hookSpecificOutput'], specific: CONTEXT },
  SubagentStart: { top: [...COMMON, 'hookSpecificOutput'], specific: CONTEXT },
  UserPromptSubmit: { top: [...WITH_DECISION, 'hookSpecificOutput'], specific: CONTEXT },
  PostToolUse: { top: [...WITH_DECISION, 'hookSpecificOutput'], specific: [...CONTEXT, 'updatedMCPToolOutput'] },
  PreCompact: { top: COMMON, specific: [] },
  PostCompact: { top: COMMON, specific: [] },
  Stop: { top: WITH_DECISION, specific: [] },
  SubagentStop: { top: WITH_DECISION, specific: [] },
};
/** An event csm does not know Codex's schema of: a note to the person, nothing else. */
const UNKNOWN: Allowed = { top: ['systemMessage'], specific: [] };

const pick = <T extends object>(obj: T, keys: readonly string[]): Partial<T> =>
  Object.fromEntries(Object.entries(obj).filter(([k, v]) => keys.includes(k) && v !== undefined)) as Partial<T>;

/** The answer `out` to `event`, shaped for `host`; null when nothing is left to say. */
export function answerFor(host: HookHost, event: string, out: HookOutput | null): HookOutput | null {
  if (!out || host === 'claude') return out;
  const allowed = CODEX[event] ?? UNKNOWN;
  const shaped = pick(out, allowed.top) as HookOutput;
  // a block needs its reason (Codex refuses one without); a reason alone says nothing
  if (shaped.decision !== 'block' || !shaped.reason) {
    delete shaped.decision;
    delete shaped.reason;
  }
  const specific = shaped.hookSpecificOutput;
  if (specific) {
    // the object names its event, and only that one
    if (specific.hookEventName === event && allowed.specific.length > 0) {
      shaped.hookSpecificOutput = pick(specific, allowed.specific) as HookOutput['hookSpecificOutput'];
    } else delete shaped.hookSpecificOutput;
  }
  return Object.keys(shaped).length > 0 ? shaped : null;
}
