/**
 * Times on the HTML page, in the reader's time zone: the page is machine-local and made on
 * demand, while the committed Markdown reports stay in UTC for everyone who reads them.
 */

export interface LocalClock {
  /** The IANA zone the times are in (UTC when the given one is unknown). */
  zone: string;
  /** 14:03 */
  time(ms: number): string;
  /** 6 Dec 2026 */
  date(ms: number): string;
}

const formats = (timeZone: string) => ({
  time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  date: new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
});

export function localClock(zone: string): LocalClock {
  let tz = zone || 'UTC';
  let f: ReturnType<typeof formats>;
  try {
    f = formats(tz);
  } catch {
    tz = 'UTC';
    f = formats(tz);
  }
  return { zone: tz, time: (ms) => f.time.format(ms), date: (ms) => f.date.format(ms) };
}

/** A span of time "6 Dec 2026, 14:03 → 14:45" (the date again when it changes). */
export function spanText(clock: LocalClock, startMs: number | null, endMs: number | null): string {
  if (startMs === null) return '?';
  const start = `${clock.date(startMs)}, ${clock.time(startMs)}`;
  if (endMs === null) return `${start} → ?`;
  const sameDay = clock.date(startMs) === clock.date(endMs);
  return `${start} → ${sameDay ? '' : `${clock.date(endMs)}, `}${clock.time(endMs)}`;
}

/** Round steps for the time axis, in minutes. */
const STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080];

export interface TimeAxis {
  startMs: number;
  endMs: number;
  /** The x of a time (clamped to the span). */
  x(t: number): number;
  /** Tick times at a round step, at most eight. */
  ticks: number[];
}

/** The session's time from `left` to `right` in SVG units. */
export function timeAxis(startMs: number, endMs: number, left: number, right: number): TimeAxis {
  const end = Math.max(endMs, startMs + 60_000);
  const span = end - startMs;
  const stepMin = STEPS.find((s) => span / (s * 60_000) <= 7) ?? (STEPS[STEPS.length - 1] as number);
  const step = stepMin * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= end; t += step) ticks.push(t);
  const x = (t: number): number => left + ((Math.min(Math.max(t, startMs), end) - startMs) / span) * (right - left);
  return { startMs, endMs: end, x, ticks };
}

/** Tick labels at `y` and faint grid lines down to `bottom`. */
export function axisSvg(axis: TimeAxis, clock: LocalClock, y: number, bottom: number): string {
  return axis.ticks
    .map((t) => {
      const x = axis.x(t).toFixed(1);
      const line = `<line x1="${x}" y1="${y + 4}" x2="${x}" y2="${bottom}" stroke="#e0e0e0"/>`;
      const attrs = `x="${x}" y="${y}" font-size="11" text-anchor="middle" fill="#616161"`;
      const label = `<text ${attrs}>${clock.time(t)}</text>`;
      return `${line}${label}`;
    })
    .join('');
}
