/** The clock for the CLI and the hooks: real time, or CSM_NOW (an ISO time) for reproducible runs and tests. */
export function clock(): () => Date {
  const fixed = process.env.CSM_NOW;
  if (fixed && Number.isFinite(Date.parse(fixed))) return () => new Date(fixed);
  return () => new Date();
}
