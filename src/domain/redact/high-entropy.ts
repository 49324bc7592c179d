/**
 * Pass 7: secrets that carry no name and no vendor prefix — a bare cloud secret key in a failing
 * test's output, `Basic <base64 of user:password>` outside any header. Judged by shape and
 * randomness, so that ordinary identifiers, paths and hashes (git SHAs, UUIDs, `sha512-…`
 * integrity strings) stay as they are.
 */

import { Splicer } from './spans.ts';

/** A run of base64 / base64url characters, not part of a longer one. */
const CANDIDATE_RE = /(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_-]{20,512}={0,2}(?![A-Za-z0-9+/_=-])/g;
/** `Basic <base64 of user:password>` without an `Authorization:` before it. */
const BASIC_RE = /\bBasic[ \t]+([A-Za-z0-9+/]{8,512}={0,2})(?![A-Za-z0-9+/=])/g;
/** Words that, on the same line, make a random-looking string a likely credential. */
const PROVIDER_WORD_RE =
  /aws|secret|token|api[_ -]?key|access[_ -]?key|private[_ -]?key|\bkey\b|passw|credential|bearer|auth/i;
/**
 * What comes right before data that is not a secret: a hash (`sha512-…` integrity, `sha256:` digests), a data URI, a
 * MIME encoded word.
 */
const HASH_PREFIX_RE = /(?:(?:sha(?:1|224|256|384|512)|md5|blake2b?|xxh\d*)[-:=][ \t]*["']?|;base64,|\?[BQ]\?)$/i;

/** A hash that names its algorithm (`sha512-…`): its pieces are not keys either. */
const HASH_HEAD_RE = /^(?:sha(?:1|224|256|384|512)|md5|blake2b?|xxh\d*)[-:=]/i;

/** Shannon entropy of `s`, in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A path (`src/components/Button`), a dashed name, an identifier (`JSONSchema7Definition`), an
 * alphabet (`ABC…xyz0123456789`): made of words or runs, not of chance.
 */
function looksLikeWords(s: string): boolean {
  const segments = s.split(/[/_-]/);
  if (segments.some((seg) => seg.length >= 4 && /^[a-z]+\d*$/.test(seg))) return true;
  // `BSD-3-Clause-No-Nuclear-License-2014`: every piece a word, an acronym or a number
  if (segments.length >= 3 && segments.every((seg) => /^(?:[A-Z]?[a-z]{1,12}|[A-Z]{1,6}|\d{1,8})$/.test(seg)))
    return true;
  let inWords = 0;
  for (const w of s.match(/[A-Z][a-z]{2,}|[a-z]{3,}|[A-Z]{2,}(?=[A-Z][a-z])/g) ?? []) inWords += w.length;
  // chance makes letter runs too, but words have vowels: a quarter of random letters are
  const lower = s.replace(/[^a-z]/g, '');
  const vowels = lower.replace(/[^aeiouy]/g, '').length;
  if (inWords >= s.length * 0.6 && vowels >= lower.length * 0.3) return true;
  let steps = 0;
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) === 1) steps++;
  return steps >= s.length * 0.3;
}

/**
 * True for a string that reads as random: upper case, lower case and digits mixed, not hex, not
 * words, and close to the entropy a random string of its length would have.
 */
export function looksRandom(s: string): boolean {
  const body = s.replace(/=+$/, '');
  if (/^[0-9a-f-]+$/.test(body) || /^[0-9A-F-]+$/.test(body)) return false; // SHAs, UUIDs, hex digests
  if (!/[A-Z]/.test(body) || !/[a-z]/.test(body) || !/\d/.test(body)) return false;
  if (looksLikeWords(body)) return false;
  const ceiling = Math.log2(Math.min(body.length, 64));
  return entropy(body) >= 0.8 * ceiling;
}

/** Part of a URL (`https://gist.github.com/user/<id>`): the URL pass judges those. */
function inUrl(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 300), start);
  const word = before.slice(
    Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'), before.lastIndexOf('"'), before.lastIndexOf("'")) + 1,
  );
  return word.includes('://') || word.endsWith('.');
}

function lineAround(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('\n', start) + 1, start - 200);
  const nl = text.indexOf('\n', end);
  const to = Math.min(nl === -1 ? text.length : nl, end + 200);
  return text.slice(from, start) + ' ' + text.slice(end, to);
}

/** Base64 of words (`VGhpcyBpcyBhbi…` for "This is an…"): encoded text, not a generated key. */
function encodesText(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return false;
  const body = token.replace(/=+$/, '');
  if (body.length % 4 === 1) return false;
  try {
    const plain = atob(body + '='.repeat((4 - (body.length % 4)) % 4));
    return /^[\x20-\x7e\t\r\n]+$/.test(plain) && /[A-Za-z]{2,}/.test(plain);
  } catch {
    return false;
  }
}

function decodesToUserPassword(b64: string): boolean {
  try {
    const plain = atob(b64);
    return /^[\x20-\x7e]{1,256}:[\x20-\x7e]*$/.test(plain) && !plain.startsWith(':');
  } catch {
    return false;
  }
}

/**
 * Adds [start, end) to `spans` when `token` there reads as a generated secret. Says why not
 * otherwise: 'words' when only its shape spoke against it (a path, a dashed name, whose pieces
 * may still hold a key), 'data' when it is known data (a hash, a URL, encoded text).
 */
function judge(
  text: string,
  start: number,
  token: string,
  spans: Array<[number, number]>,
): 'secret' | 'words' | 'data' {
  const end = start + token.length;
  if (HASH_PREFIX_RE.test(text.slice(Math.max(0, start - 10), start)) || inUrl(text, start) || encodesText(token))
    return 'data';
  if (!looksRandom(token)) return 'words';
  // as long as a generated key (the 40 characters of a cloud secret key, say), it stands on its
  // own; a shorter one needs a credential word on its line
  if (token.replace(/=+$/, '').length < 32 && !PROVIDER_WORD_RE.test(lineAround(text, start, end))) return 'data';
  spans.push([start, end]);
  return 'secret';
}

export function redactHighEntropy(text: string): string {
  if (text.length < 20) return text;
  const spans: Array<[number, number]> = [];
  if (text.includes('Basic')) {
    BASIC_RE.lastIndex = 0;
    for (let m = BASIC_RE.exec(text); m !== null; m = BASIC_RE.exec(text)) {
      const b64 = m[1] ?? '';
      const start = m.index + m[0].length - b64.length;
      if (decodesToUserPassword(b64)) spans.push([start, start + b64.length]);
    }
  }
  CANDIDATE_RE.lastIndex = 0;
  for (let m = CANDIDATE_RE.exec(text); m !== null; m = CANDIDATE_RE.exec(text)) {
    if (judge(text, m.index, m[0], spans) !== 'words' || !/[-_/]/.test(m[0]) || HASH_HEAD_RE.test(m[0])) continue;
    // `src/leak-<key>.js`: a key inside a path or a dashed name is judged on its own
    const pieceRe = /[A-Za-z0-9+=]{20,}/g;
    for (let p = pieceRe.exec(m[0]); p !== null; p = pieceRe.exec(m[0])) judge(text, m.index + p.index, p[0], spans);
  }
  if (spans.length === 0) return text;
  const out = new Splicer(text);
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) out.replace(start, end);
  return out.result();
}
