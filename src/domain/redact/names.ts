/** Which names say "this value is a secret" (key, token, password …), and which values are mere placeholders. */

/* ------------------------------------------------------------------------------------------ */
/* Name classification                                                                        */
/* ------------------------------------------------------------------------------------------ */

/** A set of words written as text: spaces and line breaks separate them. */
const words = (text: string): Set<string> => new Set(text.split(/\s+/).filter(Boolean));

/** Name segments that, on their own, say "the value is a secret". */
const SECRET_WORDS = words(`
  key apikey token secret secrets password passwords passwd passphrase pass passin passout pw pwd
  credential credentials cred creds auth oauth pat cookie privkey
`);

/** Concatenated spellings (`dbpassword`, `clientsecret`, `authtoken`, `AWSSECRETKEY`). */
const SECRET_SUFFIXES = [
  ...words(`
  password passwd passphrase secret token apikey accesskey secretkey privatekey authkey signingkey
  masterkey encryptionkey
`),
];

/** `<x>_key` where <x> says the key is a lookup key, not a credential. */
const BENIGN_KEY_PREFIX = words(`
  sort partition primary foreign cache hot lookup map idempotency dedupe dedup object range group row
  column unique composite i18n translation message public pub publishable routing shard next prev
  previous start end last join merge record item dict config setting settings react list
`);

/** Last segments that say the value is metadata about a secret, not the secret itself. */
const BENIGN_LAST = words(`
  name names id ids file files filename path paths dir directory folder url urls uri endpoint host
  hostname port domain type types kind length len size bits count counts limit limits max min ttl
  expiry expires expiration expire expired at in date time timestamp created updated age interval
  period duration timeout retries attempts env var vars field fields header headers prefix suffix
  format version algorithm alg curve mode enabled enable disabled disable required require policy rule
  rules hint provider source used usage stdin cmd command helper program manager location arn region
  pattern regex index column label description desc strategy scope scopes issuer audience realm tenant
  method style rotation reset service server client store storage cache ref error errors exception
  warning test tests spec validator validation schema generator factory handler middleware module util
  utils lib plugin form input button placeholder template component page view route router controller
  model entity samesite secure httponly flag flags option options opts config settings status state
  event events log logs level role roles user username login email account owner project bucket table
  queue topic stats
`);

/** File extensions: `token.ts:12:5` in compiler output is a location, not an assignment. */
const FILE_EXTENSIONS = words(`
  ts tsx mts cts js jsx mjs cjs json jsonl yaml yml toml ini md txt sh py rb go rs java kt c h cc cpp
  hpp cs php swift lock log html css scss sql xml vue svelte pem crt cer pub snap map d
`);

/** `--no-password`, `--ask-pass`, `--prompt-password`: switches, not values. */
const FLAG_BENIGN_FIRST = words(`
  no ask prompt show print skip with without generate gen reset forgot change rotate list allow
  disable enable ignore insecure save remember require interactive check verify validate
`);

/** Deep mode only: header-ish keys whose whole value is a credential. */
const DEEP_ONLY_WORDS = new Set(['authorization', 'proxyauthorization', 'setcookie']);

/** `text`: NAME=value / NAME: value; `flag`: --name value; `deep`: an object key in redactDeep. */
export type NameMode = 'text' | 'flag' | 'deep';

function nameSegments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((s) => s !== '');
}

function isSecretWord(word: string): boolean {
  if (SECRET_WORDS.has(word)) return true;
  for (const suffix of SECRET_SUFFIXES) if (word.length > suffix.length && word.endsWith(suffix)) return true;
  return false;
}

/**
 * Does this key / variable / flag name say its value is a secret?
 * `FOO_TOKEN`, `apiKey`, `--db-password`, `client_secret`, `x-api-key` → true;
 * `SECRET_NAME`, `token_count`, `max_tokens`, `sort_key`, `keyboard`, `tokenizer`, `PWD` → false.
 * In deep mode (object keys) a bare `key` is too generic to count, and `authorization`/`cookie` do.
 */
export function isSecretName(name: string, mode: NameMode = 'text'): boolean {
  if (name.length === 0 || name.length > 200) return false;
  const segs = nameSegments(name);
  const last = segs[segs.length - 1];
  if (last === undefined) return false;
  if (BENIGN_LAST.has(last)) return false;
  if (name.includes('.') && FILE_EXTENSIONS.has(last) && segs.length > 1) return false;
  if (mode === 'flag' && FLAG_BENIGN_FIRST.has(segs[0] ?? '') && segs.length > 1) return false;
  if (mode === 'deep' && DEEP_ONLY_WORDS.has(segs.join(''))) return true;
  for (let i = 0; i < segs.length; i++) {
    const word = (segs[i] ?? '').replace(/\d+$/, '');
    if (word === 'key') {
      const prev = segs[i - 1];
      if (prev !== undefined && BENIGN_KEY_PREFIX.has(prev)) continue;
      if (mode === 'deep' && segs.length === 1) continue;
      return true;
    }
    if (isSecretWord(word)) return true;
  }
  return false;
}

/** Values that are obviously not the secret itself: references, types, placeholders. */
const PLACEHOLDER_RE = new RegExp(
  [
    String.raw`^(?:\[REDACTED\]|null|nil|none|undefined|true|false|yes|no|on|off|string|number|boolean`,
    String.raw`bool|str|int|integer|bytes|any|unknown|object|optional|required|await|new|yield|typeof`,
    String.raw`async|function|require|this|self|\*+|x{3,}|\.{3}|<[^<>]*>|\{\{[^\r\n]*\}\}`,
    String.raw`\$\{\{[^\r\n]*\}\}|\$\{?[A-Za-z_][\w.]*\}?|\$\([^\r\n]*\)?|%\w+%|process\.env\b[^\r\n]*`,
    String.raw`import\.meta\.env\b[^\r\n]*|os\.environ\b[^\r\n]*|os\.getenv\b[^\r\n]*|secrets\.[\w.]+)$`,
  ].join('|'),
  'i',
);

export function isPlaceholder(value: string): boolean {
  return value.trim() === '' || PLACEHOLDER_RE.test(value);
}
