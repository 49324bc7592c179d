import type { GateRunRecord } from '../tasks/session-state.ts';
import type { Checklist } from './plan-docs.ts';

type Kind = 'compile' | 'test' | 'lint' | 'build' | 'any';

const KIND_NAMES: Record<Exclude<Kind, 'any'>, RegExp> = {
  compile: /typecheck|type-check|tsc|compile|check-types|cargo-check|go-vet/i,
  test: /test|pytest|spec/i,
  lint: /lint|eslint|clippy|ruff|flake8/i,
  build: /build/i,
};

/** The outcome of the gates of one kind in a run: true (all passed), false (one failed), null (none ran). */
function outcome(run: GateRunRecord | undefined, kind: Kind): { done: boolean | null; evidence?: string } {
  if (!run) return { done: null };
  const rs = run.results.filter(
    (r) => (r.status === 'pass' || r.status === 'fail') && (kind === 'any' || KIND_NAMES[kind].test(r.name)),
  );
  if (rs.length === 0) return { done: null };
  const failed = rs.filter((r) => r.status === 'fail');
  return failed.length
    ? { done: false, evidence: `${failed.map((r) => r.name).join(', ')} failed (${run.t})` }
    : { done: true, evidence: `${rs.map((r) => r.name).join(', ')} passed (${run.t})` };
}

export function preSessionChecklist(run: GateRunRecord | undefined): Checklist[] {
  return [
    { label: 'Project builds / compiles', ...outcome(run, 'compile') },
    { label: 'Existing tests pass', ...outcome(run, 'test') },
    { label: 'Lint is clean', ...outcome(run, 'lint') },
  ];
}

export function postSessionChecklist(run: GateRunRecord | undefined): Checklist[] {
  const consoleGate = run?.results.find((r) => r.name === 'console');
  return [
    { label: 'All new tests pass', ...outcome(run, 'test') },
    {
      label: 'Build succeeds',
      ...(outcome(run, 'build').done === null ? outcome(run, 'compile') : outcome(run, 'build')),
    },
    {
      label: 'No new console errors',
      done: consoleGate ? consoleGate.status === 'pass' : null,
      ...(consoleGate ? { evidence: `console check ${consoleGate.status} (${run?.t})` } : {}),
    },
    { label: 'Coverage increased or maintained', done: null },
  ];
}
