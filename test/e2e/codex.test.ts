/**
 * csm under the real Codex CLI (issue 30): the pinned @openai/codex, installed with csm as the
 * README says, run offline (`codex exec`) against a scripted fake of the Responses API on
 * loopback, in a network namespace with no other host. The same three jobs as under Claude Code:
 * the session's context in the model's first request, every apply_patch edit recorded against the
 * task in progress, and Stop blocked once while a check fails (the reason in the next request),
 * let go after the fix, and let go after csm's block cap when the check never passes.
 */
import { describe, expect, it } from 'vitest';
import { MATH_BUGGY, MATH_OK } from './support/csm-project.ts';
import { codexSuite } from './support/codex-suite.ts';
import { listCodexHooks, trustCodexHooks } from './support/codex-trust.ts';
import { lastInput, messagesOf, messageText, type ResponsesRequest } from './support/fake-responses.ts';
import { netnsSupport } from './support/run-claude.ts';

const { api, run, project, installOutput, home } = codexSuite();

const CONTEXT = 'csm session 001 is active';
/** Hosts Codex itself tries at every start (its curated plugin list, chatgpt.com): refused by the fake proxy. */
const CODEX_OWN_HOSTS = new Set(['github.com:443', 'api.github.com:443', 'chatgpt.com:443']);
const patch = (...l: string[]): string => ['*** Begin Patch', ...l, '*** End Patch', ''].join('\n');
const BREAK_ADD = patch('*** Update File: src/math.js', '@@', '-  return a + b;', '+  return a - b;');
const FIX_ADD = patch('*** Update File: src/math.js', '@@', '-  return a - b;', '+  return a + b;');
/** A Stop block as the next request carries it: a user message `<hook_prompt …>reason</hook_prompt>`. */
const blockOf = (req: ResponsesRequest): string => {
  const last = lastInput(req);
  const text = last ? messageText(last) : '';
  return last?.role === 'user' && text.startsWith('<hook_prompt') ? text : '';
};
const blocksIn = (req: ResponsesRequest): number =>
  messagesOf(req, 'user').filter((t) => t.startsWith('<hook_prompt')).length;
const offHosts = (): string[] => api.refused().filter((t) => !CODEX_OWN_HOSTS.has(t));

describe('csm as a plugin in the real Codex CLI', () => {
  it('installs from the clone as the README says', () => {
    const out = installOutput().join('\n');
    expect(out).toContain('Added marketplace `csm-marketplace`');
    expect(out).toContain('Added plugin `csm` from marketplace `csm-marketplace`.');
  });

  it('puts the session into the first request, records apply_patch edits on the task, blocks Stop once on a failing check, and lets it stop after the fix', async () => {
    const p = project({ objectives: ['OBJ-CODEX: keep add() right'], tasks: [{ title: 'TASK-CODEX: add sub()' }] });
    api.setScript([
      {
        items: [
          { message: 'Adding sub() and touching add().' },
          {
            patch: `${BREAK_ADD.replace('*** End Patch\n', '')}*** Add File: src/sub.js\n+export const sub = (a, b) => a - b;\n*** End Patch\n`,
          },
        ],
      },
      { items: [{ message: 'FIRST-FINAL: done.' }] },
      (req) =>
        /csm: the gate test failed/.test(blockOf(req))
          ? { items: [{ message: 'Fixing add().' }, { patch: FIX_ADD }] }
          : { items: [{ message: 'NO-BLOCK-SEEN' }] },
      { items: [{ message: 'SECOND-FINAL: add() fixed.' }] },
    ]);
    const { run: r, why } = await run({ cwd: p.root, prompt: 'Add sub().' });
    expect(r.code, why).toBe(0);
    expect(r.lastMessage, why).toBe('SECOND-FINAL: add() fixed.');
    const main = api.mainRequests();
    expect(main.length, why).toBe(4);
    expect(api.exhausted()).toBe(0);

    // 1. the session's context is in the first request, as a developer message before the prompt
    const first = messagesOf(main[0]!, 'developer').join('\n');
    expect(first, why).toContain(CONTEXT);
    expect(first).toContain('OBJ-CODEX: keep add() right');
    expect(first).toContain('Active task: task-1 “TASK-CODEX: add sub()”');
    // the plugin's skills are offered too (Codex names them <plugin>:<skill>)
    for (const skill of ['csm:start', 'csm:status', 'csm:complete']) expect(first).toContain(skill);

    // 2. every file of each apply_patch is on the task in progress, under Codex's session id
    expect(p.ledger('file.edited').map((e) => [e.path, e.tool, e.added, e.removed, e.task, e.claudeSession])).toEqual([
      ['src/math.js', 'apply_patch', 1, 1, 'task-1', r.threadId],
      ['src/sub.js', 'apply_patch', 1, 0, 'task-1', r.threadId],
      ['src/math.js', 'apply_patch', 1, 1, 'task-1', r.threadId],
    ]);
    expect(p.task('task-1').files).toEqual(['src/math.js', 'src/sub.js']);

    // 3. the failing test blocked Stop once: its reason is the next request's last message
    const reason = blockOf(main[2]!);
    expect(reason, why).toContain('csm: the gate test failed — fix it before stopping.');
    expect(reason).toContain('add-sums-two-numbers');
    expect(reason).toMatch(/expected: 5\n\s+actual: -1/);
    expect(reason).toContain('(block 1 of 3;');
    expect(blocksIn(main[3]!)).toBe(1);
    expect(p.ledger('stop.blocked')).toEqual([expect.objectContaining({ claudeSession: r.threadId, gates: ['test'] })]);
    expect(p.read('src/math.js')).toBe(MATH_OK);

    // 4. a new turn after the fix: Stop runs the gates again, they pass, and Codex stops at once
    api.setScript([{ items: [{ message: 'THIRD-FINAL: all good.' }] }]);
    const { run: again, why: why2 } = await run({ cwd: p.root, prompt: 'Anything left?', resume: r.threadId });
    expect(again.code, why2).toBe(0);
    expect(again.lastMessage, why2).toBe('THIRD-FINAL: all good.');
    expect(api.mainRequests().length, why2).toBe(5);
    const stops = p.ledger('gate.run').filter((e) => e.trigger === 'stop');
    expect(
      stops.map((g) => (g.results as { name: string; status: string }[]).find((x) => x.name === 'test')?.status),
    ).toEqual(['fail', 'pass']);
    expect(p.ledger('stop.blocked')).toHaveLength(1);
    // offline: in a loopback-only namespace where there is one (as root), and nothing but Codex's own
    // start-up calls (refused by the fake proxy) tried another host
    expect(again.netns).toBe(netnsSupport().ok);
    expect(offHosts(), why).toEqual([]);
    expect(api.errors()).toEqual([]);
    console.log(
      `codex e2e: ${main.length} + 1 requests, ${p.ledger('file.edited').length} edits on task-1, 1 block; ` +
        `${r.durationMs} + ${again.durationMs} ms; netns=${again.netns}; refused: ${[...new Set(api.refused())].join(', ')}`,
    );
  });

  it('with a check that never passes, the block cap ends it: one block a turn, then Codex is let go', async () => {
    const p = project({ tasks: [{ title: 'TASK-CAP' }], config: { stop: { blockCap: 2 } } });
    const attempt = (n: number) =>
      patch(
        '*** Update File: src/math.js',
        '@@',
        `-${n === 1 ? '  return a + b;' : `  return a - b - ${n - 1};`}`,
        `+  return a - b - ${n};`,
      );
    const turns: { blocked: string; requests: number; message: string }[] = [];
    let thread: string | undefined;
    for (const n of [1, 2, 3]) {
      api.setScript([
        { items: [{ patch: attempt(n) }] },
        { items: [{ message: `FINAL-${n}` }] },
        // a block sends the model back once; it says it is done again
        { items: [{ message: `AGAIN-${n}` }] },
      ]);
      const before = api.mainRequests().length;
      const { run: r, why } = await run({
        cwd: p.root,
        prompt: `Attempt ${n}.`,
        ...(thread ? { resume: thread } : {}),
      });
      expect(r.code, why).toBe(0);
      thread ??= r.threadId;
      const main = api.mainRequests().slice(before);
      turns.push({
        blocked: main[2] ? blockOf(main[2]).replace(/^[\s\S]*\((block \d of \d);[\s\S]*$/, '$1') : '',
        requests: main.length,
        message: r.lastMessage,
      });
    }
    expect(turns).toEqual([
      { blocked: 'block 1 of 2', requests: 3, message: 'AGAIN-1' },
      { blocked: 'block 2 of 2', requests: 3, message: 'AGAIN-2' },
      { blocked: '', requests: 2, message: 'FINAL-3' },
    ]);
    expect(p.ledger('stop.blocked')).toHaveLength(2);
    expect(p.ledger('stop.released')).toEqual([
      expect.objectContaining({ claudeSession: thread, reason: 'block cap reached: test' }),
    ]);
    expect(p.memory('errors')).toContain('Stop let through after 2 blocks in a row — test still failing.');
    expect(p.read('src/math.js')).not.toBe(MATH_OK);
    expect(MATH_BUGGY).not.toBe(MATH_OK);
    expect(offHosts()).toEqual([]);
  });

  it("runs none of csm's hooks until the user has reviewed them (silently), and all of them after", async () => {
    const p = project({ tasks: [{ title: 'TASK-TRUST' }] });
    const script = () =>
      api.setScript([
        { items: [{ patch: patch('*** Add File: src/sub.js', '+export const sub = (a, b) => a - b;') }] },
        { items: [{ message: 'TRUST-DONE' }] },
      ]);
    script();
    const before = api.mainRequests().length;
    const { run: untrusted, why } = await run({ cwd: p.root, prompt: 'Write sub().', trustHooks: false });
    expect(untrusted.lastMessage, why).toBe('TRUST-DONE');
    expect(messagesOf(api.mainRequests()[before]!, 'developer').join('\n')).not.toContain(CONTEXT);
    expect(p.ledger('file.edited')).toEqual([]);

    const listed = (await listCodexHooks(api, home(), p.root)).filter((h) => h.pluginId === 'csm@csm-marketplace');
    expect(listed.map((h) => [h.eventName, h.trustStatus]).sort()).toEqual([
      ['postToolUse', 'untrusted'],
      ['preCompact', 'untrusted'],
      ['sessionStart', 'untrusted'],
      ['stop', 'untrusted'],
      ['userPromptSubmit', 'untrusted'],
    ]);
    expect(listed.every((h) => h.key.includes(':hooks/codex-hooks.json:') && h.command.endsWith('--host codex'))).toBe(
      true,
    );
    trustCodexHooks(home(), listed);
    expect((await listCodexHooks(api, home(), p.root)).filter((h) => h.trustStatus === 'trusted')).toHaveLength(5);

    p.csm(['task', 'add', 'TASK-TRUST-2']);
    script();
    const after = api.mainRequests().length;
    const { run: trusted, why: why2 } = await run({ cwd: p.root, prompt: 'Write sub() again.', trustHooks: false });
    expect(trusted.lastMessage, why2).toBe('TRUST-DONE');
    expect(messagesOf(api.mainRequests()[after]!, 'developer').join('\n'), why2).toContain(CONTEXT);
    expect(p.ledger('file.edited').map((e) => [e.path, e.task, e.claudeSession])).toEqual([
      ['src/sub.js', 'task-1', trusted.threadId],
    ]);
  });
});
