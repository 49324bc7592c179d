/** What every redaction pass shares: word boundaries, value tokens, the splicer that puts `[REDACTED]` in. */

export const REDACTED = '[REDACTED]';

/* ------------------------------------------------------------------------------------------ */
/* Shared pieces                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** Not preceded by an identifier character — or preceded by a JSON escape such as `\n`. */
export const WORD_START = String.raw`(?:(?<=\\[nrt])|(?<![A-Za-z0-9_]))`;
/** Like WORD_START, but a name also may not continue a path, a dotted name or a kebab name. */
// a name starts after anything but a name character — or after a run of dots (padding, ellipses)
export const NAME_START = String.raw`(?:(?<=\\[nrt])|(?<![\w.\/\\-])|(?<=\.\.))`;

/**
 * A run of backslashes is only ever consumed whole and never when a quote follows it, so text
 * that is itself serialized JSON (even JSON inside JSON) is never cut in the middle of an escape.
 * A run before n/r/t is an escaped line break in serialized text: bare values stop there.
 */
export const BACKSLASHES = (notFollowedBy: string): string => String.raw`\\+(?=[^${notFollowedBy}\\])`;

/**
 * The value after a separator: `[REDACTED]` | shell reference | "dq" | 'sq' | bare.
 * Double quotes may be escaped any number of times (`"`, `\"`, `\\\"` …): the closing quote must
 * carry the same escape as the opening one, and inner quotes (odd runs of backslashes) are part
 * of the value.
 */
function valueRegex(bare: string): RegExp {
  return new RegExp(
    String.raw`\[REDACTED\]|\$\([^)\r\n]{0,512}\)?|\$\{[^}\r\n]{0,512}\}?|\$[A-Za-z_]\w{0,127}` +
      String.raw`|(\\*)"((?:[^"\\\r\n]|` +
      BACKSLASHES(String.raw`"\r\n`) +
      String.raw`|(?!\1")\\(?:\\\\)*"){0,8192})(?:\1")?` +
      String.raw`|'([^'\r\n]{0,8192})'?` +
      String.raw`|((?:${bare}|` +
      BACKSLASHES(String.raw`\s"'\x60nrt`) +
      String.raw`|[{}\[\]]+(?=${bare}))+)`,
    'y',
  );
}

/** Assignment values stop at separators used by URLs, YAML/JSON flow style, `--set a=b,c=d`. */
const KV_BARE = String.raw`[^\s"'\x60\\,;&|<>(){}\[\]]`;
/** Shell arguments stop at whitespace and shell metacharacters only. */
const ARG_BARE = String.raw`[^\s"'\x60\\;&|<>()]`;
export const KV_VALUE_RE = valueRegex(KV_BARE);
export const ARG_VALUE_RE = valueRegex(ARG_BARE);

interface ValueSpan {
  /** End offset of the whole value token (quotes included). */
  end: number;
  /** Offset and text of the part to replace; null when the value must be kept. */
  bodyStart: number;
  body: string | null;
  quoted: boolean;
}

export function readValue(re: RegExp, text: string, at: number): ValueSpan | null {
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
export class Splicer {
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
