// PostToolUse / PostToolUseFailure: records each edit against the task in progress, and test/build runs as evidence.
import { recordToolUse } from '../src/app/record-tool-use.ts';
import { openStore } from '../src/app/open-store.ts';
import { runHook } from '../src/hook-runtime/run-hook.ts';

await runHook({ event: 'PostToolUse', budgetMs: 8000 }, async (input) => {
  const opened = openStore(input);
  if (!opened?.active) return null;
  const r = await recordToolUse(opened.store, opened.active, input, opened.workRoot);
  if (!r.warning) return null;
  // the file's own text can appear in a parse error: redacted like every other message
  const { redact } = await import('../src/domain/redact.ts');
  return { systemMessage: redact(`csm: ${r.warning.split('\n')[0]} — csm doctor --fix rebuilds tasks.json from the ledger`).slice(0, 300) };
});
