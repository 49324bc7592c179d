/**
 * csm's mod in the real Claude Code CLI (2.1.331), offline against the fake API (issue 29): the
 * plugin's hooks module loads; `/csm status` answers with no request reaching the API; 20 edits
 * are recorded once each — by the mod's helper with no hook process started for them when mods
 * load, by the command hook when they are off (the rollout switch read off, as Claude Code serves
 * it to some users).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSM_ROOT } from './support/csm-project.ts';
import { lastUserText } from './support/fake-api.ts';
import { prepareHome } from './support/run-claude.ts';
import { runInteractive } from './support/run-interactive.ts';
import { screenRows, screenSvg } from './support/terminal-screen.ts';
import { e2eSuite } from './support/suite.ts';

const { api, run, project, keep } = e2eSuite({ pluginDir: CSM_ROOT });

/** How many times csm's PostToolUse bundle ran (CSM_DEBUG logs each run's end; these runs make edits only). */
const hookRuns = (root: string): number => {
  let text = '';
  try {
    text = readFileSync(path.join(root, '.claude/.csm/csm-debug.log'), 'utf8');
  } catch {
    return 0;
  }
  return text.split('\n').filter((l) => / PostToolUse: done:/.test(l)).length;
};

/** A private HOME where Claude Code reads the mods rollout switch as off (its cached value). */
function modsOffHome(): string {
  const home = prepareHome();
  for (const f of [path.join(home, '.claude.json'), path.join(home, '.claude/.claude.json')]) {
    let v: Record<string, unknown> = {};
    try {
      v = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
    } catch {
      // a new file
    }
    writeFileSync(f, JSON.stringify({ ...v, cachedGrowthBookFeatures: { tengu_plugin_hooks_modules: false } }));
  }
  return home;
}

const twentyWrites = (p: { path: (rel: string) => string }) => [
  {
    text: 'Writing twenty files.',
    tool_use: Array.from({ length: 10 }, (_, i) => ({
      name: 'Write',
      input: { file_path: p.path(`src/m${i}.js`), content: `export const m${i} = ${i};\n` },
    })),
  },
  {
    tool_use: Array.from({ length: 10 }, (_, i) => ({
      name: 'Write',
      input: { file_path: p.path(`src/m${i + 10}.js`), content: `export const m${i + 10} = ${i + 10};\n` },
    })),
  },
  { text: 'Done with the twenty files.' },
];

/** The rows of the pane (the column right of the transcript's divider), trimmed. */
const paneRows = (rows: readonly string[]): string[] =>
  rows.map((r) => r.split('│').slice(1).join('│').trim()).filter(Boolean);

describe("csm's mod (a hooks module inside Claude Code)", () => {
  it('answers /csm status in the interactive CLI at once: no request reaches the API', async () => {
    const p = project({ tasks: [{ title: 'TASK-MOD: show the status' }] });
    api.setScript([{ text: 'SHOULD-NOT-BE-ASKED' }]);
    const before = api.mainRequests().length;
    const r = await runInteractive({
      api,
      cwd: p.root,
      prompt: '/csm status',
      pluginDir: CSM_ROOT,
      until: async (_s, raw) => (await screenRows(raw)).some((l) => l.includes('Active    task-1 TASK-MOD')),
      timeoutMs: 60_000,
    });
    keep(r.home);
    const why = `netns=${r.netns}\n${(await screenRows(r.raw)).join('\n')}`;
    expect(r.reached, why).toBe(true);
    expect(api.mainRequests().length - before, why).toBe(0);
    expect(readFileSync(path.join(r.home, 'debug.log'), 'utf8')).toMatch(/hooks module csm@inline loaded/);
  });

  it('draws the session in a pane that follows the gate: failing after a Stop it blocked, passing after /csm gates', async () => {
    const p = project({ tasks: [{ title: 'TASK-PANE: keep add() right', criteria: ['add(2, 3) is 5'] }] });
    api.setScript([
      {
        text: 'Changing add().',
        tool_use: [
          { name: 'Edit', input: { file_path: p.path('src/math.js'), old_string: 'a + b', new_string: 'a - b' } },
        ],
      },
      { text: 'BROKE-IT.' },
      (req) =>
        /Stop hook feedback/.test(lastUserText(req))
          ? {
              text: 'Fixing add().',
              tool_use: [
                { name: 'Edit', input: { file_path: p.path('src/math.js'), old_string: 'a - b', new_string: 'a + b' } },
              ],
            }
          : { text: 'NO-GATE-FEEDBACK' },
      { text: 'FIXED-IT.' },
    ]);
    const seen: Record<'task' | 'failing' | 'passing', string[] | null> = { task: null, failing: null, passing: null };
    const before = api.mainRequests().length;
    const r = await runInteractive({
      api,
      cwd: p.root,
      prompt: 'Change add().',
      pluginDir: CSM_ROOT,
      // the fix went unchecked (Stop does not judge the turn it re-opened): the person asks, from the pane's command
      type: [{ when: (s) => s.includes('FIXED-IT.'), keys: '/csm gates\r' }],
      until: async (_s, raw) => {
        const rows = await screenRows(raw);
        const pane = paneRows(rows).join('\n');
        if (!seen.task && pane.includes('▶ task-1 TASK-PANE: keep add() right')) seen.task = rows;
        if (!seen.failing && pane.includes('gates ✗ test (broken in this session)')) seen.failing = rows;
        if (seen.failing && !seen.passing && pane.includes('gates ✓ test')) seen.passing = rows;
        return seen.passing !== null;
      },
      timeoutMs: 90_000,
    });
    keep(r.home);
    const why = `netns=${r.netns}\n${(await screenRows(r.raw)).join('\n')}`;
    expect(seen.task, why).not.toBeNull();
    expect(seen.failing, why).not.toBeNull();
    expect(paneRows(seen.failing ?? []).join('\n')).toMatch(/last Stop \d\d:\d\d: kept Claude working \(test\)/);
    expect(seen.passing, why).not.toBeNull();
    expect(paneRows(seen.passing ?? []).join('\n')).toContain('add(2, 3) is 5');
    // Stop, then the fix, then `/csm gates`: two model turns after the block, none for the command
    expect(api.mainRequests().length - before, why).toBe(4);
    // the picture in the README: the pane as this run drew it once the fix passed
    if (process.env.CSM_E2E_SCREENSHOT)
      writeFileSync(process.env.CSM_E2E_SCREENSHOT, screenSvg(seen.passing ?? [], "csm's pane in Claude Code"));
  });

  it('records 20 edits once each in-process, starting no hook process for them', async () => {
    const p = project({ tasks: [{ title: 'Write twenty modules' }] });
    api.setScript(twentyWrites(p));
    const { run: r, why } = await run({ cwd: p.root, prompt: 'Write the modules.', env: { CSM_DEBUG: '1' } });
    expect(r.code, why).toBe(0);
    const edits = p.ledger('file.edited');
    expect(edits.map((e) => e.path).sort(), why).toEqual(Array.from({ length: 20 }, (_, i) => `src/m${i}.js`).sort());
    expect(new Set(edits.map((e) => e.task)), why).toEqual(new Set(['task-1']));
    expect(hookRuns(p.root), 'the PostToolUse bundle started for an edit the mod recorded').toBe(0);
  });

  it('with mods off, the command hook records the same 20 edits once each', async () => {
    const p = project({ tasks: [{ title: 'Write twenty modules' }] });
    api.setScript(twentyWrites(p));
    const { run: r, why } = await run({
      cwd: p.root,
      prompt: 'Write the modules.',
      home: modsOffHome(),
      env: { CSM_DEBUG: '1', CLAUDE_CODE_GB_DISK_CACHE_WHEN_TELEMETRY_OFF: '1' },
    });
    expect(r.code, why).toBe(0);
    expect(readFileSync(r.debugFile, 'utf8'), why).toMatch(/hooks module csm@inline not loaded/);
    const edits = p.ledger('file.edited');
    expect(edits.map((e) => e.path).sort(), why).toEqual(Array.from({ length: 20 }, (_, i) => `src/m${i}.js`).sort());
    expect(hookRuns(p.root)).toBe(20);
  });
});
