/**
 * `csm report --html` (issue 16 §2) looked at in a real browser: headless Chromium loads the page
 * from disk, its DOM holds every task, gate run and trend point the ledger and history hold, and
 * its screenshot is not blank. A 50-task session stays under 200 KB.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  createTempRepo,
  csm,
  csmJson,
  editPayload,
  makeTempDir,
  readLedger,
  readTasks,
  runHook,
  writeFiles,
} from './support/temp-repo.ts';

const CHROMIUM =
  ['chromium', 'chromium-browser', 'google-chrome'].find(
    (c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0,
  ) ?? null;
const chrome = (args: string[]): string => {
  const r = spawnSync(
    CHROMIUM as string,
    ['--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...args],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`chromium ${args.join(' ')}: ${r.stderr.slice(-500)}`);
  return r.stdout;
};

/** Share of pixels that are not (near) white in an 8-bit RGB/RGBA PNG: a blank page gives 0. */
function inkShare(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = png[25] === 6 ? 4 : png[25] === 2 ? 3 : 0;
  if (png[24] !== 8 || channels === 0)
    throw new Error(`unexpected PNG format (depth ${png[24]}, colour type ${png[25]})`);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let prev = Buffer.alloc(stride);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (row[i - channels] as number) : 0;
      const b = prev[i] as number;
      const c = i >= channels ? (prev[i - channels] as number) : 0;
      const p = a + b - c;
      const pred =
        filter === 1
          ? a
          : filter === 2
            ? b
            : filter === 3
              ? (a + b) >> 1
              : filter === 4
                ? Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
                  ? a
                  : Math.abs(p - b) <= Math.abs(p - c)
                    ? b
                    : c
                : 0;
      row[i] = ((row[i] as number) + pred) & 0xff;
    }
    for (let x = 0; x < width; x++)
      if (
        (row[x * channels] as number) < 200 ||
        (row[x * channels + 1] as number) < 200 ||
        (row[x * channels + 2] as number) < 200
      )
        ink++;
    prev = row;
  }
  return ink / (width * height);
}

const count = (html: string, attr: string): number => html.split(attr).length - 1;

describe('csm report --html in a real browser', () => {
  it.skipIf(CHROMIUM === null && process.env.CI !== 'true')(
    'a 50-task session: every task, gate run and trend point on the page, under 200 KB, not blank',
    async () => {
      expect(CHROMIUM, 'CI installs chromium (.ci/run)').not.toBeNull();
      const dir = createTempRepo({
        files: {
          'src/a.js': 'exports.a = 1;\n',
          '.claude/csm.json': `${JSON.stringify({
            detectGates: false,
            consoleCheck: { enabled: false },
            docsCheck: { enabled: false },
            gates: [
              { name: 'check', command: 'test ! -f broken.flag' },
              { name: 'style', command: 'true', blocking: false },
            ],
          })}\n`,
        },
      });
      // a finished session first, for the trend
      await csmJson(dir, 'start', 'Warm-up', '--no-baseline');
      await csmJson(dir, 'task', 'add', 'Only step');
      await csmJson(dir, 'task', 'start', 'task-1');
      await csmJson(dir, 'task', 'done', 'task-1', '--force');
      await csmJson(dir, 'complete', '--no-gates');
      // the session the page is about: 50 tasks, some done with edits, a failing then passing gate
      await csmJson(dir, 'start', 'Fifty steps <and> "quotes"', '--no-baseline');
      const plan = {
        tasks: Array.from({ length: 50 }, (_, i) => ({
          ref: `p${i}`,
          title: `Step ${i + 1} <b>bold?</b>`,
          agent: 'backend-specialist',
          estimateMinutes: 5 + (i % 7),
          expectedLines: 20,
          criteria: ['works'],
          tests: [],
          files: [],
          dependsOn: [],
        })),
        risks: [],
      };
      const planFile = path.join(makeTempDir('csm-html-plan-'), 'plan.json');
      fs.writeFileSync(planFile, JSON.stringify(plan));
      expect((await csm(dir, 'plan', '--from-json', planFile)).code).toBe(0);
      for (let i = 1; i <= 6; i++) {
        await csmJson(dir, 'task', 'start', `task-${i}`);
        writeFiles(dir, { [`src/step${i}.js`]: `exports.s = ${i};\n` });
        expect((await runHook('post-tool-use', editPayload(dir, `src/step${i}.js`))).code).toBe(0);
        if (i === 3) {
          writeFiles(dir, { 'broken.flag': 'x\n' });
          await csm(dir, 'gates');
          fs.rmSync(path.join(dir, 'broken.flag'));
          await csm(dir, 'gates');
        }
        if (i < 6) await csmJson(dir, 'task', 'done', `task-${i}`, '--force');
      }
      const r = await csmJson<{ html: string; bytes: number }>(dir, 'report', '--html');
      expect(r.html).toBe(path.join(fs.realpathSync(dir), '.claude', '.csm', 'report-002.html'));
      expect(r.bytes).toBeLessThan(200 * 1024);
      const raw = fs.readFileSync(r.html, 'utf8');
      expect(raw).not.toMatch(/<script|<link|@import|url\(|https?:\/\//);
      expect(raw).not.toContain('<b>bold?</b>');

      const dom = chrome(['--dump-dom', `file://${r.html}`]);
      const tasks = readTasks(dir, '002').tasks as { id: string; files: string[] }[];
      expect(tasks).toHaveLength(50);
      expect(count(dom, 'data-task-row="'), 'a table row per task').toBe(50);
      expect(count(dom, '<g data-task="'), 'a timeline row per task').toBe(50);
      expect(count(dom, '<g data-estimate="'), 'an estimate pair per task').toBe(50);
      for (const t of tasks)
        expect(dom, t.id).toContain(
          `data-task-row="${t.id}"><td>${t.id}</td><td>Step ${t.id.slice(5)} &lt;b&gt;bold?&lt;/b&gt;</td>`,
        );
      for (const t of tasks.filter((x) => x.files.length))
        expect(dom).toMatch(new RegExp(`data-task-row="${t.id}">.*?data-files="${t.files.length}"`));
      const runs = readLedger(dir, '002').filter((e) => e.type === 'gate.run') as unknown as { results: unknown[] }[];
      expect(count(dom, '<circle data-gate="'), 'a mark per gate result').toBe(
        runs.reduce((n, x) => n + x.results.length, 0),
      );
      expect(count(dom, 'data-status="fail"'), 'the failing run').toBeGreaterThan(0);
      expect(count(dom, '<g data-trend="'), 'a point per finished session').toBe(1);

      const shot = path.join(makeTempDir('csm-html-shot-'), 'report.png');
      chrome([`--screenshot=${shot}`, '--window-size=1000,1600', `file://${r.html}`]);
      const ink = inkShare(fs.readFileSync(shot));
      expect(ink, 'the screenshot is not blank').toBeGreaterThan(0.02);
      if (process.env.CSM_SAVE_SCREENSHOT) fs.copyFileSync(shot, process.env.CSM_SAVE_SCREENSHOT);
      console.log(
        `html report: 50 tasks, ${runs.length} gate runs, ${Math.round(r.bytes / 1024)} KB, ${(ink * 100).toFixed(1)}% of the screenshot inked (${CHROMIUM})`,
      );
    },
    180_000,
  );
});
