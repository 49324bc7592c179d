import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { parseConfig } from '../../src/adapters/config/load-config.ts';
import { CsmError } from '../../src/errors.ts';

describe('parseArgs', () => {
  const specs = { agent: { type: 'string' as const, help: '' }, test: { type: 'list' as const, help: '' }, estimate: { type: 'number' as const, help: '' }, force: { type: 'boolean' as const, help: '' } };
  it('parses flags, lists, numbers and positionals', () => {
    const a = parseArgs(['add', 'Title', '--agent=x', '--test', 'a', '--test', 'b', '--estimate', '15', '--force', '--', '--not-a-flag'], specs, 'task');
    expect(a).toEqual({ positionals: ['add', 'Title', '--not-a-flag'], flags: { agent: 'x', test: ['a', 'b'], estimate: 15, force: true } });
  });
  it.each([[['--nope']], [['--agent']], [['--estimate', 'ten']], [['-z']], [['--force=maybe']]])('refuses %j as a usage error', (argv) => {
    try {
      parseArgs(argv, specs, 'task');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsmError);
      expect((e as CsmError).code).toBe('USAGE');
    }
  });
});

describe('parseConfig', () => {
  it('gives defaults for no file', () => {
    const r = parseConfig(null, 'csm.json');
    expect(r.ok && r.config.idleMinutes).toBe(15);
  });
  it('names the field and the problem', () => {
    const r = parseConfig('{"idleMinutes":"ten","stop":{"blockCap":99}}', 'csm.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join('\n')).toMatch(/idleMinutes expected number, got string/);
      expect(r.errors.join('\n')).toMatch(/stop\.blockCap is too big/);
    }
  });
  it('warns on unknown keys, nested too', () => {
    const r = parseConfig('{"idleMinutez":3,"context":{"startupChar":1},"gates":[{"name":"t","command":"x","blockng":true}]}', 'csm.json');
    expect(r.ok && r.warnings).toEqual([
      'csm.json: unknown key idleMinutez (ignored; see "Configuration" in the README, or run csm doctor)',
      'csm.json: unknown key context.startupChar (ignored; see "Configuration" in the README, or run csm doctor)',
      'csm.json: unknown key gates[0].blockng (ignored; see "Configuration" in the README, or run csm doctor)',
    ]);
  });
  it('refuses invalid JSON, bad regexes and duplicate gate names', () => {
    expect(parseConfig('{', 'c').ok).toBe(false);
    expect(parseConfig('{"consoleCheck":{"patterns":["("]}}', 'c').ok).toBe(false);
    expect(parseConfig('{"gates":[{"name":"a","command":"x"},{"name":"a","command":"y"}]}', 'c').ok).toBe(false);
  });
});
