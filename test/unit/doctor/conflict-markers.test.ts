import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, resolveConflictMarkers, splitLines } from '../../../src/domain/doctor/conflict-markers.ts';

const CONTEXT = `# Session 004 Context

## System State
<<<<<<< HEAD
- **Branch**: main
- **Last Commit**: 1a2b3c4d5e6f
=======
- **Branch**: feature/export
- **Last Commit**: 9f8e7d6c5b4a
>>>>>>> feature/export

## Current Focus
<<<<<<< HEAD
1. Add OAuth login
||||||| merged common ancestors
1. (base objective)
=======
1. Fix the flaky export job
>>>>>>> feature/export
`;

describe('git conflict markers in session files', () => {
  it('detects markers only at the start of a line', () => {
    expect(hasConflictMarkers(CONTEXT)).toBe(true);
    expect(hasConflictMarkers('text with <<<<<<< inside\n')).toBe(false);
    expect(hasConflictMarkers('# Session 004 Context\n')).toBe(false);
  });

  it('recovers both sides exactly (the diff3 base belongs to neither)', () => {
    const r = resolveConflictMarkers(CONTEXT);
    expect(r?.conflicts).toBe(2);
    expect(r?.ours).toBe(
      '# Session 004 Context\n\n## System State\n- **Branch**: main\n- **Last Commit**: 1a2b3c4d5e6f\n\n## Current Focus\n1. Add OAuth login\n',
    );
    expect(r?.theirs).toBe(
      '# Session 004 Context\n\n## System State\n- **Branch**: feature/export\n- **Last Commit**: 9f8e7d6c5b4a\n\n## Current Focus\n1. Fix the flaky export job\n',
    );
  });

  it('keeps both sides, ours first, for a union resolution', () => {
    expect(resolveConflictMarkers(CONTEXT)?.union).toBe(
      '# Session 004 Context\n\n## System State\n- **Branch**: main\n- **Last Commit**: 1a2b3c4d5e6f\n- **Branch**: feature/export\n- **Last Commit**: 9f8e7d6c5b4a\n\n## Current Focus\n1. Add OAuth login\n1. Fix the flaky export job\n',
    );
  });

  it('refuses markers that do not nest', () => {
    expect(resolveConflictMarkers('<<<<<<< HEAD\na\n=======\nb\n')).toBeNull();
    expect(resolveConflictMarkers('a\n>>>>>>> x\n')).toBeNull();
    expect(resolveConflictMarkers('<<<<<<< HEAD\n<<<<<<< HEAD\n')).toBeNull();
    expect(resolveConflictMarkers('no markers\n')).toBeNull();
  });

  it('splits lines keeping their ends, so joining gives the text back', () => {
    for (const t of ['', 'a', 'a\n', 'a\nb', 'a\n\nb\n']) expect(splitLines(t).join('')).toBe(t);
  });
});
