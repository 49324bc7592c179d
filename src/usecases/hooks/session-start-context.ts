import path from 'node:path';
import type { CsmConfig } from '../../contracts/config.ts';
import type { HookInput } from '../../contracts/hook-input.ts';
import { gitBrief } from '../../adapters/git/git-fast.ts';
import { readCoverage, readMcpServers } from '../../adapters/project/coverage.ts';
import type { SessionStore } from '../session/session-store.ts';
import { newestEntries } from '../../domain/memory/memory-entries.ts';
import { asOfLastWork, buildDigest, sessionTitle } from '../../domain/reports/context-digest.ts';
import { toldFacts } from '../../domain/reports/context-delta.ts';
import { writeTold } from './told-facts.ts';
import { debugLog } from '../../adapters/debug-log.ts';

/**
 * SessionStart: records the Claude session in the ledger and builds the digest within the source's
 * budget; on a fresh start, also the title the Claude session gets (the csm session and its task).
 */
export async function sessionStartContext(
  store: SessionStore,
  config: CsmConfig,
  sessionId: string,
  input: HookInput,
): Promise<{ text: string; title: string | null; bookkeepingOff: string | null }> {
  // Claude gets its context even where csm cannot write (a read-only checkout, a full disk): the
  // bookkeeping writes below are tried, and the first that fails is said once, not thrown
  let off: string | null = null;
  const keep = async (write: () => Promise<void>): Promise<void> => {
    if (off !== null) return;
    try {
      await write();
    } catch (e) {
      off = e instanceof Error ? e.message : String(e);
      debugLog('SessionStart', 'bookkeeping write failed', e);
    }
  };
  const source = input.source ?? 'startup';
  // A conversation that starts afresh (startup, clear) gets git's status from Claude Code itself
  // (its "gitStatus" context: branch, changed files, recent commits), so csm names the branch and
  // spawns no git. After resume or compact that snapshot is old: csm counts the files now.
  const git = await gitBrief(store.root, source !== 'startup' && source !== 'clear');
  const { state, editsLeftOut } = store.loadForDigest(sessionId);
  const previous = state.claudeSessions.filter((c) => c.id === input.session_id).pop();
  const claudeSession = input.session_id;
  if (claudeSession) await keep(() => store.append(sessionId, [{ type: 'claude.session', claudeSession, source }]));
  const mem = (kind: string, n: number) => newestEntries(store.files.memory.read(kind) ?? '', n);
  const cov = readCoverage(store.root);
  const rel = (p: string): string => path.relative(store.root, p);
  // no clock: the same work gives the same text (see asOfLastWork)
  const asOf = asOfLastWork(state);
  // what Claude is told now: UserPromptSubmit says what changes after it, once
  if (claudeSession) await keep(() => writeTold(store, claudeSession, toldFacts(state)));
  const text = buildDigest({
    state: asOf.state,
    source,
    budgetChars:
      source === 'resume' || source === 'compact' || source === 'fork'
        ? config.context.resumeChars
        : config.context.startupChars,
    now: asOf.at ?? store.now().getTime(),
    idleMs: store.idleMs,
    timeBudgetMinutes: config.timeBudgetMinutes,
    git,
    decisions: mem('decisions', 5),
    errors: mem('errors', 5),
    agents: store.files.agentNames(),
    mcpServers: readMcpServers(store.root),
    coverage: cov.percent === null ? 'unknown' : `${cov.percent}% (${cov.source})`,
    files: {
      tasks: rel(store.sessionFile(sessionId, 'tasks.json')),
      plan: rel(store.sessionFile(sessionId, 'plan.md')),
      context: rel(store.sessionFile(sessionId, 'context.md')),
      memory: rel(store.files.memory.dir) + '/',
    },
    previousContextAt: previous ? Date.parse(previous.t) : null,
    editsLeftOut: editsLeftOut ?? 0,
    handoff: source === 'compact' ? (state.handoffs.filter((h) => !previous || h.t >= previous.t).pop() ?? null) : null,
  });
  return { text, title: source === 'startup' ? sessionTitle(state) : null, bookkeepingOff: off };
}
