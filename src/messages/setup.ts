/**
 * Setting csm up in a project: a settings or hooks file it will not merge into, and what `csm init --codex` and
 * `csm uninstall` say about Codex.
 */

export const setup = {
  settingsNotJson: (file: string, why: string): [string, { fix: string }] => [
    `${file} is not valid JSON (${why}); csm will not touch it`,
    { fix: 'repair the JSON by hand (claude --debug shows settings errors too), then run the command again' },
  ],
  settingsNotObject: (file: string): [string] => [`${file} must hold a JSON object`],
  settingsHooksNotObject: (file: string): [string, { fix: string }] => [
    `${file}: "hooks" must be an object of events`,
    { fix: 'repair the hooks field by hand' },
  ],
  codexHooksAdded: (added: number, file: string): string => `  Codex hooks: added ${added} to ${file}`,
  codexHooksPresent: (file: string): string => `  Codex hooks: already in ${file}`,
  codexHooksNeedPackage: (installLine: string): string =>
    `  note: the Codex hooks run node_modules/claude-session-manager; install it with: ${installLine}`,
  codexHooksTrust:
    "  Codex runs a project's hooks once you trust the project and review them: /hooks in Codex (the hooks " +
    'of a project not trusted, or changed since reviewed, are skipped without a word)',
  codexPluginRemove: 'If csm is installed into Codex as a plugin, also run: codex plugin remove csm@csm-marketplace',
  doctorCodexOnly: 'no Claude Code hooks here; csm is installed for Codex (below)',
  doctorCodexInstall: (root: string): string =>
    `or for Codex: codex plugin marketplace add ${root} && codex plugin add csm@csm-marketplace`,
  doctorCodexInstalled: (where: string): string => `Codex: csm's hooks installed (${where})`,
  doctorCodexTwice: (where: string): string =>
    `Codex: csm's hooks are installed twice (${where}): Codex runs both copies, so every hook runs twice`,
  doctorCodexTwiceFix:
    'keep one: csm uninstall takes them out of .codex/hooks.json, or: codex plugin remove csm@csm-marketplace',
};
