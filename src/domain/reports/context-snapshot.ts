import type { GitState } from '../../contracts/git-state.ts';
import type { SessionState } from '../tasks/session-state.ts';
import { tidyMarkdown } from '../text/tidy-markdown.ts';

/** What `csm start` gathers about the world before a session: the original design's context template. */
export interface ContextSnapshot {
  session: string;
  createdAt: string;
  objectives: string[];
  workflow: string | null;
  git: GitState;
  build: { status: 'passing' | 'failing' | 'unknown'; at: string | null; gates: { name: string; status: string }[] };
  coverage: { percent: number | null; source: string | null };
  knownIssues: string[];
  previous: PreviousSummary | null;
  /** `id` here, `was` its id in session `from`. */
  carriedOver: { title: string; agent: string; from: string; id?: string; was?: string }[];
  agents: string[];
  mcpServers: string[];
  timeBudgetMinutes: number;
}

export interface PreviousSummary {
  session: string;
  status: 'active' | 'completed';
  objectives: string[];
  completed: string[];
  pending: string[];
  blockers: string[];
}

const carriedLine = (t: ContextSnapshot['carriedOver'][number]): string =>
  `- ${t.id ? `${t.id} ← ${t.from}/${t.was} ` : ''}${t.title} (${t.agent}, from session ${t.from})`;

export function summarizePrevious(s: SessionState): PreviousSummary {
  return {
    session: s.session,
    status: s.status,
    objectives: [...s.objectives],
    completed: s.tasks.filter((t) => t.status === 'completed').map((t) => `${t.id} ${t.title}`),
    pending: s.tasks.filter((t) => t.status !== 'completed').map((t) => `${t.id} ${t.title} (${t.status})`),
    blockers: s.tasks.flatMap((t) => t.blockers.map((b) => `${t.id}: ${b}`)),
  };
}

/** Build status from the newest gate run of a session: failing if any blocking gate failed. */
export function buildStatusOf(s: SessionState | null): ContextSnapshot['build'] {
  const run = s?.gateRuns[s.gateRuns.length - 1];
  if (!run) return { status: 'unknown', at: null, gates: [] };
  const ran = run.results.filter((r) => r.status === 'pass' || r.status === 'fail');
  const failing = run.results.some((r) => r.blocking && r.status === 'fail');
  return {
    status: failing ? 'failing' : ran.length ? 'passing' : 'unknown',
    at: run.t,
    gates: run.results.map((r) => ({ name: r.name, status: r.status })),
  };
}

const list = (items: readonly string[], none = 'none'): string =>
  items.length ? items.map((i) => `  - ${i}`).join('\n') : `  - ${none}`;

const uncommittedList = (files: readonly string[]): string => {
  if (!files.length) return '';
  const more = files.length > 20 ? `\n  - … ${files.length - 20} more` : '';
  return `\n${list(files.slice(0, 20))}${more}`;
};

const buildRun = (b: ContextSnapshot['build']): string => {
  if (!b.at) return '';
  return ` (gate run ${b.at}${b.gates.length ? `: ${b.gates.map((g) => `${g.name} ${g.status}`).join(', ')}` : ''})`;
};

const coverageText = (c: ContextSnapshot['coverage']): string =>
  c.percent === null ? 'unknown (no coverage summary found)' : `${c.percent}% (from ${c.source})`;

function renderContextText(c: ContextSnapshot): string {
  const buildIcon =
    c.build.status === 'passing'
      ? '✅ Passing'
      : c.build.status === 'failing'
        ? '❌ Failing'
        : 'unknown (no gate run recorded yet)';
  const prev = c.previous;
  return `# Session ${c.session} Context

Gathered by csm on ${c.createdAt}.

## System State
- **Branch**: ${c.git.branch ?? (c.git.isRepo ? 'unknown' : 'not a git repository')}
- **Last Commit**: ${c.git.head ? c.git.head.slice(0, 12) : 'none'}
- **Uncommitted Files**: ${c.git.uncommitted.length}${uncommittedList(c.git.uncommitted)}
- **Build Status**: ${buildIcon}${buildRun(c.build)}
- **Test Coverage**: ${coverageText(c.coverage)}
- **Known Issues**:
${list(c.knownIssues)}

### Recent Commits
${c.git.recentCommits.length ? c.git.recentCommits.map((r) => `- ${r.hash} ${r.subject}`).join('\n') : '- none'}

## Previous Session Summary
${
  prev
    ? `- Session: ${prev.session} (${prev.status})
- Objectives: ${prev.objectives.join('; ') || 'none recorded'}
- Completed:
${list(prev.completed)}
- Pending:
${list(prev.pending)}
- Blockers:
${list(prev.blockers)}`
    : '- This is the first session.'
}

## Carried Over
${c.carriedOver.length ? c.carriedOver.map(carriedLine).join('\n') : '- nothing'}

## Current Focus
${c.objectives.map((o, i) => `${i + 1}. ${o}`).join('\n')}
${c.workflow ? `\nWorkflow: ${c.workflow}\n` : ''}
## Available Resources
- **Agents**: ${c.agents.length ? c.agents.join(', ') : 'none defined in .claude/agents/'}
- **MCP Servers**: ${c.mcpServers.length ? c.mcpServers.join(', ') : 'none configured for this project'}
- **Time Budget**: ${c.timeBudgetMinutes} minutes (${(c.timeBudgetMinutes / 60).toFixed(1)} h)
`;
}

/** As the common formatters would leave it (tidyMarkdown): the file csm writes is this, byte for byte. */
export const renderContext = (...a: Parameters<typeof renderContextText>): string =>
  tidyMarkdown(renderContextText(...a));
