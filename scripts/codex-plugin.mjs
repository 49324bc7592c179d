// The Codex side of the plugin, written by the build from the one hook list (src/kernel/hook-events.ts)
// and the Claude Code manifest, both committed (CI checks a rebuild changes nothing):
// - hooks/codex-hooks.json: csm's hooks as Codex registers them, each command passing `--host codex`
//   so the hook answers in the shape Codex's closed schemas accept;
// - .codex-plugin/plugin.json: the manifest Codex reads first; it names codex-hooks.json, which
//   then replaces hooks/hooks.json for Codex (Claude Code never reads either file).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

/** src/kernel/hook-events.ts, compiled in memory (it imports nothing) and loaded. */
async function hookEvents(root) {
  const out = await build({
    entryPoints: [path.join(root, 'src/kernel/hook-events.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

/** Writes hooks/codex-hooks.json and .codex-plugin/plugin.json under `root`. */
export async function writeCodexPlugin(root) {
  const { codexHooksBlock } = await hookEvents(root);
  fs.writeFileSync(
    path.join(root, 'hooks', 'codex-hooks.json'),
    json({
      description: 'csm under Codex: session context on start, edit ledger on every apply_patch, quality gates on Stop',
      hooks: codexHooksBlock('${PLUGIN_ROOT}/dist/hooks'),
    }),
  );
  const claude = JSON.parse(fs.readFileSync(path.join(root, '.claude-plugin', 'plugin.json'), 'utf8'));
  // Codex has no userConfig (csm.json's stop.blockCap and stop.enabled do that job there)
  const keep = ['name', 'version', 'description', 'author', 'homepage', 'repository', 'license', 'keywords'];
  const manifest = Object.fromEntries(keep.filter((k) => k in claude).map((k) => [k, claude[k]]));
  fs.mkdirSync(path.join(root, '.codex-plugin'), { recursive: true });
  fs.writeFileSync(
    path.join(root, '.codex-plugin', 'plugin.json'),
    json({
      ...manifest,
      skills: './skills/',
      hooks: './hooks/codex-hooks.json',
      interface: { displayName: claude.displayName ?? claude.name },
    }),
  );
}
