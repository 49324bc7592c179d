import { main } from './cli/main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`csm: this is a bug: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
