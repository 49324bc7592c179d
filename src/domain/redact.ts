/**
 * Secret redaction for everything csm records under `.claude/` (Bash commands, gate output,
 * reports, memory entries). Pure: no I/O, no globals mutated outside the module's own regexes.
 *
 * Performance contract (this runs on the hook hot path):
 *  - every regex is compiled once at module load;
 *  - every quantifier is either bounded or deterministic (the character classes of adjacent
 *    pieces are disjoint), and rules that might scan far (PEM END search, assignment values)
 *    are driven by hand so that no input is rescanned, keeping the cost linear in the input.
 *
 * Everything is replaced by the literal `[REDACTED]`; key names, header names, URL users and
 * quotes are kept so the text stays readable (and JSON stays valid when the input happens to be
 * serialized JSON: a backslash escape is never cut in half). `redact` is idempotent.
 */

export const REDACTED = '[REDACTED]';

/* ------------------------------------------------------------------------------------------ */
/* Name classification                                                                        */
/* ------------------------------------------------------------------------------------------ */

/** Name segments that, on their own, say "the value is a secret". */
const SECRET_WORDS = new Set([
  'key',
  'apikey',
  'token',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'pass',
  'passin',
  'passout',
  'pw',
  'pwd',
  'credential',
  'credentials',
  'cred',
  'creds',
  'auth',
  'oauth',
  'pat',
  'cookie',
  'privkey',
]);

/** Concatenated spellings (`dbpassword`, `clientsecret`, `authtoken`, `AWSSECRETKEY`). */
const SECRET_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'authkey',
  'signingkey',
  'masterkey',
  'encryptionkey',
];

/** `<x>_key` where <x> says the key is a lookup key, not a credential. */
const BENIGN_KEY_PREFIX = new Set([
  'sort',
  'partition',
  'primary',
  'foreign',
  'cache',
  'hot',
  'lookup',
  'map',
  'idempotency',
  'dedupe',
  'dedup',
  'object',
  'range',
  'group',
  'row',
  'column',
  'unique',
  'composite',
  'i18n',
  'translation',
  'message',
  'public',
  'pub',
  'publishable',
  'routing',
  'shard',
  'next',
  'prev',
  'previous',
  'start',
  'end',
  'last',
  'join',
  'merge',
  'record',
  'item',
  'dict',
  'config',
  'setting',
  'settings',
  'react',
  'list',
]);

/** Last segments that say the value is metadata about a secret, not the secret itself. */
const BENIGN_LAST = new Set([
  'name', 'names', 'id', 'ids', 'file', 'files', 'filename', 'path', 'paths', 'dir', 'directory', 'folder',
  'url', 'urls', 'uri', 'endpoint', 'host', 'hostname', 'port', 'domain', 'type', 'types', 'kind', 'length',
  'len', 'size', 'bits', 'count', 'counts', 'limit', 'limits', 'max', 'min', 'ttl', 'expiry', 'expires',
  'expiration', 'expire', 'expired', 'at', 'in', 'date', 'time', 'timestamp', 'created', 'updated', 'age',
  'interval', 'period', 'duration', 'timeout', 'retries', 'attempts', 'env', 'var', 'vars', 'field', 'fields',
  'header', 'headers', 'prefix', 'suffix', 'format', 'version', 'algorithm', 'alg', 'curve', 'mode', 'enabled',
  'enable', 'disabled', 'disable', 'required', 'require', 'policy', 'rule', 'rules', 'hint', 'provider',
  'source', 'used', 'usage', 'stdin', 'cmd', 'command', 'helper', 'program', 'manager', 'location', 'arn',
  'region', 'pattern', 'regex', 'index', 'column', 'label', 'description', 'desc', 'strategy', 'scope',
  'scopes', 'issuer', 'audience', 'realm', 'tenant', 'method', 'style', 'rotation', 'reset', 'service',
  'server', 'client', 'store', 'storage', 'cache', 'ref', 'error', 'errors', 'exception', 'warning', 'test',
  'tests', 'spec', 'validator', 'validation', 'schema', 'generator', 'factory', 'handler', 'middleware',
  'module', 'util', 'utils', 'lib', 'plugin', 'form', 'input', 'button', 'placeholder', 'template',
  'component', 'page', 'view', 'route', 'router', 'controller', 'model', 'entity', 'samesite', 'secure',
  'httponly', 'flag', 'flags', 'option', 'options', 'opts', 'config', 'settings', 'status', 'state', 'event',
  'events', 'log', 'logs', 'level', 'role', 'roles', 'user', 'username', 'login', 'email', 'account', 'owner',
  'project', 'bucket', 'table', 'queue', 'topic', 'stats',
]);

/** File extensions: `token.ts:12:5` in compiler output is a location, not an assignment. */
const FILE_EXTENSIONS = new Set([
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'json', 'jsonl', 'yaml', 'yml', 'toml', 'ini', 'md',
  'txt', 'sh', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'php', 'swift', 'lock',
  'log', 'html', 'css', 'scss', 'sql', 'xml', 'vue', 'svelte', 'pem', 'crt', 'cer', 'pub', 'snap', 'map', 'd',
]);

/** `--no-password`, `--ask-pass`, `--prompt-password`: switches, not values. */
const FLAG_BENIGN_FIRST = new Set([
  'no', 'ask', 'prompt', 'show', 'print', 'skip', 'with', 'without', 'generate', 'gen', 'reset', 'forgot',
  'change', 'rotate', 'list', 'allow', 'disable', 'enable', 'ignore', 'insecure', 'save', 'remember',
  'require', 'interactive', 'check', 'verify', 'validate',
]);

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
const PLACEHOLDER_RE =
  /^(?:\[REDACTED\]|null|nil|none|undefined|true|false|yes|no|on|off|string|number|boolean|bool|str|int|integer|bytes|any|unknown|object|optional|required|await|new|yield|typeof|async|function|require|this|self|\*+|x{3,}|\.{3}|<[^<>]*>|\{\{[^\r\n]*\}\}|\$\{\{[^\r\n]*\}\}|\$\{?[A-Za-z_][\w.]*\}?|\$\([^\r\n]*\)?|%\w+%|process\.env\b[^\r\n]*|import\.meta\.env\b[^\r\n]*|os\.environ\b[^\r\n]*|os\.getenv\b[^\r\n]*|secrets\.[\w.]+)$/i;

function isPlaceholder(value: string): boolean {
  return value.trim() === '' || PLACEHOLDER_RE.test(value);
}

/* ------------------------------------------------------------------------------------------ */
/* Shared pieces                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** Not preceded by an identifier character — or preceded by a JSON escape such as `\n`. */
const WORD_START = String.raw`(?:(?<=\\[nrt])|(?<![A-Za-z0-9_]))`;
/** Like WORD_START, but a name also may not continue a path, a dotted name or a kebab name. */
// a name starts after anything but a name character — or after a run of dots (padding, ellipses)
const NAME_START = String.raw`(?:(?<=\\[nrt])|(?<![\w.\/\\-])|(?<=\.\.))`;

/**
 * A run of backslashes is only ever consumed whole and never when a quote follows it, so text
 * that is itself serialized JSON (even JSON inside JSON) is never cut in the middle of an escape.
 * A run before n/r/t is an escaped line break in serialized text: bare values stop there.
 */
const BACKSLASHES = (notFollowedBy: string): string => String.raw`\\+(?=[^${notFollowedBy}\\])`;

/**
 * The value after a separator: `[REDACTED]` | shell reference | "dq" | 'sq' | bare.
 * Double quotes may be escaped any number of times (`"`, `\"`, `\\\"` …): the closing quote must
 * carry the same escape as the opening one, and inner quotes (odd runs of backslashes) are part
 * of the value.
 */
function valueRegex(bare: string): RegExp {
  return new RegExp(
    String.raw`\[REDACTED\]|\$\([^)\r\n]{0,512}\)?|\$\{[^}\r\n]{0,512}\}?|\$[A-Za-z_]\w{0,127}` +
      String.raw`|(\\*)"((?:[^"\\\r\n]|` + BACKSLASHES(String.raw`"\r\n`) + String.raw`|(?!\1")\\(?:\\\\)*"){0,8192})(?:\1")?` +
      String.raw`|'([^'\r\n]{0,8192})'?` +
      String.raw`|((?:${bare}|` + BACKSLASHES(String.raw`\s"'\x60nrt`) + String.raw`|[{}\[\]]+(?=${bare}))+)`,
    'y',
  );
}

/** Assignment values stop at separators used by URLs, YAML/JSON flow style, `--set a=b,c=d`. */
const KV_BARE = String.raw`[^\s"'\x60\\,;&|<>(){}\[\]]`;
/** Shell arguments stop at whitespace and shell metacharacters only. */
const ARG_BARE = String.raw`[^\s"'\x60\\;&|<>()]`;
const KV_VALUE_RE = valueRegex(KV_BARE);
const ARG_VALUE_RE = valueRegex(ARG_BARE);

interface ValueSpan {
  /** End offset of the whole value token (quotes included). */
  end: number;
  /** Offset and text of the part to replace; null when the value must be kept. */
  bodyStart: number;
  body: string | null;
  quoted: boolean;
}

function readValue(re: RegExp, text: string, at: number): ValueSpan | null {
  re.lastIndex = at;
  const v = re.exec(text);
  if (v === null || v[0] === '') return null;
  const end = at + v[0].length;
  if (v[2] !== undefined) return { end, bodyStart: at + (v[1] ?? '').length + 1, body: v[2], quoted: true };
  if (v[3] !== undefined) return { end, bodyStart: at + 1, body: v[3], quoted: true };
  if (v[4] !== undefined) return { end, bodyStart: at, body: v[4], quoted: false };
  return { end, bodyStart: at, body: null, quoted: false }; // [REDACTED] or $VAR / ${VAR} / $(cmd)
}

/** Replaces [start, end) of `text` — accumulated into `parts` — by `[REDACTED]`. */
class Splicer {
  private readonly text: string;
  private readonly parts: string[] = [];
  private last = 0;
  constructor(text: string) {
    this.text = text;
  }
  replace(start: number, end: number): void {
    if (start < this.last || end <= start) return;
    this.parts.push(this.text.slice(this.last, start), REDACTED);
    this.last = end;
  }
  result(): string {
    if (this.parts.length === 0) return this.text;
    this.parts.push(this.text.slice(this.last));
    return this.parts.join('');
  }
}

/* ------------------------------------------------------------------------------------------ */
/* 1. Private key blocks                                                                      */
/* ------------------------------------------------------------------------------------------ */

const PEM_BEGIN_RE = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END_RE = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** Body of a truncated block (no END marker): base64, whitespace, escaped newlines. */
const PEM_RUN_RE = /(?:[A-Za-z0-9+/=\s]|\\+[nr])*/y;
const LEADING_NL_RE = /^(?:\r?\n|(?:\\+r)?\\+n)/;
const TRAILING_NL_RE = /(?:\r?\n|(?:\\+r)?\\+n)$/;

function redactPrivateKeys(text: string): string {
  if (!text.includes('PRIVATE KEY')) return text;
  const out = new Splicer(text);
  // Cached END search so many BEGINs without an END stay linear.
  let end: { index: number; length: number } | null | undefined;
  PEM_BEGIN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PEM_BEGIN_RE.exec(text)) !== null) {
    const bodyStart = m.index + m[0].length;
    if (end !== null && (end === undefined || end.index < bodyStart)) {
      PEM_END_RE.lastIndex = bodyStart;
      const e = PEM_END_RE.exec(text);
      end = e === null ? null : { index: e.index, length: e[0].length };
    }
    let bodyEnd: number;
    if (end) {
      bodyEnd = end.index;
    } else {
      PEM_RUN_RE.lastIndex = bodyStart;
      bodyEnd = bodyStart + (PEM_RUN_RE.exec(text)?.[0].length ?? 0);
    }
    const body = text.slice(bodyStart, bodyEnd);
    const lead = LEADING_NL_RE.exec(body)?.[0] ?? '';
    const rest = body.slice(lead.length);
    const trail = TRAILING_NL_RE.exec(rest)?.[0] ?? '';
    const inner = rest.slice(0, rest.length - trail.length);
    if (inner.trim() !== '' && inner !== REDACTED) {
      out.replace(bodyStart + lead.length, bodyEnd - trail.length);
    }
    PEM_BEGIN_RE.lastIndex = end ? end.index + end.length : Math.max(bodyEnd, PEM_BEGIN_RE.lastIndex);
  }
  return out.result();
}

/* ------------------------------------------------------------------------------------------ */
/* 2. URLs with credentials, webhook URLs                                                     */
/* ------------------------------------------------------------------------------------------ */

/** scheme://user:password@host — the password may contain `@` (the last one before the host wins). */
const URL_CREDS_RE = /\b([a-z][a-z0-9+.-]{1,31}:\/\/)([^\s:/?#@"'<>`\\]{0,256}):([^\s/?#"'<>`\\]{1,512})@(?=[\w[%-])/gi;
/** scheme://<long token>@host — a token used as the user name (git remotes). */
const URL_TOKEN_USER_RE = /\b([a-z][a-z0-9+.-]{1,31}:\/\/)([A-Za-z0-9_-]{30,256})@(?=[\w[])/gi;
const WEBHOOK_RE =
  /((?:hooks\.slack\.com\/(?:services|workflows|triggers)|discord(?:app)?\.com\/api\/webhooks)\/)[A-Za-z0-9_/-]{8,}/gi;

function redactUrls(text: string): string {
  if (!text.includes('://') && !/slack\.com|discord/i.test(text)) return text;
  return text
    .replace(URL_CREDS_RE, (m, scheme: string, user: string, pw: string) =>
      isPlaceholder(pw) ? m : `${scheme}${user}:${REDACTED}@`,
    )
    .replace(URL_TOKEN_USER_RE, (m, scheme: string, user: string) =>
      /\d/.test(user) && /[A-Za-z]/.test(user) ? `${scheme}${REDACTED}@` : m,
    )
    .replace(WEBHOOK_RE, (_m, prefix: string) => `${prefix}${REDACTED}`);
}

/* ------------------------------------------------------------------------------------------ */
/* 3. HTTP headers                                                                            */
/* ------------------------------------------------------------------------------------------ */

const QUOTE = String.raw`(?:\\*["'\x60])?`;
const HEADER_SEP = String.raw`(${QUOTE}[ \t]*[:=][ \t]*${QUOTE})`;
const AUTH_HEADER_RE = new RegExp(
  WORD_START +
    String.raw`((?:[A-Za-z0-9]{1,20}-){0,3}authorization)` +
    HEADER_SEP +
    String.raw`(?:(bearer|basic|token|bot|jwt|oauth|pat|apikey|api-key|sso-key|key|dpop|mac|negotiate|ntlm)[ \t]+|(aws4-hmac-sha256)[ \t]+)?`,
  'gi',
);
const COOKIE_HEADER_RE = new RegExp(WORD_START + String.raw`((?:set-)?cookie)(${QUOTE}[ \t]*:[ \t]*${QUOTE})`, 'gi');
const TOKEN_VALUE_RE = new RegExp(
  String.raw`\[REDACTED\]|\$\{[^}\r\n]{0,512}\}|\$[A-Za-z_]\w{0,127}|(?:[^\s"'\x60\\]|` + BACKSLASHES(String.raw`\s"'\x60nrt`) + ')+',
  'y',
);
const REST_VALUE_RE = new RegExp(String.raw`(?:[^\r\n"'\x60\\]|` + BACKSLASHES(String.raw`\r\n"'\x60nrt`) + ')+', 'y');

function redactHeaderValues(text: string, re: RegExp, restOfValue: (m: RegExpExecArray) => boolean): string {
  const out = new Splicer(text);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = re.lastIndex;
    const valueRe = restOfValue(m) ? REST_VALUE_RE : TOKEN_VALUE_RE;
    valueRe.lastIndex = at;
    const v = valueRe.exec(text);
    if (v === null) continue;
    const value = v[0].replace(/[ \t]+$/, '');
    if (value === '' || isPlaceholder(value)) {
      re.lastIndex = at + v[0].length;
      continue;
    }
    out.replace(at, at + value.length);
    re.lastIndex = at + v[0].length;
  }
  return out.result();
}

function redactHeaders(text: string): string {
  let out = text;
  if (/authorization/i.test(out)) {
    out = redactHeaderValues(out, AUTH_HEADER_RE, (m) => m[4] !== undefined);
  }
  if (/cookie/i.test(out)) out = redactHeaderValues(out, COOKIE_HEADER_RE, () => true);
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* 4. Command-specific arguments                                                              */
/* ------------------------------------------------------------------------------------------ */

interface ArgRule {
  re: RegExp;
  /** Capture group holding a name that must pass isSecretName. */
  nameGroup?: number;
}

const CMD_LINE = String.raw`(?![\w-])[^\n|;&]{0,300}?`;
const ARG_RULES: ArgRule[] = [
  // mysql -pSECRET (attached form only; a bare -p prompts)
  {
    re: new RegExp(
      WORD_START + String.raw`(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mariadb|mariadb-dump|mariadb-admin)` + CMD_LINE + String.raw`[ \t]-p(?=\S)`,
      'g',
    ),
  },
  { re: new RegExp(WORD_START + String.raw`sshpass[ \t]+-p[ \t]*(?=\S)`, 'g') },
  { re: new RegExp(WORD_START + String.raw`redis-cli` + CMD_LINE + String.raw`[ \t]-a[ \t]+(?=\S)`, 'g') },
  {
    re: new RegExp(
      WORD_START + String.raw`(?:docker|podman|buildah|skopeo|nerdctl|oras|crane|helm)[ \t]+(?:registry[ \t]+)?login` + CMD_LINE + String.raw`[ \t]-p[ \t]*(?=\S)`,
      'g',
    ),
  },
  {
    re: new RegExp(WORD_START + String.raw`gh[ \t]+secret[ \t]+set` + CMD_LINE + String.raw`[ \t](?:-b[ \t]*|--body(?:[ \t]+|=))(?=\S)`, 'g'),
  },
  // .netrc: machine example.com login me password SECRET (one line or several)
  { re: new RegExp(WORD_START + String.raw`login[ \t\r\n]+\S{1,256}[ \t\r\n]+(?:password|passwd)[ \t]+(?=\S)`, 'g') },
  // npm/yarn/pnpm/git config set NAME VALUE, aws configure set NAME VALUE
  {
    re: new RegExp(WORD_START + String.raw`config(?:ure)?[ \t]+set[ \t]+(?:-{1,2}[\w-]{1,40}[ \t]+){0,4}([^\s="']{1,256})[ \t]+(?=\S)`, 'g'),
    nameGroup: 1,
  },
];

/** curl -u user:password / --user / --proxy-user — the user stays visible. */
const CURL_USER_RE = new RegExp(
  NAME_START + String.raw`(?:-u[ \t]*|--(?:proxy-)?user(?:[ \t]+|=))((?:\\*["'])?)([^\s:"'\\]{1,256}):`,
  'g',
);
const USER_PW_QUOTED_RE = new RegExp(String.raw`(?:[^"'\r\n\\]|` + BACKSLASHES(String.raw`"'\r\n`) + ')+', 'y');
const USER_PW_BARE_RE = new RegExp(String.raw`(?:[^\s"'\\]|` + BACKSLASHES(String.raw`\s"'nrt`) + ')+', 'y');

function redactCommandArgs(text: string): string {
  let out = text;
  for (const rule of ARG_RULES) {
    const splice = new Splicer(out);
    const src = out;
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(src)) !== null) {
      const at = rule.re.lastIndex;
      if (rule.nameGroup !== undefined && !isSecretName(m[rule.nameGroup] ?? '', 'text')) continue;
      const v = readValue(ARG_VALUE_RE, src, at);
      if (v === null) continue;
      if (v.body !== null && !isPlaceholder(v.body)) splice.replace(v.bodyStart, v.bodyStart + v.body.length);
      rule.re.lastIndex = v.end;
    }
    out = splice.result();
  }

  if (/-u|--user|--proxy-user/.test(out)) {
    const splice = new Splicer(out);
    const src = out;
    CURL_USER_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CURL_USER_RE.exec(src)) !== null) {
      const at = CURL_USER_RE.lastIndex;
      const pwRe = m[1] ? USER_PW_QUOTED_RE : USER_PW_BARE_RE;
      pwRe.lastIndex = at;
      const pw = pwRe.exec(src)?.[0];
      if (pw === undefined) continue;
      const user = m[2] ?? '';
      // docker run -u 1000:1000 is uid:gid, not user:password
      if (/^\d+$/.test(user) && /^\d+$/.test(pw)) continue;
      if (!isPlaceholder(pw)) splice.replace(at, at + pw.length);
      CURL_USER_RE.lastIndex = at + pw.length;
    }
    out = splice.result();
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* 5. Assignments and flags: NAME=value, NAME: value, "name": "value", --name value            */
/* ------------------------------------------------------------------------------------------ */

/**
 * Matches only the name and the separator; the value is read with a sticky regex once the name
 * is known to be sensitive. Non-sensitive matches therefore never consume a value, so
 * `-e PASSWORD=x` and `--set db.password=x` are still examined after `-e ` / `--set `.
 */
const KV_RE = new RegExp(
  NAME_START +
    String.raw`(?:(-{1,2})([A-Za-z][\w.-]{0,127})([ \t]*=[ \t]*|[ \t]+)` +
    String.raw`|([A-Za-z_][\w.-]{0,127})(\\*["'\x60])?([ \t]*(?::=|=>|=(?![=~>])|:(?![:\/]))[ \t]*))`,
  'g',
);
const KV_QUICK_RE = /key|tok|secret|pass|pw|cred|auth|pat|cookie|privkey/i;
const PATH_LIKE_RE = /^(?:[/~]|[A-Za-z]:\\)/;

function redactAssignments(text: string): string {
  const out = new Splicer(text);
  KV_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KV_RE.exec(text)) !== null) {
    const isFlag = m[1] !== undefined;
    const name = (isFlag ? m[2] : m[4]) ?? '';
    const sep = (isFlag ? m[3] : m[6]) ?? '';
    if (!KV_QUICK_RE.test(name) || !isSecretName(name, isFlag ? 'flag' : 'text')) continue;
    const at = KV_RE.lastIndex;
    const v = readValue(KV_VALUE_RE, text, at);
    if (v === null || v.body === null) {
      if (v !== null) KV_RE.lastIndex = v.end;
      continue;
    }
    const body = v.body;
    if (!v.quoted) {
      // --token --verbose: the next word is another flag, not a value
      if (isFlag && !sep.includes('=') && body.startsWith('-')) continue;
      // `password => hash(password)` (arrow function) / `token = getToken()` (call)
      if (sep.includes('=>') || text.charCodeAt(v.end) === 40 /* ( */) {
        KV_RE.lastIndex = v.end;
        continue;
      }
      // PWD=/home/me is the shell's working directory, not ODBC's PWD=secret
      if (/^(?:old)?pwd$/i.test(name) && PATH_LIKE_RE.test(body)) {
        KV_RE.lastIndex = v.end;
        continue;
      }
    }
    if (!isPlaceholder(body)) out.replace(v.bodyStart, v.bodyStart + body.length);
    KV_RE.lastIndex = v.end;
  }
  return out.result();
}

/* ------------------------------------------------------------------------------------------ */
/* 6. Well-known token shapes (no key name needed)                                            */
/* ------------------------------------------------------------------------------------------ */

const TOKEN_SHAPES = [
  String.raw`(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`, // AWS access key id
  String.raw`gh[pousr]_[A-Za-z0-9]{36,}`, // GitHub classic / OAuth / user-to-server / server / refresh
  String.raw`github_pat_[A-Za-z0-9_]{40,}`, // GitHub fine-grained PAT
  String.raw`gl(?:pat|ptt|dt|rt|cbt|oas|soat|ffct|imt|agent)-[A-Za-z0-9_-]{20,}`, // GitLab
  String.raw`xox[abposre]-[A-Za-z0-9-]{10,}`, // Slack bot/user/app/legacy tokens
  String.raw`xapp-\d-[A-Za-z0-9-]{10,}`, // Slack app-level token
  String.raw`npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])`, // npm
  String.raw`(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}`, // Stripe
  String.raw`whsec_[A-Za-z0-9+/=]{20,}`, // Stripe webhook signing secret
  String.raw`sk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}`, // Anthropic / OpenAI (checked below)
  String.raw`AIza[0-9A-Za-z_-]{35}`, // Google API key
  String.raw`GOCSPX-[A-Za-z0-9_-]{20,}`, // Google OAuth client secret
  String.raw`ya29\.[0-9A-Za-z_-]{20,}`, // Google OAuth access token
  String.raw`eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*`, // JWT
  String.raw`hf_[A-Za-z0-9]{30,}`, // Hugging Face
  String.raw`pypi-AgE[A-Za-z0-9_-]{50,}`, // PyPI
  String.raw`SG\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,}`, // SendGrid
  String.raw`dop_v1_[a-f0-9]{64}`, // DigitalOcean
  String.raw`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, // Shopify
];
const TOKEN_SHAPE_RE = new RegExp(WORD_START + '(?:' + TOKEN_SHAPES.join('|') + ')', 'g');

/** `sk-` is also a plain kebab-case prefix; real keys are mixed case with digits. */
function plausibleSkKey(token: string): boolean {
  if (token.startsWith('sk-ant-') || token.startsWith('sk-proj-') || token.startsWith('sk-svcacct-') || token.startsWith('sk-admin-')) {
    return true;
  }
  return /\d/.test(token) && /[A-Z]/.test(token) && /[a-z]/.test(token.slice(3));
}

function redactTokenShapes(text: string): string {
  return text.replace(TOKEN_SHAPE_RE, (m) => (m.startsWith('sk-') && !plausibleSkKey(m) ? m : REDACTED));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** Replaces every secret found in `text` by `[REDACTED]`. Idempotent; returns `text` itself when nothing matched. */
export function redact(text: string): string {
  if (text.length === 0) return text;
  let out = redactPrivateKeys(text);
  out = redactUrls(out);
  out = redactHeaders(out);
  out = redactCommandArgs(out);
  out = redactAssignments(out);
  out = redactTokenShapes(out);
  return out === text ? text : out;
}

/** True when `redact` would change `text`. */
export function containsSecret(text: string): boolean {
  return redact(text) !== text;
}

/**
 * Returns a copy of `value` in which every string inside plain objects and arrays went through
 * `redact`, and every non-empty string stored under a secret-looking key (`password`, `apiKey`,
 * `client_secret`, `Authorization`…) is replaced whole. Numbers, booleans and non-plain objects
 * (Date, Map, class instances) are returned as they are; cycles are preserved.
 */
export function redactDeep<T>(value: T): T {
  return deepRedact(value, new WeakMap()) as T;
}

function deepRedact(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const arr: unknown[] = [];
    seen.set(value, arr);
    for (const item of value as unknown[]) arr.push(deepRedact(item, seen));
    return arr;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const obj: Record<string, unknown> = proto === null ? (Object.create(null) as Record<string, unknown>) : {};
  seen.set(value, obj);
  for (const [k, v] of Object.entries(value)) {
    const next =
      typeof v === 'string' && !isPlaceholder(v) && isSecretName(k, 'deep') ? REDACTED : deepRedact(v, seen);
    Object.defineProperty(obj, k, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return obj;
}
