/** Setting csm up in a project: a Claude Code settings file it will not merge into. */

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
};
