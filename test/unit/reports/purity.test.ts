/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

// The sources as text, through Vite (no fs in unit tests).
const sources = {
  ...import.meta.glob('../../../src/domain/reports/*.ts', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../../../src/domain/memory/*.ts', { query: '?raw', import: 'default', eager: true }),
} as Record<string, string>;

const FORBIDDEN =
  /from\s+['"](node:)?(fs|child_process|fs\/promises|os|path|crypto)['"]|from\s+['"](simple-git|proper-lockfile)['"]|\bprocess\.|\brequire\(|\bDate\.now\(|new Date\(\)/;

describe('domain/reports and domain/memory are pure', () => {
  it('has files to check', () => expect(Object.keys(sources).length).toBeGreaterThan(8));
  it.each(Object.entries(sources))('%s imports no I/O and reads no clock', (_, text) => {
    expect(text).not.toMatch(FORBIDDEN);
  });
});
