/**
 * A runner's output as plain text: every terminal control sequence removed (CSI colours and
 * cursor moves, OSC titles and hyperlinks, charset selection, other escapes), backspace
 * overstrikes resolved, carriage-return progress lines reduced to what was last drawn, and the
 * remaining control bytes (but tab and newline) dropped.
 */
const ESCAPES = new RegExp(
  [
    '\\u001b\\][\\s\\S]*?(?:\\u0007|\\u001b\\\\)', // OSC … BEL or ST (titles, OSC 8 links)
    '\\u001b[P^_X][\\s\\S]*?\\u001b\\\\', // DCS, PM, APC, SOS … ST
    '\\u001b\\[[0-?]*[ -/]*[@-~]', // CSI: colours, cursor moves, erase
    '\\u009b[0-?]*[ -/]*[@-~]', // 8-bit CSI
    '\\u001b[()*+\\-./][ -~]', // charset selection: ESC ( B
    '\\u001b[ -/]*[0-~]', // any other escape: ESC 7, ESC =, ESC M …
  ].join('|'),
  'g',
);
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u009f]/g;

/**
 * `a\bb` prints b over a; `_\bx` (underline) and `x\bx` (bold) leave x. A backspace that nothing
 * overwrites (`expected 3\b` at the end of a line, as a Go test prints a %q-less byte) erases
 * nothing: on paper the 3 is still there.
 */
function overstrike(line: string): string {
  if (!line.includes('\b')) return line;
  const chars = [...line];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch !== '\b') out.push(ch);
    else if (i + 1 < chars.length && chars[i + 1] !== '\b') out.pop();
  }
  return out.join('');
}

/**
 * A line redrawn with \r (a progress bar, a spinner) shows its last drawing; tools clear the line before they redraw
 * it.
 */
function lastDrawn(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r').filter((p) => p.trim() !== '');
  return parts[parts.length - 1] ?? '';
}

export function cleanTerminalText(raw: string): string {
  return raw
    .replace(ESCAPES, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => lastDrawn(overstrike(l)).replace(CONTROLS, '').replace(/\s+$/, ''))
    .join('\n');
}
