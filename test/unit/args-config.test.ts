import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { parseConfig } from '../../src/adapters/config/load-config.ts';
import { CsmError } from '../../src/errors.ts';

describe('parseArgs', () => {
  const specs = {
    agent: { type: 'string' as const, help: '' },
    test: { type: 'list' as const, help: '' },
    estimate: { type: 'number' as const, help: '' },
    force: { type: 'boolean' as const, help: '' },
  };
  it('parses flags, lists, numbers and positionals', () => {
    const a = parseArgs(
      ['add', 'Title', '--agent=x', '--test', 'a', '--test', 'b', '--estimate', '15', '--force', '--', '--not-a-flag'],
      specs,
      'task',
    );
    expect(a).toEqual({
      positionals: ['add', 'Title', '--not-a-flag'],
      flags: { agent: 'x', test: ['a', 'b'], estimate: 15, force: true },
    });
  });
  it.each([[['--nope']], [['--agent']], [['--estimate', 'ten']], [['-z']], [['--force=maybe']]])(
    'refuses %j as a usage error',
    (argv) => {
      try {
        parseArgs(argv, specs, 'task');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(CsmError);
        expect((e as CsmError).code).toBe('USAGE');
      }
    },
  );
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
    const r = parseConfig(
      '{"idleMinutez":3,"context":{"startupChar":1},"gates":[{"name":"t","command":"x","blockng":true}]}',
      'csm.json',
    );
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

describe('the plugin user options (plugin.json userConfig, CLAUDE_PLUGIN_OPTION_*)', () => {
  const cfg = (text: string | null, env: Record<string, string>) => {
    const r = parseConfig(text, 'csm.json', env);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r;
  };
  it('apply where csm.json says nothing, and the repository wins where it does', () => {
    const env = { CLAUDE_PLUGIN_OPTION_BLOCK_CAP: '5', CLAUDE_PLUGIN_OPTION_GATES_ON_STOP: 'false' };
    expect(cfg(null, env).config.stop).toMatchObject({ blockCap: 5, enabled: false, baseline: true });
    expect(cfg('{"idleMinutes": 20}', env).config.stop).toMatchObject({ blockCap: 5, enabled: false });
    expect(cfg('{"stop": {"blockCap": 2}}', env).config.stop).toMatchObject({ blockCap: 2, enabled: false });
    expect(cfg('{"stop": {"enabled": true, "blockCap": 4}}', env).config.stop).toMatchObject({
      blockCap: 4,
      enabled: true,
    });
    expect(cfg(null, {}).config.stop).toMatchObject({ blockCap: 3, enabled: true });
  });
  it('a value that is not valid is ignored with a warning naming the option', () => {
    const r = cfg(null, { CLAUDE_PLUGIN_OPTION_BLOCK_CAP: '12', CLAUDE_PLUGIN_OPTION_GATES_ON_STOP: 'yes' });
    expect(r.config.stop).toMatchObject({ blockCap: 3, enabled: true });
    expect(r.warnings).toEqual([
      'plugin option block_cap (CLAUDE_PLUGIN_OPTION_BLOCK_CAP) is "12", not a whole number from 1 to 8: ignored',
      'plugin option gates_on_stop (CLAUDE_PLUGIN_OPTION_GATES_ON_STOP) is "yes", not true or false: ignored',
    ]);
    // csm.json's own mistakes are still csm.json's errors
    expect(parseConfig('{"stop": 7}', 'csm.json', { CLAUDE_PLUGIN_OPTION_BLOCK_CAP: '5' })).toMatchObject({
      ok: false,
    });
  });
  it('plugin.json declares each option csm reads, with the type Claude Code prompts for', async () => {
    const { PLUGIN_OPTIONS } = await import('../../src/adapters/config/plugin-options.ts');
    const manifest = (await import('../../.claude-plugin/plugin.json', { with: { type: 'json' } })).default as {
      userConfig: Record<string, { type: string; default: unknown }>;
    };
    expect(Object.keys(manifest.userConfig).sort()).toEqual(PLUGIN_OPTIONS.map((o) => o.key).sort());
    for (const o of PLUGIN_OPTIONS) expect(o.parse(String(manifest.userConfig[o.key]?.default)), o.key).not.toBeNull();
  });
});
