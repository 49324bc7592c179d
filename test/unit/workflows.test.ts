import { describe, expect, it } from 'vitest';
import { parseWorkflowCriteria, parseWorkflowTasks, WORKFLOWS } from '../../src/templates/workflows.ts';
import { AGENTS } from '../../src/templates/agents.ts';

describe('workflow templates', () => {
  it.each(Object.keys(WORKFLOWS))('%s has tasks with known agents and estimates', (name) => {
    const tasks = parseWorkflowTasks(WORKFLOWS[name] as string);
    expect(tasks.length).toBeGreaterThanOrEqual(4);
    for (const t of tasks) {
      expect(AGENTS.map((a) => a.name)).toContain(t.agent);
      expect(t.estimatedMinutes).toBeGreaterThan(0);
    }
    expect(parseWorkflowCriteria(WORKFLOWS[name] as string).length).toBeGreaterThan(0);
  });
  it('parses a line a person wrote', () => {
    expect(
      parseWorkflowTasks(
        '## Tasks\n- Fix the thing -- bug-hunter\n* Other — test-engineer, 5 minutes\n## Next\n- ignored — x, 1 min',
      ),
    ).toEqual([
      { title: 'Fix the thing', agent: 'bug-hunter', estimatedMinutes: null },
      { title: 'Other', agent: 'test-engineer', estimatedMinutes: 5 },
    ]);
  });
  it('agents are real subagent definitions', () => {
    expect(AGENTS.map((a) => a.name).sort()).toEqual([
      'architect',
      'backend-specialist',
      'bug-hunter',
      'code-reviewer',
      'documentation-writer',
      'frontend-specialist',
      'test-engineer',
    ]);
  });
});
