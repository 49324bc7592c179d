import type { ProjectFacts } from '../../contracts/project-facts.ts';
import { fileAsData } from '../reports/as-data.ts';
import type { GateDef } from './gate-def.ts';

/**
 * Where what a gate runs is written, beyond its command: the package scripts it reaches (with the
 * `pre`/`post` scripts the package manager runs around them), the settings that change how scripts
 * run (`.npmrc`'s `script-shell`, `node-options`, yarn's `yarnPath`), the Makefile, the task
 * runner's file. A change to any of them since the session started changes what Stop would run,
 * so Stop runs the gate only once that is accepted (`csm gates --trust`).
 */

/** The files that change how scripts and targets run, by name (null or absent: no such file), as read now. */
export type RunFiles = Readonly<Record<string, string | null>>;

const PM = /(?:^|[^\w.-])(npm|pnpm|yarn|bun|npx|turbo|nx|lerna)(?![\w.-])/;
const MAKE = /(?:^|[^\w.-])g?make(?![\w.-])/;
/** Runners that take script names by pattern: every script of the project counts then. */
const BY_PATTERN = /(?:^|[^\w.-])(run-s|run-p|npm-run-all2?|concurrently|wireit)(?![\w.-])/;
const ALIASES: Record<string, string[]> = { t: ['test'], tst: ['test'], restart: ['restart', 'stop', 'start'] };
/** The settings lines that change how scripts run (never a registry or its token). */
const RUN_KEYS = [
  'script-?shell',
  'shell-?emulator',
  'shell',
  'node-?options',
  'ignore-?scripts',
  'enable-?pre-?post-?scripts',
  'onload-?script',
  'userconfig',
  'globalconfig',
  'yarn-?path',
  'plugins',
  'preload',
  'scripts-prepend-node-path',
];
const RUN_SETTING = new RegExp(`^\\s*["']?(${RUN_KEYS.join('|')})\\b`, 'i');

/** Each package's scripts: the root's under `package.json`, a workspace member's under `<dir>/package.json`. */
function packages(facts: ProjectFacts): [string, Record<string, string>][] {
  const out: [string, Record<string, string>][] = [];
  if (facts.node) out.push(['package.json', facts.node.scripts]);
  for (const w of facts.workspaces ?? [])
    if (w.dir !== '' && w.dir !== '.') out.push([`${w.dir}/package.json`, w.scripts]);
  return out;
}

const wordsOf = (text: string): string[] => text.split(/[^\w:.@/-]+/).filter(Boolean);

/** The scripts `texts` reach, followed through the scripts they name, with `pre`/`post` around each. */
function reachedScripts(texts: string[], pkgs: [string, Record<string, string>][]): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  const known = new Set(pkgs.flatMap(([, s]) => Object.keys(s)));
  const queue = [...texts];
  for (let text = queue.shift(); text !== undefined; text = queue.shift()) {
    if (BY_PATTERN.test(text)) for (const [file, s] of pkgs) for (const n of Object.keys(s)) add(file, n, s);
    for (const w of wordsOf(text)) {
      for (const name of ALIASES[w] ?? [w]) {
        if (!known.has(name) || seen.has(name)) continue;
        seen.add(name);
        for (const [file, s] of pkgs) for (const n of [`pre${name}`, name, `post${name}`]) add(file, n, s);
      }
    }
  }
  return out;

  function add(file: string, name: string, scripts: Record<string, string>): void {
    const id = `${file} script "${name}"`;
    const v = scripts[name];
    if (v === undefined || out.has(id)) return;
    out.set(id, v);
    queue.push(v);
  }
}

/** The lines of a settings file that change how scripts run, with the indented lines under each. */
export function runSettings(text: string): string {
  const out: string[] = [];
  let under = false;
  for (const line of text.split(/\r?\n/)) {
    if (RUN_SETTING.test(line)) {
      out.push(line.trimEnd());
      under = true;
    } else if (under && /^(\s+\S|\s*-\s)/.test(line)) out.push(line.trimEnd());
    else under = false;
  }
  return out.join('\n');
}

/**
 * A gate's sources: each one's name as the user knows it and what it says now. A csm-built command
 * (`go test ./...`, `npx tsc --noEmit`) is not one of them; a command the repository wrote (in
 * `.claude/csm.json`, in a CI workflow) is. A pre/post script that does not exist yet is absent
 * here, so one added later shows as new.
 */
export function gateSources(gate: GateDef, facts: ProjectFacts, files: RunFiles): Record<string, string> {
  const out: Record<string, string> = {};
  if (gate.command === null) return out;
  if (gate.source === 'config') out[`.claude/csm.json gate "${gate.name}"`] = gate.command;
  if (gate.source === 'ci') out[`the CI workflow step of gate "${gate.name}"`] = gate.command;
  const scripts = reachedScripts([gate.command], packages(facts));
  for (const [id, text] of scripts) out[id] = text;
  const all = [gate.command, ...scripts.values()].join('\n');
  const file = (name: string, text: string | null | undefined): void => {
    if (text !== null && text !== undefined && text !== '') out[name] = text;
  };
  if (PM.test(all) || scripts.size > 0) {
    for (const name of ['.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', 'bunfig.toml']) {
      const t = files[name];
      file(`${name} script settings`, t == null ? null : runSettings(t));
    }
    if (/\bturbo\b/.test(all)) file('turbo.json', files['turbo.json']);
    if (/\bnx\b/.test(all)) file('nx.json', files['nx.json']);
  }
  if (MAKE.test(all)) {
    const name = ['GNUmakefile', 'makefile', 'Makefile'].find((n) => files[n] != null);
    if (name) file(name, files[name]);
    for (const key of Object.keys(files)) {
      if (key.startsWith('include:')) file(`${key.slice(8)} (included by the ${name ?? 'Makefile'})`, files[key]);
    }
  }
  if (/\b(pytest|tox)\b/.test(all)) for (const name of ['pytest.ini', 'tox.ini']) file(name, files[name]);
  if (/\bcargo\b/.test(all)) file('.cargo/config.toml', files['.cargo/config.toml']);
  return out;
}

/** A source as the trust record keeps it: a digest of its text, and the text as shown (redacted, capped). */
export interface SourceSeen {
  digest: string;
  shown: string;
}

/** A line of the repository's text for a message: one line, no control or bidi characters, no host-like markup. */
const firstLine = (text: string, max = 80): string => {
  const line = fileAsData(text.split('\n').find((l) => l.trim() !== '') ?? '');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Every line of a short text on one line (a new source is shown whole: what is accepted is what was seen). */
function allLines(text: string, max = 400): string {
  const line = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => fileAsData(l))
    .join(' | ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `old → new` of one line, from a little before where they differ (a long command's change stays in view). */
function fromTo(before: string, now: string): string {
  let p = 0;
  while (p < before.length && p < now.length && before[p] === now[p]) p++;
  const from = Math.max(0, p - 24);
  const clip = (t: string): string => (from > 0 ? `…${t.slice(from)}` : t);
  return `${firstLine(clip(before), 60)} → ${firstLine(clip(now))}`;
}

/** How a text changed: `old → new` for one line changed, else the first lines added (+) and removed (-). */
function howChanged(before: string, now: string): string {
  const was = new Set(before.split('\n'));
  const is = new Set(now.split('\n'));
  const added = [...is].filter((l) => l.trim() !== '' && !was.has(l));
  const removed = [...was].filter((l) => l.trim() !== '' && !is.has(l));
  if (added.length === 1 && removed.length === 1) return fromTo(removed[0] ?? '', added[0] ?? '');
  const lines = [...added.map((l) => `+ ${firstLine(l)}`), ...removed.map((l) => `- ${firstLine(l)}`)];
  return lines.length > 4 ? `${lines.slice(0, 4).join(' ')} (and ${lines.length - 4} more lines)` : lines.join(' ');
}

/**
 * What changed in a gate's sources since they were accepted, one phrase each: "package.json script
 * "pretest" is new: node x.js", "Makefile changed: + curl … | sh". Empty when nothing did.
 */
export function sourceChanges(
  accepted: Readonly<Record<string, SourceSeen>>,
  now: Readonly<Record<string, SourceSeen>>,
): string[] {
  const out: string[] = [];
  for (const [id, s] of Object.entries(now)) {
    const was = accepted[id];
    if (was === undefined) out.push(`${id} ${/settings$/.test(id) ? 'are' : 'is'} new: ${allLines(s.shown)}`);
    else if (was.digest !== s.digest) {
      const how = howChanged(was.shown, s.shown);
      out.push(`${id} changed${how ? `: ${how}` : ''}`);
    }
  }
  for (const id of Object.keys(accepted))
    if (!(id in now)) out.push(`${id} ${/settings$/.test(id) ? 'were' : 'was'} removed`);
  return out;
}
