/** What csm's mod inside Claude Code says: its pane, its `/csm` command and its helper. */
import { P } from './prefix.ts';

export const mod = {
  modNoSession: `${P}no active session — /csm:start "<objective>" begins one`,
  modCommandUnknown: (name: string, known: readonly string[]): string =>
    `${P}/csm ${name} is not a command that answers at once; these do: ${known.join(', ')} ` +
    '(planning and starting a session go through Claude: /csm:start, /csm:plan)',
  modHelperStopped: (why: string): string => `${P}the mod's helper stopped (${why})`,
  modHelperNoAnswer: (route: string, why: string): string => `${P}the mod's helper did not answer ${route} (${why})`,
  modReading: `${P}reading the session…`,
  modDisabled: `${P}off (CSM_DISABLE=1): no context, no recording, no Stop checks`,
  modHelperMissing: `${P}the mod's helper is not running; run csm in a terminal`,
};
