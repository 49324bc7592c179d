/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

// The sources as text, through Vite (no fs in unit tests).
const sources = import.meta.glob('../../../src/domain/gates/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const FORBIDDEN =
  /from\s+['"](node:)?(fs|child_process|fs\/promises|os|path)['"]|from\s+['"](simple-git|proper-lockfile)['"]|\bprocess\.|\brequire\(/;

describe('domain/gates is pure', () => {
  it('has files to check', () => expect(Object.keys(sources).length).toBeGreaterThan(5));
  it.each(Object.entries(sources))('%s imports no I/O', (_, text) => {
    expect(text).not.toMatch(FORBIDDEN);
  });
});
