import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { everyStepCommand, narrowStep } from '../../src/domain/gates/affected.ts';

/** The commands csm builds, run by a real shell: they do what the pure tests say they say. */
describe('the every-step form of a chained script, in sh', () => {
  it('runs every step whatever the one before did, and fails with the last failing status', () => {
    const cmd = everyStepCommand(['echo one; exit 3', 'echo two', 'exit 4', 'echo three']);
    const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('::csm-step'))).toEqual(['one', 'two', 'three', '']);
    expect(r.stdout).toContain('::csm-step:: exit 4\n::csm-step-failed:: 4\n');
    expect(r.status).toBe(4);
    expect(
      spawnSync('sh', ['-c', everyStepCommand(['true', 'cd /', 'pwd'])], { encoding: 'utf8', cwd: '/tmp' }).stdout,
    ).toMatch(/^\/tmp$/m);
  });
});

describe('a narrowed command', () => {
  it('is one a shell can parse, quoted values kept', () => {
    const step = {
      command: `jest --coverage --coverageThreshold="{ \\"global\\": { \\"lines\\": 100} }" --selectProjects "unit tests"`,
      tool: 'jest',
    };
    const cmd = narrowStep(step, ['src/a.js'], 'npx')?.command ?? '';
    expect(cmd).toContain('--findRelatedTests src/a.js');
    expect(spawnSync('sh', ['-n', '-c', cmd]).status).toBe(0);
  });
});
