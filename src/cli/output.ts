/** Terminal output: colour only on a TTY and never with NO_COLOR; JSON when asked. */
export interface Out {
  json: boolean;
  color: boolean;
  print(text: string): void;
  error(text: string): void;
  data(value: unknown): void;
}

export function makeOut(json: boolean, stream: NodeJS.WriteStream = process.stdout): Out {
  const color = Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  return {
    json,
    color,
    print: (text) => void stream.write(text.endsWith('\n') ? text : `${text}\n`),
    error: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    data: (value) => void stream.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

const wrap =
  (code: string) =>
  (out: Out, s: string): string =>
    out.color ? `\u001b[${code}m${s}\u001b[0m` : s;
export const bold = wrap('1');
export const dim = wrap('2');
export const green = wrap('32');
export const red = wrap('31');
export const yellow = wrap('33');
export const cyan = wrap('36');

/** `[#####.....] 5/10` */
export function progressBar(done: number, total: number, width = 20): string {
  if (total <= 0) return `[${'.'.repeat(width)}] 0/0`;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

/** Runs `fn` with process stdout silenced when `silent` (commands run in-process by demo and profile). */
export async function quietly<T>(silent: boolean, fn: () => Promise<T>): Promise<T> {
  if (!silent) return fn();
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

let capturing: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` with everything it writes to stdout and stderr collected instead of shown: commands run
 * in-process for the mod's `/csm`, one at a time (the streams are the process's own).
 */
export function captured<T>(fn: () => Promise<T>): Promise<{ value: T; text: string }> {
  const run = async (): Promise<{ value: T; text: string }> => {
    const chunks: string[] = [];
    const take = ((chunk: string | Uint8Array): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    const [out, err] = [process.stdout.write, process.stderr.write];
    process.stdout.write = take;
    process.stderr.write = take;
    try {
      return { value: await fn(), text: chunks.join('') };
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  };
  const next = capturing.then(run, run);
  capturing = next.catch(() => undefined);
  return next;
}
