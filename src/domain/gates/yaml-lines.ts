/**
 * The two things csm reads from YAML — the `run:` steps of GitHub workflows and the `packages:`
 * of pnpm-workspace.yaml — read line by line: block scalars (`|`, `>` with their indicators),
 * quoted and plain scalars, block and flow lists. A full YAML parser would triple the Stop
 * hook's bundle for two keys.
 */

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** A one-line scalar: quotes removed (with their escapes), a plain scalar's trailing comment dropped. */
export function scalar(raw: string): string {
  const v = raw.trim();
  if (v.startsWith("'")) return v.slice(1, v.lastIndexOf("'") > 0 ? v.lastIndexOf("'") : undefined).replace(/''/g, "'");
  if (v.startsWith('"')) {
    const esc: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/' };
    let out = '';
    for (let i = 1; i < v.length; i++) {
      const c = v[i] as string;
      if (c === '"') break;
      if (c === '\\' && i + 1 < v.length) out += esc[v[++i] as string] ?? `\\${v[i]}`;
      else out += c;
    }
    return out;
  }
  return v.replace(/\s+#.*$/, '');
}

/** The lines of a block scalar starting after `start`, more indented than `keyIndent`, with their common indentation removed. */
function blockLines(lines: readonly string[], start: number, keyIndent: number): { text: string[]; next: number } {
  const body: string[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() !== '' && indentOf(l) <= keyIndent) break;
    body.push(l);
  }
  while (body.length && (body[body.length - 1] as string).trim() === '') body.pop();
  const common = Math.min(...body.filter((l) => l.trim() !== '').map(indentOf));
  return { text: body.map((l) => l.slice(Number.isFinite(common) ? common : 0)), next: i };
}

/** The shell text of every `run:` key, block scalars joined as the runner sees them (`>` folds lines into one). */
export function workflowRuns(yaml: string): string[] {
  const lines = yaml.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(-\s+)?run:(?:\s+(.*))?$/.exec(lines[i] as string);
    if (!m) continue;
    const keyIndent = (m[1] ?? '').length + (m[2] ?? '').length;
    const value = (m[3] ?? '').replace(/\s+#.*$/, '').trim();
    if (/^[|>][+-]?\d*$/.test(value) || value === '') {
      const { text, next } = blockLines(lines, i + 1, keyIndent);
      out.push(value.startsWith('>') ? text.join('\n').replace(/([^\n])\n(?=[^\s\n])/g, '$1 ') : text.join('\n'));
      i = next - 1;
    } else out.push(scalar(value));
  }
  return out.filter((r) => r.trim() !== '');
}

/** The globs under pnpm-workspace.yaml's top-level `packages:` key. */
export function pnpmPackages(yaml: string): string[] {
  const lines = yaml.replace(/\r\n?/g, '\n').split('\n');
  const at = lines.findIndex((l) => /^packages:/.test(l));
  if (at < 0) return [];
  const inline = /^packages:\s*\[(.*)\]/.exec(lines[at] as string);
  if (inline) return (inline[1] ?? '').split(',').map(scalar).filter(Boolean);
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    if (indentOf(l) === 0 && !l.startsWith('-')) break;
    const item = /^\s*-\s+(.*)$/.exec(l);
    if (item) out.push(scalar(item[1] ?? ''));
  }
  return out.filter(Boolean);
}
