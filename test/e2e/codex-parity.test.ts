/**
 * What else of csm works under the real Codex CLI (issue 30), for the README's table of what works
 * where: the update next to the next prompt (UserPromptSubmit), the hand-off before a compaction
 * and the context after it (PreCompact, SessionStart source compact), one csm session carried on
 * from Claude Code into Codex and back, and the settings route (`csm init --codex`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexSuite } from './support/codex-suite.ts';
import { CSM_ROOT } from './support/csm-project.ts';
import { messagesOf } from './support/fake-responses.ts';
import { prepareCodexHome } from './support/run-codex.ts';
import { e2eSuite } from './support/suite.ts';

const codex = codexSuite();
const claude = e2eSuite();
const { api } = codex;

const CONTEXT = 'csm session 001 is active';
const patch = (...l: string[]): string => ['*** Begin Patch', ...l, '*** End Patch', ''].join('\n');
const developer = (n: number): string => messagesOf(api.mainRequests()[n]!, 'developer').join('\n');

describe('csm under the real Codex CLI, beyond the three jobs', () => {
  it('a change between two prompts reaches the model once: `codex exec resume` starts again, with the whole context', async () => {
    // Under `codex exec` every prompt is a new process, so SessionStart (source resume) comes before
    // UserPromptSubmit and already says what changed: the delta then has nothing left to add. Between
    // prompts of one interactive session, UserPromptSubmit says it (test/integration/codex-hooks.test.ts).
    const p = codex.project({ tasks: [{ title: 'TASK-DELTA' }] });
    api.setScript([{ items: [{ message: 'FIRST-DONE' }] }, { items: [{ message: 'SECOND-DONE' }] }]);
    const before = api.mainRequests().length;
    const { run: r, why } = await codex.run({ cwd: p.root, prompt: 'First.' });
    expect(r.lastMessage, why).toBe('FIRST-DONE');
    p.csm(['task', 'add', 'TASK-ADDED: test it']);
    const { run: again, why: why2 } = await codex.run({ cwd: p.root, prompt: 'Second.', resume: r.threadId });
    expect(again.lastMessage, why2).toBe('SECOND-DONE');
    expect(developer(before)).not.toContain('TASK-ADDED');
    const second = messagesOf(api.mainRequests()[before + 1]!, 'developer').filter((m) => m.includes('TASK-ADDED'));
    expect(second, why2).toHaveLength(1);
    expect(second[0]).toContain(CONTEXT);
    expect(p.ledger('claude.session').map((e) => [e.source, e.claudeSession])).toEqual([
      ['startup', r.threadId],
      ['resume', r.threadId],
    ]);
  });

  it('writes a hand-off before an automatic compaction and puts it first in the context after it', async () => {
    const p = codex.project({ tasks: [{ title: 'TASK-COMPACT: write sub()' }] });
    api.setScript([
      // a response that fills the window: Codex compacts before it goes on
      {
        items: [{ patch: patch('*** Add File: src/sub.js', '+export const sub = (a, b) => a - b;') }],
        usage: { input_tokens: 900_000, total_tokens: 900_000 },
      },
      { items: [{ message: 'AFTER-COMPACT' }] },
    ]);
    const before = api.requests().length;
    const { run: r, why } = await codex.run({
      cwd: p.root,
      prompt: 'Write sub().',
      args: ['-c', 'model_auto_compact_token_limit=1000'],
    });
    expect(r.lastMessage, why).toBe('AFTER-COMPACT');
    const seen = api.requests().slice(before);
    expect(seen.filter((q) => q.kind === 'compact').length, why).toBe(1);
    const handoffs = p.ledger('context.handoff') as unknown as { reason: string; text: string }[];
    expect(
      handoffs.map((h) => h.reason),
      why,
    ).toEqual(['before auto compaction']);
    expect(handoffs[0]?.text).toContain('In progress: task-1 “TASK-COMPACT: write sub()”');
    expect(p.ledger('claude.session').map((e) => e.source)).toEqual(['startup', 'compact']);
    const after = seen.filter((q) => q.kind === 'main').at(-1)!;
    const ctx =
      messagesOf(after, 'developer')
        .filter((m) => m.includes(CONTEXT))
        .at(-1) ?? '';
    expect(ctx, why).toContain('Hand-off written before auto compaction:');
    expect(ctx.indexOf('Hand-off written before auto compaction:')).toBeLessThan(ctx.indexOf('Active task: task-1'));
    expect(ctx).toContain('Files so far: src/sub.js');
  });

  it('carries one csm session from Claude Code into Codex and back: every edit on the same task', async () => {
    const p = codex.project({ tasks: [{ title: 'TASK-BOTH: sub() and its docs' }] });
    claude.api.setScript([
      {
        tool_use: [
          {
            name: 'Write',
            input: { file_path: p.path('src/sub.js'), content: 'export const sub = (a, b) => a - b;\n' },
          },
        ],
      },
      { text: 'CLAUDE-DONE' },
    ]);
    const first = await claude.run({ cwd: p.root, prompt: 'Write sub().', pluginDir: CSM_ROOT });
    expect(first.run.result?.result, first.why).toBe('CLAUDE-DONE');

    api.setScript([
      { items: [{ patch: patch('*** Update File: README.md', '@@', ' # tiny', '+', '+sub(a, b) subtracts.') }] },
      { items: [{ message: 'CODEX-DONE' }] },
    ]);
    const before = api.mainRequests().length;
    const { run: r, why } = await codex.run({ cwd: p.root, prompt: 'Document sub().' });
    expect(r.lastMessage, why).toBe('CODEX-DONE');
    const ctx = developer(before);
    expect(ctx, why).toContain('Active task: task-1 “TASK-BOTH: sub() and its docs”');
    expect(ctx).toContain('Files so far: src/sub.js');

    claude.api.setScript([
      {
        tool_use: [
          { name: 'Edit', input: { file_path: p.path('src/sub.js'), old_string: 'a - b', new_string: 'a - b + 0' } },
        ],
      },
      { text: 'CLAUDE-AGAIN' },
    ]);
    const back = await claude.run({ cwd: p.root, prompt: 'Touch sub().', pluginDir: CSM_ROOT });
    expect(back.run.result?.result, back.why).toBe('CLAUDE-AGAIN');
    expect(back.main[0] && JSON.stringify(back.main[0].body)).toContain('Files so far: src/sub.js, README.md');

    expect(p.ledger('file.edited').map((e) => [e.path, e.tool, e.task, e.claudeSession])).toEqual([
      ['src/sub.js', 'Write', 'task-1', first.run.sessionId],
      ['README.md', 'apply_patch', 'task-1', r.threadId],
      ['src/sub.js', 'Edit', 'task-1', back.run.sessionId],
    ]);
    expect(p.task('task-1').files).toEqual(['src/sub.js', 'README.md']);
    // the same reports and metrics: the session completes with the work of both
    p.csm(['task', 'done', 'task-1', '--output', 'sub() and its docs']);
    const done = p.csmJson<{ metrics: { completionRate: { value: number } } }>(['complete']);
    expect(done.metrics.completionRate.value).toBe(1);
    expect(p.read(p.sessionFile('completed.md'))).toContain('README.md');
  });

  it("runs through Codex's own hook settings (csm init --codex) in a trusted project, without the plugin", async () => {
    const p = codex.project({ tasks: [{ title: 'TASK-SETTINGS' }] });
    // `npm i -D ~/csm` links the clone into node_modules; git does not see it
    fs.mkdirSync(p.path('node_modules'));
    fs.symlinkSync(CSM_ROOT, p.path('node_modules/claude-session-manager'));
    fs.appendFileSync(p.path('.git/info/exclude'), 'node_modules/\n');
    p.csm(['init', '--codex']);
    expect(p.exists('.codex/hooks.json')).toBe(true);
    // a HOME where csm is not installed as a plugin: only the project's hooks can run
    const home = prepareCodexHome(api);
    codex.keep(home);
    api.setScript([
      { items: [{ patch: patch('*** Add File: src/sub.js', '+export const sub = (a, b) => a - b;') }] },
      { items: [{ message: 'SETTINGS-DONE' }] },
    ]);
    const before = api.mainRequests().length;
    // --trust: what answering yes to "trust this folder?" does
    const { run: r, why } = await codex.run({ cwd: p.root, prompt: 'Write sub().', home, args: ['--trust'] });
    expect(r.lastMessage, why).toBe('SETTINGS-DONE');
    expect(developer(before), why).toContain(CONTEXT);
    expect(p.ledger('file.edited').map((e) => [e.path, e.tool, e.task])).toEqual([
      ['src/sub.js', 'apply_patch', 'task-1'],
    ]);
    expect(fs.readdirSync(path.join(home, '.codex'))).not.toContain('plugins');
  });
});
