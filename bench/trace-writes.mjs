// Preloaded by bench/hook-path.ts into a hook run from source (node --import tsx --import this):
// every file write records the call stack that made it, into $CSM_TRACE_OUT (one JSON line each).
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const out = process.env.CSM_TRACE_OUT;
Error.stackTraceLimit = Number.POSITIVE_INFINITY;
const real = {
  appendFileSync: fs.appendFileSync,
  writeFileSync: fs.writeFileSync,
  renameSync: fs.renameSync,
  writeSync: fs.writeSync,
};
let busy = false;
const record = (op, target) => {
  if (busy) return;
  busy = true;
  const stack = (new Error().stack ?? '').split('\n').slice(2);
  real.appendFileSync(out, `${JSON.stringify({ op, target: String(target), stack })}\n`);
  busy = false;
};
for (const op of Object.keys(real)) {
  fs[op] = function traced(...args) {
    const target = op === 'renameSync' ? args[1] : op === 'writeSync' ? `fd ${args[0]}` : args[0];
    // stdout and stderr are the hook's answer, not a write
    const answer = op === 'writeSync' && (args[0] === 1 || args[0] === 2);
    if (out && !answer && String(args[0]) !== out) record(op, target);
    return real[op].apply(this, args);
  };
}
syncBuiltinESMExports();
