/**
 * The HTML report of a realistic three-session history (issue 27 §7), read in headless Chromium:
 * a score trend with its axis and values, full task names, legends, gate runs placed in time and
 * named by the Stop or task they belong to, local times, a regression Stop caught and the session
 * fixed counted as the gate working, and a success line a person can open. CSM_SAVE_SCREENSHOT=<png>
 * keeps the screenshot (the README's docs/html-report.png comes from here).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { at, createTempRepo, csm, editPayload, runHook, writeFiles } from './support/temp-repo.ts';

const CHROMIUM =
  ['chromium', 'chromium-browser', 'google-chrome'].find(
    (c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0,
  ) ?? null;

const ZONE = 'Europe/Paris';

interface Session {
  day: string;
  objective: string;
  tasks: { title: string; estimate: number; file: string; minutes: number }[];
  /** The task (index) during which a change breaks the check and Stop blocks once. */
  breaks?: number;
}

const HISTORY: Session[] = [
  {
    day: '2026-03-02',
    objective: 'Add a clamp() helper',
    tasks: [
      { title: 'Add clamp(value, min, max) to src/math.js', estimate: 15, file: 'src/math.js', minutes: 12 },
      { title: 'Document clamp in the README', estimate: 5, file: 'README.md', minutes: 4 },
    ],
  },
  {
    day: '2026-03-03',
    objective: 'Parse durations like 1h30m',
    tasks: [
      {
        title: 'Write parseDuration() for h, m and s units with validation',
        estimate: 25,
        file: 'src/duration.js',
        minutes: 28,
      },
      {
        title: 'Reject negative and empty durations with a RangeError',
        estimate: 15,
        file: 'src/duration.js',
        minutes: 10,
      },
      { title: 'Document parseDuration in the README with examples', estimate: 10, file: 'README.md', minutes: 6 },
    ],
    breaks: 1,
  },
  {
    day: '2026-03-04',
    objective: 'Add a --json output mode to the CLI',
    tasks: [
      {
        title: 'Add a --json flag to the argument parser and its help text',
        estimate: 20,
        file: 'src/args.js',
        minutes: 14,
      },
      {
        title: "Print every command's result as one JSON object on stdout",
        estimate: 30,
        file: 'src/print.js',
        minutes: 42,
      },
      {
        title: 'Keep human output unchanged when --json is absent (snapshot tests)',
        estimate: 15,
        file: 'test/print.test.js',
        minutes: 12,
      },
      {
        title: 'Document the --json mode and its schema in docs/cli.md',
        estimate: 10,
        file: 'docs/cli.md',
        minutes: 8,
      },
    ],
    breaks: 1,
  },
];

const hhmm = (minutes: number): string =>
  `${String(9 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** One session played with the real CLI and hooks, each step at its own CSM_NOW. */
async function play(dir: string, s: Session): Promise<void> {
  let t = 0;
  const env = (): { env: Record<string, string> } => ({ env: { CSM_NOW: at(hhmm(t), s.day), TZ: ZONE } });
  const ok = async (...args: string[]): Promise<void> => {
    const r = await csm(dir, ...args, env());
    expect(r.code, `csm ${args.join(' ')}: ${r.stderr}${r.stdout}`).toBe(0);
  };
  await ok('start', s.objective, '--no-carry');
  for (const task of s.tasks) await ok('task', 'add', task.title, '--estimate', String(task.estimate));
  for (const [i, task] of s.tasks.entries()) {
    t += 2;
    await ok('task', 'next', '--start');
    const steps = Math.max(1, Math.round(task.minutes / 6));
    for (let k = 0; k < steps; k++) {
      t += Math.round(task.minutes / steps);
      writeFiles(dir, { [task.file]: `// ${task.title}, step ${k}\nexport const v${i} = ${k};\n` });
      expect((await runHook('post-tool-use', editPayload(dir, task.file), env())).code).toBe(0);
    }
    if (s.breaks === i) {
      writeFiles(dir, { 'broken.flag': 'x\n' });
      const blocked = await runHook('stop', stopPayload(dir), env());
      expect(blocked.stdout, 'Stop blocks on the broken check').toMatch(/"decision":\s*"block"/);
      t += 5;
      fs.rmSync(path.join(dir, 'broken.flag'));
      writeFiles(dir, { [task.file]: `// ${task.title}, fixed\nexport const v${i} = 0;\n` });
      expect((await runHook('post-tool-use', editPayload(dir, task.file), env())).code).toBe(0);
    }
    t += 1;
    expect((await runHook('stop', stopPayload(dir), env())).stdout).not.toMatch(/"decision":\s*"block"/);
    await ok('task', 'done', `task-${i + 1}`);
  }
  t += 2;
  await ok('complete');
}

const stopPayload = (dir: string): Record<string, unknown> => ({
  session_id: '3f9c2a1e-5b7d-4e21-9a0c-1d2e3f4a5b6c',
  transcript_path: path.join(dir, 'transcript.jsonl'),
  cwd: dir,
  hook_event_name: 'Stop',
  stop_hook_active: false,
});

describe('csm report --html over three sessions', () => {
  it.skipIf(CHROMIUM === null && process.env.CI !== 'true')(
    'trend with axis and values, full names, legends, gate runs in time, local times, caught-and-fixed is no bug',
    async () => {
      expect(CHROMIUM, 'CI installs chromium (.ci/run)').not.toBeNull();
      const check = { name: 'check', command: 'test ! -f broken.flag' };
      const config = { detectGates: false, consoleCheck: { enabled: false }, gates: [check] };
      const dir = createTempRepo({
        files: {
          'src/index.js': 'export {};\n',
          'README.md': '# tiny\n',
          '.claude/csm.json': `${JSON.stringify(config)}\n`,
        },
      });
      for (const s of HISTORY) await play(dir, s);

      const r = await csm(dir, 'report', '--html', '--session', '003', { env: { TZ: ZONE } });
      expect(r.code, r.stderr).toBe(0);
      const file = path.join(fs.realpathSync(dir), '.claude', '.csm', 'report-003.html');
      expect(r.stdout, 'the success line names the page absolutely, and as a URL').toContain(`✓ ${file} (`);
      expect(r.stdout).toContain(`open it: ${pathToFileURL(file).href}`);

      const dom = spawnSync(
        CHROMIUM as string,
        ['--headless=new', '--no-sandbox', '--disable-gpu', '--dump-dom', pathToFileURL(file).href],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      ).stdout;
      // the trend: three points with their values, the score axis 0–100
      expect(dom.split('<g data-trend="').length - 1).toBe(3);
      for (const v of ['0', '25', '50', '75', '100'])
        expect(dom).toContain(`text-anchor="end" fill="#616161">${v}</text>`);
      // local times: the session ran 09:00–10:35 UTC on 4 March, 10:00–11:35 in Paris
      expect(dom).toContain('4 Mar 2026, 10:00 → 11:35 (Europe/Paris)');
      expect(dom).toContain(`(${ZONE})`);
      // full task names in the tooltips, legends under the charts
      expect(dom).toContain("<title>task-2 Print every command's result as one JSON object on stdout</title>");
      expect(dom.split('class="legend"').length - 1).toBe(3);
      // gate runs named by what started them, in time order
      const codes = [...dom.matchAll(/data-run="([^"]+)"/g)].map((m) => m[1]);
      expect(codes[0]).toBe('B');
      expect(codes).toEqual(expect.arrayContaining(['S1', 'S2', 'C']));
      expect(dom).toMatch(/check fail at 1\d:\d\d — Stop \d, during task-2 “Print every command's result/);
      // the regression Stop caught and the session fixed: the gate working, not a bug
      expect(dom).toMatch(
        /data-metric="bug rate" title="[^"]*is the gate working, not a bug">bug rate<b>0%<\/b><span class="muted">bugs introduced 0, caught and fixed 1/,
      );

      const shot = path.join(path.dirname(file), 'report.png');
      spawnSync(
        CHROMIUM as string,
        [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--hide-scrollbars',
          `--screenshot=${shot}`,
          '--window-size=1000,1720',
          pathToFileURL(file).href,
        ],
        { timeout: 60_000 },
      );
      expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
      if (process.env.CSM_SAVE_SCREENSHOT) fs.copyFileSync(shot, process.env.CSM_SAVE_SCREENSHOT);
    },
    240_000,
  );
});
