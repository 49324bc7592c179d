/** Id formats, kept free of zod so the hooks can use them without loading it. */
export const TASK_ID_RE = /^task-[1-9][0-9]{0,5}$/;
export const SESSION_ID_RE = /^[0-9]{3,9}$/;
