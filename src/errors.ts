/**
 * The few typed errors csm throws. A `CsmError` is a user-facing problem with a fix;
 * anything else reaching the top level is a bug.
 */
export type ErrorCode =
  | 'USAGE'
  | 'NOT_FOUND'
  | 'INVALID_FILE'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'UNSAFE_PATH'
  | 'LOCKED'
  | 'IO';

export class CsmError extends Error {
  readonly code: ErrorCode;
  readonly fix: string | undefined;
  constructor(code: ErrorCode, message: string, opts: { fix?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CsmError';
    this.code = code;
    this.fix = opts.fix;
  }
}

export const usageError = (message: string, fix?: string): CsmError =>
  new CsmError('USAGE', message, fix === undefined ? {} : { fix });

export const isCsmError = (e: unknown): e is CsmError => e instanceof CsmError;

/** Exit code for a thrown value: 2 for usage problems, 1 for everything else. */
export const exitCodeFor = (e: unknown): number => (isCsmError(e) && e.code === 'USAGE' ? 2 : 1);

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
