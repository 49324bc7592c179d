import type { ReportData } from './report-data.ts';
import type { Ratio } from './session-metrics.ts';
import { percent } from '../text/percent.ts';

/** Markdown pieces both reports use: table cells, lists, percentages, short hashes, gate marks. */

export const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
export const list = (items: readonly string[], none = 'none'): string =>
  items.length ? items.map((i) => `- ${i}`).join('\n') : `- ${none}`;
export const pct = (r: Ratio): string => percent(r.value);
export const num2 = (n: number): string => n.toFixed(2);
export const min = (n: number | null): string => (n === null ? '—' : String(n));
export const short = (sha: string | null): string => (sha ? sha.slice(0, 7) : 'none');
/** What the file table counts from: the session's start (its commit and what was uncommitted then), else its base. */
export const filesSince = (d: ReportData): string =>
  d.fromStartTree
    ? `the session started (${d.baseCommit ? short(d.baseCommit) : 'no commit'} and the changes uncommitted then)`
    : d.baseCommit
      ? short(d.baseCommit)
      : 'HEAD (no base commit was recorded)';
export const STATUS: Record<string, string> = { pass: '✓', fail: '✗', error: '⚠', skipped: '–' };

export const head = (title: string, heading: string): string => `# ${title}\n\n> ${heading}\n`;
