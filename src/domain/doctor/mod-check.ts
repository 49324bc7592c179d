import { type Check, ok } from './check.ts';

/** The mod's helper that last marked a repository (`.claude/.csm/mod-helper.json`), and whether it runs. */
export interface ModFact {
  pid: number;
  since: string;
  alive: boolean;
}

/** Which path records edits here: csm's mod inside Claude Code, or the command hooks — and why. */
export function modCheck(mod: ModFact | null | undefined, asPlugin: boolean): Check {
  if (mod?.alive)
    return ok(
      'mod',
      'hooks',
      `csm's mod is running in a Claude Code session here (helper pid ${mod.pid}, since ${mod.since}): ` +
        'edits are recorded in-process, /csm answers without a model turn, the pane follows the session',
    );
  const why = asPlugin
    ? "csm's mod is not running here now: it loads with the plugin in Claude Code 2.1.287 and later, unless " +
      "Claude Code's mods switch reads off for you or the session is not Claude Code's own CLI"
    : "csm's mod loads only with the plugin, not from settings";
  return ok('mod', 'hooks', `edits are recorded by the command hooks (${why})`);
}
