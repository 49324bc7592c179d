import type { HookInput, HookOutput } from '../../contracts/hook-input.ts';
import type { OpenedStore } from '../session/open-store.ts';
import { changedFiles, type ChangedFiles, treeKey } from '../../adapters/git/changed-files.ts';
import { unchangedSinceStart } from '../session/baseline.ts';
import { afterGates, preflight, type StopDecision } from '../../domain/gates/stop-policy.ts';
import { redact } from '../../domain/redact.ts';
import { debugLog } from '../../adapters/debug-log.ts';
import { startAfterStop } from '../../adapters/process/background.ts';
import { readClaudeSession, writeClaudeSession } from './claude-session-state.ts';
import { completeSession } from '../session/complete-session.ts';
import { addMemoryEntries } from '../session/memory.ts';
import { runGates } from '../gates/run-gates.ts';
import { startOf } from '../gates/run-options.ts';
import { refreshInterimReports } from '../reports/write-reports.ts';
import { msg } from '../../messages/index.ts';
import { afterRevert } from './tree-reverted.ts';
import { readTold, writeTold } from './told-facts.ts';

const MARGIN_MS = 15_000;

/**
 * After Stop lets Claude go: keep the reports current, and say (or, with autoComplete, do)
 * what comes next. Never throws: a failed report write must not block or break Stop.
 */
async function afterRelease(
  o: OpenedStore,
  sessionId: string,
  note: string | null,
  changes?: ChangedFiles,
): Promise<string | null> {
  const messages: string[] = note ? [note] : [];
  try {
    const r = await refreshInterimReports(o.store, o.config, sessionId, () => o.store.now(), changes);
    if (r.status === 'error') throw new Error(r.message);
    if ((r.status === 'written' || r.status === 'unchanged') && r.readyToComplete) {
      if (o.config.autoComplete) {
        await completeSession(o.store, o.config, sessionId, { runGates: false, auto: true, now: () => o.store.now() });
        messages.push(msg.autoCompleted(sessionId));
      } else messages.push(msg.readyToComplete(sessionId));
    }
  } catch (e) {
    debugLog('Stop', 'report refresh failed', e);
    messages.push(msg.reportsNotRefreshed);
  }
  return messages.length ? messages.join(' · ') : null;
}

/** The Stop hook: run the gates, block with the failure while they fail, never loop. */
export async function stopGate(o: OpenedStore, input: HookInput, deadline: number): Promise<HookOutput | null> {
  const sessionId = o.active;
  const pre = preflight({
    stopEnabled: o.config.stop.enabled,
    sessionActive: sessionId !== null,
    stopHookActive: input.stop_hook_active === true,
    agentId: input.agent_id ?? null,
    backgroundTasks: input.background_tasks?.length ?? 0,
  });
  if (!sessionId) return null;
  if (pre.action === 'skip') {
    // Reports follow every Stop that lets Claude go, except a subagent's (issue 8).
    if (pre.reason === 'stop-hook-active' || pre.reason === 'stop-disabled') {
      const note = await o.store.locked(() => afterRelease(o, sessionId, null));
      return note ? { systemMessage: note } : null;
    }
    if (pre.reason === 'background-tasks') return { systemMessage: msg.gatesDeferred };
    return null;
  }
  const counters = readClaudeSession(o.store, input.session_id);
  const budgetMs = Math.max(5_000, deadline - Date.now() - MARGIN_MS);
  const changes = await changedFiles(o.store.root);
  if (unchangedSinceStart(o.store, sessionId, treeKey(changes))) {
    // Nothing changed since the session started: no work of Claude's to gate.
    const note = await o.store.locked(async () => {
      await afterRevert(o.store, sessionId, input.session_id, counters);
      return afterRelease(o, sessionId, null, changes);
    });
    return note ? { systemMessage: note } : null;
  }
  const run = await runGates({
    ...{ root: o.store.root, store: o.store, sessionId, state: null, ...startOf(o.store.base(sessionId)) },
    ...{ config: o.config, trigger: 'stop', now: () => o.store.now(), budgetMs, changes, deferSave: true },
  });
  const decision = afterGates(run.results, {
    consecutiveBlocks: counters.consecutiveBlocks,
    blockCap: o.config.stop.blockCap,
  });
  // the gates ran outside the lock (they take minutes); what Stop writes, it writes under one lock take
  const out = await o.store.locked(async () => {
    await run.save();
    return saveDecision(o, sessionId, input, decision, counters.consecutiveBlocks, run.ranAny ? undefined : changes);
  });
  // the advisory checks Stop does not wait for run now, in the background, on the tree Claude leaves
  if (decision.action === 'allow' && run.ranAny && run.later > 0) {
    startAfterStop(o.store.root, (what, e) => debugLog('Stop', what, e));
  }
  return out;
}

/** Stop's writes for its decision (the caller holds the store lock), and what the hook answers. */
async function saveDecision(
  o: OpenedStore,
  sessionId: string,
  input: HookInput,
  decision: StopDecision,
  blocksBefore: number,
  changes: ChangedFiles | undefined,
): Promise<HookOutput | null> {
  if (decision.action === 'block') {
    await writeClaudeSession(o.store, input.session_id, { consecutiveBlocks: decision.consecutiveBlocks });
    await o.store.append(sessionId, [
      { type: 'stop.blocked', claudeSession: input.session_id ?? null, gates: decision.failed },
    ]);
    await toldByBlock(o.store, input.session_id, decision.failed);
    return { decision: 'block', reason: redact(decision.reason), systemMessage: decision.systemMessage };
  }
  if (decision.action !== 'allow') return null;
  if (blocksBefore !== decision.consecutiveBlocks) {
    await writeClaudeSession(o.store, input.session_id, { consecutiveBlocks: decision.consecutiveBlocks });
  }
  if (decision.recordError) {
    const { gates, summary } = decision.recordError;
    const reason = `block cap reached: ${gates.join(', ')}`;
    await o.store.append(sessionId, [{ type: 'stop.released', claudeSession: input.session_id ?? null, reason }]);
    const cap = o.config.stop.blockCap;
    const entry = `Stop let through after ${cap} blocks in a row — ${gates.join(', ')} still failing.\n${summary}`;
    await addMemoryEntries(o.store, 'errors', [redact(entry)], sessionId, o.config.memory.maxEntries);
  }
  const note = await afterRelease(o, sessionId, decision.systemMessage, changes);
  return note ? { systemMessage: note } : null;
}

/**
 * A block's reason reaches Claude: the gates it names are told, so the next prompt's update does
 * not say again that they fail. Only for a Claude session told something before (SessionStart).
 */
async function toldByBlock(
  store: OpenedStore['store'],
  claudeSession: string | undefined,
  failed: readonly string[],
): Promise<void> {
  if (!claudeSession) return;
  const told = readTold(store, claudeSession);
  if (!told) return;
  await writeTold(store, claudeSession, { ...told, failing: [...new Set([...told.failing, ...failed])].sort() }, told);
}
