/** Pass 1: the bodies of PEM private-key blocks. */

import { REDACTED, Splicer } from './spans.ts';

/* ------------------------------------------------------------------------------------------ */
/* 1. Private key blocks                                                                      */
/* ------------------------------------------------------------------------------------------ */

const PEM_BEGIN_RE = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END_RE = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** Body of a truncated block (no END marker): base64, whitespace, escaped newlines. */
const PEM_RUN_RE = /(?:[A-Za-z0-9+/=\s]|\\+[nr])*/y;
const LEADING_NL_RE = /^(?:\r?\n|(?:\\+r)?\\+n)/;
const TRAILING_NL_RE = /(?:\r?\n|(?:\\+r)?\\+n)$/;

export function redactPrivateKeys(text: string): string {
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
