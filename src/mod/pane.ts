import type { PaneLine, PaneView } from '../domain/reports/pane-view.ts';
import { msg } from '../messages/index.ts';
import type { Dollar, H } from './mod-api.ts';

/** The pane and the band, drawn from the helper's lines; the buttons run `/csm` steps at once. */
declare const h: H;

const COLORS: Record<PaneLine['tone'], Record<string, unknown>> = {
  head: { bold: true },
  plain: {},
  dim: { dimColor: true },
  good: { color: 'green' },
  bad: { color: 'red' },
  warn: { color: 'yellow' },
};

export const BUTTONS = [
  { key: 'csm-next', hotkey: 'n', label: 'next task', args: 'task next --start' },
  { key: 'csm-done', hotkey: 'd', label: 'task done', args: 'task done' },
  { key: 'csm-gates', hotkey: 'g', label: 'run gates', args: 'gates' },
  { key: 'csm-report', hotkey: 'r', label: 'report', args: 'report' },
] as const;

export function drawPane(
  $: Dollar,
  e: unknown,
  view: PaneView | null,
  press: (args: string) => Promise<void>,
): unknown {
  const { Box, Text, Button } = $.ui.resolve(e);
  if (!view) return h(Text, { dimColor: true }, msg.modReading);
  const rows = view.lines.map((l) => h(Text, COLORS[l.tone], l.text));
  const buttons = BUTTONS.map((b) =>
    h(Button, { key: b.key, hotkey: b.hotkey, label: b.label, onPress: () => press(b.args) }),
  );
  return h(Box, { flexDirection: 'column' }, ...rows, h(Box, { flexDirection: 'row', gap: 1 }, ...buttons));
}

export function drawBand($: Dollar, e: unknown, view: PaneView | null): unknown {
  const { Text } = $.ui.resolve(e);
  return h(Text, { color: 'cyan' }, view ? view.band : msg.modReading);
}
