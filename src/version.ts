/** Replaced at build time by esbuild's `define`; `dev` when run from source. */
declare const __CSM_VERSION__: string | undefined;
export const VERSION: string = typeof __CSM_VERSION__ === 'string' ? __CSM_VERSION__ : 'dev';
