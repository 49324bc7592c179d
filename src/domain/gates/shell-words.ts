/** A command's words as the shell splits them, and the tool it starts once wrappers are set aside. */

/** pnpm's and yarn's own commands; any other first word (`pnpm vitest run`) runs a package binary or script. */
const PM_COMMANDS = new Set(
  (
    'install i add remove rm uninstall update up upgrade run exec dlx test t publish pack link unlink outdated ' +
    'list ls why audit store init create import rebuild prune fetch patch patch-commit env setup config ' +
    'workspaces workspace info cache dedupe node global bin root licenses deploy recursive version set plugin ' +
    'constraints npm explain search dev start'
  ).split(' '),
);

const WRAPPERS = new RegExp(
  String.raw`^(npx|pnpx|bunx|pnpm exec|pnpm dlx|yarn exec|yarn dlx|bun x|cross-env|dotenv(?:-cli)?|c8|nyc|env|time` +
    String.raw`|node_modules\/\.bin\/|\.\/node_modules\/\.bin\/)$`,
);

/**
 * A command's words as the shell splits them, each kept as written (quotes and escapes in place,
 * so a word goes back into a command unchanged): `--t="{ \"a\": 1 }"` is one word.
 */
export function shellSplit(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (quote) {
      word += c;
      if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else if (c === quote) quote = null;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      [word, started] = ['', false];
    } else {
      word += c;
      started = true;
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && i + 1 < command.length) word += command[++i];
    }
  }
  if (started) words.push(word);
  return words;
}

/** A word as the shell passes it, when it is a plain or simply quoted one; null for anything the shell would expand. */
export function shellLiteral(word: string): string | null {
  const quoted = /^'([^']*)'$/.exec(word) ?? /^"([^"$`\\]*)"$/.exec(word);
  if (quoted) return quoted[1] ?? '';
  return /[$`"'\\]/.test(word) ? null : word;
}

/**
 * The words of a command, without env assignments, wrappers and their flags (`cross-env A=1 npx --yes vitest run` →
 * vitest run).
 */
export function toolWords(command: string): string[] {
  const words = shellSplit(command);
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) break;
    if (
      /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) ||
      WRAPPERS.test(w) ||
      (i > 0 && WRAPPERS.test(words[i - 1] ?? '') && w.startsWith('-'))
    )
      i++;
    else if ((w === 'pnpm' || w === 'yarn' || w === 'bun') && ['exec', 'dlx', 'x'].includes(words[i + 1] ?? '')) i += 2;
    else if (
      (w === 'pnpm' || w === 'yarn') &&
      /^[a-z@][\w@/.-]*$/.test(words[i + 1] ?? '') &&
      !PM_COMMANDS.has(words[i + 1] ?? '')
    )
      i += 1; // `pnpm vitest run`: a binary
    else if (/^(uv|poetry|pipenv|pdm|rye)$/.test(w) && words[i + 1] === 'run') {
      // `uv run --group dev pytest`: the wrapper's flags, with the value of those that take one
      i += 2;
      while (words[i]?.startsWith('-'))
        i += /^--(group|with|extra|python|package|env-file|directory|project)$|^-p$/.test(words[i] ?? '') ? 2 : 1;
    } else if (/^python[\d.]*$/.test(w) && words[i + 1] === '-m') i += 2;
    else break;
  }
  return words.slice(i).map((w) => w.replace(/^(\.\/)?node_modules\/\.bin\//, ''));
}
