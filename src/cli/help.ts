import { VERSION } from '../version.ts';
import { COMMON_FLAGS, type FlagSpecs } from './args.ts';
import type { Command } from './command.ts';

const WIDTH = 80;

/** `text` cut at spaces into lines of at most `width - indent` characters, every line after the first indented. */
export function wrap(text: string, indent: number, width = WIDTH): string {
  const room = Math.max(20, width - indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

const GROUPS: [string, string[]][] = [
  ['Start', ['init', 'start', 'demo']],
  ['During a session', ['plan', 'task', 'status', 'gates', 'switch', 'memory', 'pause', 'resume']],
  ['Finish', ['report', 'complete', 'metrics']],
  ['Setup and care', ['doctor', 'profile', 'statusline', 'uninstall']],
];

/** `csm --help`: the commands by what they are for, within 80 columns, and how to begin. */
export function topHelp(commands: readonly Command[]): string {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const listed = new Set(GROUPS.flatMap(([, names]) => names));
  const groups = [...GROUPS, ['More', commands.map((c) => c.name).filter((n) => !listed.has(n))] as [string, string[]]];
  const sections = groups
    .filter(([, names]) => names.some((n) => byName.has(n)))
    .map(([title, names]) => {
      const rows = names.flatMap((n) => {
        const c = byName.get(n);
        return c ? [`  ${c.name.padEnd(11)} ${wrap(c.summary, 14)}`] : [];
      });
      return `${title}:\n${rows.join('\n')}`;
    });
  return `csm ${VERSION} — Claude Session Manager
A coding session with Claude as a managed unit of work.

Usage: csm <command> [options]

Getting started:
  csm init --settings          create .claude/ and register the hooks
  csm start "Add OAuth login"  begin a session (Claude plans it: /csm:plan)
  csm status                   where the session stands

${sections.join('\n\n')}

csm help <command> (or csm <command> --help) shows a command's options.
Exit codes: 0 ok, 1 failure, 2 usage mistake.
`;
}

/** A command's help: usage, what it does, its options (each within 80 columns) and examples. */
export function helpText(usage: string, summary: string, specs: FlagSpecs, more = ''): string {
  const rows = Object.entries({ ...specs, ...COMMON_FLAGS }).map(([k, s]) => {
    const name = `--${k}${s.value ? ` <${s.value}>` : ''}${s.type === 'list' ? ' …' : ''}`;
    const left = `${s.short ? `-${s.short}, ` : '    '}${name}`;
    return left.length > 28
      ? `  ${left}\n${' '.repeat(31)}${wrap(s.help, 31)}`
      : `  ${left.padEnd(28)} ${wrap(s.help, 31)}`;
  });
  const details = more ? `\n${paragraphs(more)}\n` : '';
  return `Usage: ${wrap(usage, 7)}\n\n${wrap(summary, 0)}\n\nOptions (… repeatable):\n${rows.join('\n')}\n${details}`;
}

/** Free text within 80 columns: following lines form a paragraph; an indented line (an example) keeps its indent. */
function paragraphs(text: string): string {
  const out: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length) out.push(wrap(para.join(' '), 0));
    para = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
      out.push('');
    } else if (/^\s/.test(line)) {
      flush();
      const indent = line.length - line.trimStart().length;
      out.push(line.length <= WIDTH ? line : ' '.repeat(indent) + wrap(line.trim(), indent + 4));
    } else para.push(line.trim());
  }
  flush();
  return out.join('\n');
}
