/**
 * Plan templates written by `csm init` into .claude/workflows/. `csm start --workflow <name>`
 * reads the task lines back ("- <title> — <agent>, <minutes> min"): the file is a template a team
 * edits, not session state.
 */
export const WORKFLOWS: Record<string, string> = {
  'feature-development': `# Workflow: feature development

Use for a new capability. Claude refines these tasks into micro-tasks (each under ~100 changed lines) with \`csm plan\`.

## Phases
1. Design — agree on the shape before code.
2. Build — small, tested steps.
3. Verify — tests, review, docs.

## Tasks
- Design the change and its interfaces — architect, 20 min
- Implement the core logic behind a test — backend-specialist, 45 min
- Build the user-facing part — frontend-specialist, 45 min
- Cover the success criteria with tests — test-engineer, 30 min
- Review the diff for correctness and consistency — code-reviewer, 15 min
- Update README, docs and changelog — documentation-writer, 15 min

## Success criteria
- All tests pass, including new ones for the feature
- No new console.log / debugger leftovers
- Documentation describes the new behaviour
`,
  'bug-fix': `# Workflow: bug fix

Use when something is broken. Reproduce first, then fix at the right depth.

## Phases
1. Reproduce — a failing test that shows the bug.
2. Fix — the smallest change that makes it pass.
3. Prevent — regression test, memory entry.

## Tasks
- Reproduce the bug with a failing test — bug-hunter, 20 min
- Find the root cause and fix it — bug-hunter, 30 min
- Add regression tests around the fix — test-engineer, 20 min
- Review the fix — code-reviewer, 10 min
- Record the symptom, cause and fix in errors.md — documentation-writer, 5 min

## Success criteria
- The reproducing test fails before the fix and passes after it
- The whole suite passes
- errors.md explains the symptom and the fix
`,
  'performance-optimization': `# Workflow: performance optimization

Use when something is too slow. Measure before and after; keep behaviour unchanged.

## Phases
1. Measure — a benchmark that shows the problem.
2. Improve — one change at a time, measured.
3. Guard — keep the gain from regressing.

## Tasks
- Write a benchmark that reproduces the slowness — test-engineer, 30 min
- Profile and find the hot path — architect, 30 min
- Optimize the hot path — backend-specialist, 45 min
- Confirm behaviour is unchanged with the full suite — test-engineer, 15 min
- Document the figures before and after — documentation-writer, 10 min

## Success criteria
- The benchmark improves by the agreed amount
- All tests pass
- The figures are written down with the machine they came from
`,
};

export interface WorkflowTask {
  title: string;
  agent: string;
  estimatedMinutes: number | null;
}

const TASK_LINE = /^\s*[-*]\s+(.+?)\s+[—–-]{1,2}\s+([a-z0-9][a-z0-9-]*)\s*(?:,\s*(\d+)\s*min(?:utes)?)?\s*$/i;

/** The task lines of a workflow template's "## Tasks" section. */
export function parseWorkflowTasks(markdown: string): WorkflowTask[] {
  const out: WorkflowTask[] = [];
  let inTasks = false;
  for (const line of markdown.split('\n')) {
    if (/^##\s/.test(line)) inTasks = /^##\s+tasks\b/i.test(line);
    else if (inTasks) {
      const m = TASK_LINE.exec(line);
      if (m)
        out.push({
          title: m[1] as string,
          agent: (m[2] as string).toLowerCase(),
          estimatedMinutes: m[3] ? Number(m[3]) : null,
        });
    }
  }
  return out;
}

export function parseWorkflowCriteria(markdown: string): string[] {
  const m = /^##\s+success criteria\s*\n([\s\S]*?)(?=^##\s|(?![\s\S]))/im.exec(markdown);
  return m
    ? (m[1] as string)
        .split('\n')
        .map((l) => l.replace(/^\s*[-*]\s+/, '').trim())
        .filter(Boolean)
    : [];
}
