/** What the HTML report's charts share: escaping, the page's width, labels that wrap, legends. */

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The charts' width in SVG units, and the label column on their left. */
export const W = 900;
export const LABEL = 250;

/**
 * A label cut into at most `lines` lines of `width` characters at word boundaries; what does not
 * fit ends in "…" (the full text goes in the chart's tooltip and the tasks table).
 */
export function wrapLabel(text: string, width = 36, lines = 2): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      if (line) out.push(line);
      line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  const last = kept[lines - 1] as string;
  kept[lines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

/** SVG text of a wrapped label at (x, y), one tspan per line. */
export function labelSvg(text: string, x: number, y: number, width = 36): string {
  const lines = wrapLabel(text, width);
  const spans = lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : 13}">${esc(l)}</tspan>`).join('');
  return `<text x="${x}" y="${y}" font-size="12">${spans}</text>`;
}

/** A legend line under a chart: a swatch and its meaning per entry. */
export function legend(entries: readonly { colour: string; label: string; hollow?: boolean }[]): string {
  const items = entries.map((e) => {
    const style = e.hollow ? `border:3px solid ${e.colour};background:#fff` : `background:${e.colour}`;
    return `<span class="key"><i style="${style}"></i>${esc(e.label)}</span>`;
  });
  return `<p class="legend">${items.join('')}</p>`;
}

export const LEGEND_CSS =
  '.legend{margin:4px 0 0;font-size:12px;color:#424242}.key{margin-right:14px;white-space:nowrap}' +
  '.key i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px;' +
  'box-sizing:border-box}';
