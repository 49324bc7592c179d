/** Passes 2 and 3: credentials in URLs, webhook URLs, and Authorization / Cookie header values. */

import { isPlaceholder } from './names.ts';
import { REDACTED, WORD_START, BACKSLASHES, Splicer } from './spans.ts';

/* ------------------------------------------------------------------------------------------ */
/* 2. URLs with credentials, webhook URLs                                                     */
/* ------------------------------------------------------------------------------------------ */

/** scheme://user:password@host — the password may contain `@` (the last one before the host wins). */
const URL_CREDS_RE = /\b([a-z][a-z0-9+.-]{1,31}:\/\/)([^\s:/?#@"'<>`\\]{0,256}):([^\s/?#"'<>`\\]{1,512})@(?=[\w[%-])/gi;
/** scheme://<long token>@host — a token used as the user name (git remotes). */
const URL_TOKEN_USER_RE = /\b([a-z][a-z0-9+.-]{1,31}:\/\/)([A-Za-z0-9_-]{30,256})@(?=[\w[])/gi;
const WEBHOOK_RE =
  /((?:hooks\.slack\.com\/(?:services|workflows|triggers)|discord(?:app)?\.com\/api\/webhooks)\/)[A-Za-z0-9_/-]{8,}/gi;

export function redactUrls(text: string): string {
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
    String.raw`(?:(bearer|basic|token|bot|jwt|oauth|pat|apikey|api-key|sso-key|key|dpop|mac|negotiate|ntlm)[ \t]+` +
    String.raw`|(aws4-hmac-sha256)[ \t]+)?`,
  'gi',
);
const COOKIE_HEADER_RE = new RegExp(WORD_START + String.raw`((?:set-)?cookie)(${QUOTE}[ \t]*:[ \t]*${QUOTE})`, 'gi');
const TOKEN_VALUE_RE = new RegExp(
  String.raw`\[REDACTED\]|\$\{[^}\r\n]{0,512}\}|\$[A-Za-z_]\w{0,127}|(?:[^\s"'\x60\\]|` +
    BACKSLASHES(String.raw`\s"'\x60nrt`) +
    ')+',
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

export function redactHeaders(text: string): string {
  let out = text;
  if (/authorization/i.test(out)) {
    out = redactHeaderValues(out, AUTH_HEADER_RE, (m) => m[4] !== undefined);
  }
  if (/cookie/i.test(out)) out = redactHeaderValues(out, COOKIE_HEADER_RE, () => true);
  return out;
}
