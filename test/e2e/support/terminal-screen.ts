/**
 * What a person sees in the terminal, not the byte stream: the pty's output replayed through a
 * terminal emulator (@xterm/headless, the same parser VS Code's terminal uses) at the size the CLI
 * was given, its visible rows read back as text. A redraw that changes two characters reads here
 * as the whole new line. Also an SVG of that screen, for the README.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Terminal } = require('@xterm/headless') as typeof import('@xterm/headless');

export async function screenRows(raw: string, cols = 200, rows = 50): Promise<string[]> {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  await new Promise<void>((resolve) => term.write(raw, resolve));
  const b = term.buffer.active;
  const out: string[] = [];
  for (let i = b.viewportY; i < b.viewportY + term.rows; i++) out.push(b.getLine(i)?.translateToString(true) ?? '');
  term.dispose();
  return out;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The rows as an SVG picture of a dark terminal (monospace, one text line per row, no colours). */
export function screenSvg(rows: readonly string[], title: string): string {
  const width = Math.max(...rows.map((r) => [...r].length), 40);
  const cw = 8.4;
  const lh = 17;
  const w = Math.ceil(width * cw + 24);
  const h = rows.length * lh + 24;
  const lines = rows.map(
    (r, i) => `<text x="12" y="${18 + i * lh}" xml:space="preserve">${escape(r.replace(/\s+$/, ''))}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<title>${escape(title)}</title>`,
    `<rect width="100%" height="100%" fill="#1e1e1e"/>`,
    `<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" fill="#d4d4d4">`,
    ...lines,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
