import { describe, expect, it } from 'vitest';
import postCompact from '../fixtures/codex-hook-schemas/post-compact.output.json' with { type: 'json' };
import postToolUse from '../fixtures/codex-hook-schemas/post-tool-use.output.json' with { type: 'json' };
import preCompact from '../fixtures/codex-hook-schemas/pre-compact.output.json' with { type: 'json' };
import sessionStart from '../fixtures/codex-hook-schemas/session-start.output.json' with { type: 'json' };
import stop from '../fixtures/codex-hook-schemas/stop.output.json' with { type: 'json' };
import subagentStart from '../fixtures/codex-hook-schemas/subagent-start.output.json' with { type: 'json' };
import subagentStop from '../fixtures/codex-hook-schemas/subagent-stop.output.json' with { type: 'json' };
import userPromptSubmit from '../fixtures/codex-hook-schemas/user-prompt-submit.output.json' with { type: 'json' };
import type { HookOutput } from '../../src/contracts/hook-input.ts';
import { answerFor } from '../../src/domain/hosts/host-answer.ts';
import { hookHostOf } from '../../src/kernel/hook-events.ts';
import { closedSchemaProblems, type Schema } from '../support/closed-schema.ts';

const SCHEMAS: Record<string, Schema> = {
  SessionStart: sessionStart,
  UserPromptSubmit: userPromptSubmit,
  PostToolUse: postToolUse,
  PreCompact: preCompact,
  PostCompact: postCompact,
  Stop: stop,
  SubagentStart: subagentStart,
  SubagentStop: subagentStop,
};

const note = { systemMessage: 'csm: a note for the person' };
const context = (event: string, more: Record<string, string> = {}): HookOutput => ({
  hookSpecificOutput: { hookEventName: event, additionalContext: 'csm session 001 is active', ...more },
});
const failOpen = { systemMessage: 'csm: Stop hook failed (boom) — details in .claude/.csm/csm-debug.log' };

/** What csm's hooks answer, event by event (the shapes of src/usecases/hooks/ and the runtime's fail-open line). */
const ANSWERS: [string, string, HookOutput][] = [
  [
    'SessionStart',
    'the context with its session title',
    { ...note, ...context('SessionStart', { sessionTitle: 'T' }) },
  ],
  ['SessionStart', 'the context alone', context('SessionStart')],
  ['SessionStart', 'a paused note', note],
  ['SessionStart', 'the fail-open line', failOpen],
  ['UserPromptSubmit', 'what changed', context('UserPromptSubmit')],
  ['PostToolUse', 'a recorded edit with a warning', note],
  ['PreCompact', 'the fail-open line', failOpen],
  ['Stop', 'a block', { decision: 'block', reason: 'csm: the gate test failed — fix it before stopping.', ...note }],
  ['Stop', 'an allow with a note', note],
  ['Stop', 'the fail-open line', failOpen],
];

describe("csm's answers under Codex fit Codex 0.171.0's closed output schemas", () => {
  it.each(ANSWERS)('%s: %s', (event, _what, out) => {
    const shaped = answerFor('codex', event, out);
    expect(shaped).not.toBeNull();
    expect(closedSchemaProblems(SCHEMAS[event] as Schema, shaped)).toEqual([]);
  });
  it('the schemas bite: the Claude Code answer to SessionStart (with sessionTitle) does not fit', () => {
    const out = context('SessionStart', { sessionTitle: 'T' });
    expect(closedSchemaProblems(sessionStart as Schema, out)).toEqual([
      '$.hookSpecificOutput: sessionTitle is not allowed',
    ]);
    expect(closedSchemaProblems(stop as Schema, { decision: 'block', reason: 'R', extraKey: 1 })).toEqual([
      '$: extraKey is not allowed',
    ]);
  });
  it('keeps what Codex reads: the context, the block and its reason, the note', () => {
    expect(answerFor('codex', 'SessionStart', { ...note, ...context('SessionStart', { sessionTitle: 'T' }) })).toEqual({
      ...note,
      ...context('SessionStart'),
    });
    const block: HookOutput = { decision: 'block', reason: 'R', systemMessage: 'S' };
    expect(answerFor('codex', 'Stop', block)).toEqual(block);
  });
  it('drops what could not pass: a context on an event without one, a block without a reason, a foreign event name', () => {
    expect(answerFor('codex', 'Stop', context('Stop'))).toBeNull();
    expect(answerFor('codex', 'PreCompact', { ...note, ...context('PreCompact') })).toEqual(note);
    expect(answerFor('codex', 'Stop', { decision: 'block', reason: '' })).toBeNull();
    expect(answerFor('codex', 'Stop', { decision: 'block' })).toBeNull();
    expect(answerFor('codex', 'SessionStart', context('UserPromptSubmit'))).toBeNull();
  });
  it('an event csm knows no schema of keeps only the note', () => {
    expect(answerFor('codex', 'SessionEnd', { ...note, decision: 'block', reason: 'R' })).toEqual(note);
  });
  it('nothing to say stays nothing', () => {
    expect(answerFor('codex', 'Stop', null)).toBeNull();
    expect(answerFor('codex', 'Stop', {})).toBeNull();
  });
});

describe('under Claude Code the answer is left as it is', () => {
  it.each(ANSWERS)('%s: %s', (event, _what, out) => {
    expect(answerFor('claude', event, out)).toBe(out);
  });
});

describe('hookHostOf: the host a hook command names', () => {
  it.each([
    [['node', '/p/dist/hooks/stop.mjs', '--host', 'codex'], 'codex'],
    [['node', '/p/dist/hooks/stop.mjs'], 'claude'],
    [['node', '/p/dist/hooks/stop.mjs', '--host'], 'claude'],
    [['node', '/p/dist/hooks/stop.mjs', '--host', 'other'], 'claude'],
    [['node', '/p/dist/hooks/stop.mjs', 'codex'], 'claude'],
  ])('%j → %s', (argv, want) => {
    expect(hookHostOf(argv)).toBe(want);
  });
});
