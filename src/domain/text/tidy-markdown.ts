import { textWidth } from '../../kernel/text-width.ts';

/**
 * Markdown as the common formatters (prettier, oxfmt) write it, for the shapes csm generates:
 * one blank line between blocks (headings, paragraphs, lists, tables, comments, quotes), single
 * spaces in prose, lone `*` escaped, and tables aligned column by column. Fenced code and a
 * leading front matter block are left exactly as they are.
 */
type Kind = 'blank' | 'heading' | 'table' | 'item' | 'more' | 'comment' | 'quote' | 'para' | 'fence';

const ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])(\s+|$)/;

function kindOf(line: string, inList: boolean): Kind {
  if (line.trim() === '') return 'blank';
  if (/^\s{0,3}(```|~~~)/.test(line)) return 'fence';
  if (/^#{1,6}(\s|$)/.test(line)) return 'heading';
  if (/^\s*\|/.test(line)) return 'table';
  if (ITEM.test(line)) return 'item';
  if (inList && /^\s{2,}\S/.test(line)) return 'more';
  if (/^<!--/.test(line)) return 'comment';
  if (/^>/.test(line)) return 'quote';
  return 'para';
}

/**
 * Single spaces, escaped lone asterisks and double underscores (formatters rewrite `*a*` and `__a__`) outside `code
 * spans`.
 */
function prose(line: string): string {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const parts = line.slice(indent.length).split(/(`+[^`]*`+)/);
  return (
    indent +
    parts
      .map((p, i) =>
        i % 2 === 1
          ? p
          : p
              .replace(/ {2,}/g, ' ')
              .replace(/(?<![*\\])\*(?!\*)/g, '\\*')
              .replace(/(?<!\\)__/g, '\\_\\_'),
      )
      .join('')
  );
}

const splitRow = (row: string): string[] => {
  const body = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).map((c) => prose(c.trim()).trim());
};

/** A table with every column padded to its widest cell, the delimiter row sized to match. */
function alignTable(rows: readonly string[]): string[] {
  const cells = rows.map(splitRow);
  const delim = cells[1] ?? [];
  if (!delim.every((d) => /^:?-+:?$/.test(d))) return rows.map((r) => r.trim());
  const align = delim.map((d) =>
    d.startsWith(':') && d.endsWith(':') ? 'center' : d.endsWith(':') ? 'right' : d.startsWith(':') ? 'left' : 'none',
  );
  const cols = Math.max(...cells.map((c) => c.length));
  const width = Array.from({ length: cols }, (_, i) =>
    Math.max(3, ...cells.filter((_, r) => r !== 1).map((c) => textWidth(c[i] ?? ''))),
  );
  const pad = (s: string, i: number): string => {
    const gap = (width[i] ?? 3) - textWidth(s);
    const a = align[i];
    if (a === 'right') return ' '.repeat(gap) + s;
    if (a === 'center') return ' '.repeat(Math.floor(gap / 2)) + s + ' '.repeat(Math.ceil(gap / 2));
    return s + ' '.repeat(gap);
  };
  const dash = (i: number): string => {
    const w = width[i] ?? 3;
    const a = align[i];
    if (a === 'center') return `:${'-'.repeat(w - 2)}:`;
    if (a === 'right') return `${'-'.repeat(w - 1)}:`;
    if (a === 'left') return `:${'-'.repeat(w - 1)}`;
    return '-'.repeat(w);
  };
  return cells.map(
    (c, r) => `| ${Array.from({ length: cols }, (_, i) => (r === 1 ? dash(i) : pad(c[i] ?? '', i))).join(' | ')} |`,
  );
}

/** A top-level list item's kind of list: `-`, `*`, `+` or numbered; '' for anything else (nested items included). */
const listType = (line: string): string => {
  const m = /^([-*+]|\d{1,9}[.)])\s/.exec(line);
  return m ? (/\d/.test(m[1] ?? '') ? '1' : (m[1] ?? '')) : '';
};

/** Blocks that follow each other with no blank line between (a paragraph's lines, one list's items, a table's rows). */
const together = (prev: Kind, next: Kind, prevList: string, nextLine: string): boolean =>
  (prev === next && (next === 'para' || next === 'table' || next === 'quote' || next === 'comment')) ||
  ((prev === 'item' || prev === 'more') && next === 'more') ||
  ((prev === 'item' || prev === 'more') &&
    next === 'item' &&
    (listType(nextLine) === '' || listType(nextLine) === prevList));

export function tidyMarkdown(md: string): string {
  const lines = md
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
  const out: string[] = [];
  let i = 0;
  // front matter (an agent's name and tools) stays as written
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      out.push(...lines.slice(0, end + 1));
      i = end + 1;
    }
  }
  let prev: Kind = out.length ? 'comment' : 'blank';
  let inList = false;
  let list = '';
  while (i < lines.length) {
    const line = lines[i] as string;
    const kind = kindOf(line, inList);
    if (kind === 'blank') {
      prev = prev === 'blank' ? 'blank' : prev;
      i++;
      if (out.length && out[out.length - 1] !== '') out.push('');
      inList = inList && ITEM.test(lines[i] ?? '') ? true : inList && /^\s{2,}\S/.test(lines[i] ?? '');
      continue;
    }
    if (out.length && out[out.length - 1] !== '' && !together(prev, kind, list, line)) out.push('');
    if (kind === 'fence') {
      const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1] ?? '```';
      out.push(line);
      for (i++; i < lines.length; i++) {
        out.push(lines[i] as string);
        if ((lines[i] as string).trim().startsWith(open)) break;
      }
      i++;
    } else if (kind === 'table') {
      const rows: string[] = [];
      while (i < lines.length && kindOf(lines[i] as string, false) === 'table') rows.push(lines[i++] as string);
      out.push(...alignTable(rows));
    } else {
      out.push(kind === 'comment' ? line : prose(line));
      i++;
    }
    inList = kind === 'item' || (inList && kind === 'more');
    if (kind === 'item' && listType(line)) list = listType(line);
    prev = kind;
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
