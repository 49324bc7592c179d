/**
 * The status line in the real Claude Code CLI (2.1.331), interactive, in a pseudo-terminal: `-p`
 * draws no status line, so this is the one place csm's statusline gets Claude Code's own payload
 * (issue 16 §1). The fake API reports a nearly full context window (850,000 of 1,000,000 input
 * tokens); csm shows it and writes one hand-off note into the session's ledger.
 */
import { describe, expect, it } from 'vitest';
import { CSM_CLI, CSM_ROOT } from './support/csm-project.ts';
import { runInteractive } from './support/run-interactive.ts';
import { e2eSuite } from './support/suite.ts';

const { api, project, keep } = e2eSuite();
const flat = (s: string): string => s.replace(/\s+/g, '');

describe('csm statusline in the interactive CLI', () => {
  it("shows how full Claude's context window is and, past 85 %, writes one hand-off for the task in progress", async () => {
    const p = project({
      tasks: [{ title: 'TASK-AUTH: add the token check', criteria: ['a request without a token gets 401'] }],
    });
    api.setScript({
      turns: [{ text: 'STATUS-LINE-TURN: looked at the code.', inputTokens: 850_000 }],
      fallback: { text: 'MORE', inputTokens: 850_000 },
    });
    const handoffs = () => p.ledger('context.handoff');
    const r = await runInteractive({
      api,
      cwd: p.root,
      prompt: 'Look at the code.',
      pluginDir: CSM_ROOT,
      userSettings: { statusLine: { type: 'command', command: `node "${CSM_CLI}" statusline`, refreshInterval: 1 } },
      // the hand-off is written and the line that says so was drawn
      until: (screen) => handoffs().length > 0 && flat(screen).includes('hand-offsaved'),
      timeoutMs: 60_000,
    });
    keep(r.home);
    const why = `netns=${r.netns}\nscreen tail: ${r.screen.slice(-1500)}`;
    expect(r.reached, why).toBe(true);
    expect(api.mainRequests().length, why).toBeGreaterThanOrEqual(1);
    // compared without white space: a terminal UI may draw a space as a cursor move
    const screen = flat(r.screen);
    expect(screen, why).toContain('STATUS-LINE-TURN');
    // the line as csm draws it from the CLI's payload: session, task, context
    expect(screen, why).toMatch(/csm\d{3}▶task-1TASK-AUTH:addthetokencheck/);
    expect(screen, why).toContain('ctx85%');
    // one hand-off, for the highest threshold passed, however often the line was redrawn
    const h = handoffs();
    expect(h.map((e) => e.reason)).toEqual(['context 85% (window 85% full)']);
    expect(String(h[0]?.text)).toContain('TASK-AUTH: add the token check');
    expect(String(h[0]?.text)).toContain('a request without a token gets 401');
    // nothing left the machine: what the interactive CLI tried elsewhere was refused at the proxy
    for (const x of api.refused()) expect(x.method, JSON.stringify(x)).toBe('CONNECT');
  });
});
