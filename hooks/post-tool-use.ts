// PostToolUse / PostToolUseFailure: records each edit against the task in progress, and test/build runs as evidence.
import { recordToolUse } from '../src/app/record-tool-use.ts';
import { openStore } from '../src/app/open-store.ts';
import { runHook } from '../src/hook-runtime/run-hook.ts';

await runHook({ event: 'PostToolUse', budgetMs: 8000 }, async (input) => {
  const opened = openStore(input);
  if (!opened?.active) return null;
  await recordToolUse(opened.store, opened.active, input, opened.workRoot);
  return null;
});
