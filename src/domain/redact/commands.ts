/**
 * Passes 4 and 5: secrets given to known commands (mysql -p, sshpass, docker login …), then
 * NAME=value assignments and --name value flags whose name says secret.
 */

import { isSecretName, isPlaceholder } from './names.ts';
import { WORD_START, NAME_START, BACKSLASHES, KV_VALUE_RE, ARG_VALUE_RE, readValue, Splicer } from './spans.ts';

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
      WORD_START +
        String.raw`(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mariadb|mariadb-dump|mariadb-admin)` +
        CMD_LINE +
        String.raw`[ \t]-p(?=\S)`,
      'g',
    ),
  },
  { re: new RegExp(WORD_START + String.raw`sshpass[ \t]+-p[ \t]*(?=\S)`, 'g') },
  { re: new RegExp(WORD_START + String.raw`redis-cli` + CMD_LINE + String.raw`[ \t]-a[ \t]+(?=\S)`, 'g') },
  {
    re: new RegExp(
      WORD_START +
        String.raw`(?:docker|podman|buildah|skopeo|nerdctl|oras|crane|helm)[ \t]+(?:registry[ \t]+)?login` +
        CMD_LINE +
        String.raw`[ \t]-p[ \t]*(?=\S)`,
      'g',
    ),
  },
  {
    re: new RegExp(
      WORD_START +
        String.raw`gh[ \t]+secret[ \t]+set` +
        CMD_LINE +
        String.raw`[ \t](?:-b[ \t]*|--body(?:[ \t]+|=))(?=\S)`,
      'g',
    ),
  },
  // .netrc: machine example.com login me password SECRET (one line or several)
  { re: new RegExp(WORD_START + String.raw`login[ \t\r\n]+\S{1,256}[ \t\r\n]+(?:password|passwd)[ \t]+(?=\S)`, 'g') },
  // npm/yarn/pnpm/git config set NAME VALUE, aws configure set NAME VALUE
  {
    re: new RegExp(
      WORD_START +
        String.raw`config(?:ure)?[ \t]+set[ \t]+(?:-{1,2}[\w-]{1,40}[ \t]+){0,4}([^\s="']{1,256})[ \t]+(?=\S)`,
      'g',
    ),
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

export function redactCommandArgs(text: string): string {
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

export function redactAssignments(text: string): string {
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
      // `--- PASS: TestAbs (0.00s)`, `PASS: 12 tests`: a test runner's verdict, not a password
      if (name === 'PASS' && sep.trim() === ':') {
        KV_RE.lastIndex = v.end;
        continue;
      }
      // `Fix auth: add token refresh`, `TASK-AUTH: add the check` (titles, prose): after a topic
      // word (auth, cookies) and a bare colon, a lower-case word followed by more words is a
      // sentence going on, not a secret
      if (
        !isFlag &&
        sep.trim() === ':' &&
        /(?:^|[-_])(?:o?auth|cookies?)$/i.test(name) &&
        /^[a-z]{2,12}$/.test(body) &&
        /^ [a-z]{2,}/.test(text.slice(v.end, v.end + 4))
      ) {
        KV_RE.lastIndex = v.end;
        continue;
      }
      // `bad key: 255`, `token: 42` (a test's own words): a short number is no key or token; a
      // password or PIN may be one, and stays hidden
      if (/^\d{1,6}$/.test(body) && !/pass|pwd|pin\b|pin$/i.test(name)) {
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
