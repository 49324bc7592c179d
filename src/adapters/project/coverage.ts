import fs from 'node:fs';
import path from 'node:path';

/**
 * Test coverage from a summary the project's own tools already wrote. Never runs coverage:
 * no summary means "unknown".
 */
export function readCoverage(root: string): { percent: number | null; source: string | null } {
  const tryRead = (rel: string): string | null => {
    try {
      return fs.readFileSync(path.join(root, rel), 'utf8');
    } catch {
      return null;
    }
  };
  const round = (n: number): number => Math.round(n * 10) / 10;
  const summary = tryRead('coverage/coverage-summary.json');
  if (summary) {
    try {
      const pct = (JSON.parse(summary) as { total?: { lines?: { pct?: unknown } } }).total?.lines?.pct;
      if (typeof pct === 'number') return { percent: round(pct), source: 'coverage/coverage-summary.json' };
    } catch {
      // fall through to the other formats
    }
  }
  for (const rel of ['coverage/lcov.info', 'lcov.info']) {
    const lcov = tryRead(rel);
    if (!lcov) continue;
    let found = 0;
    let hit = 0;
    for (const m of lcov.matchAll(/^L([FH]):(\d+)/gm)) {
      if (m[1] === 'F') found += Number(m[2]);
      else hit += Number(m[2]);
    }
    if (found > 0) return { percent: round((hit / found) * 100), source: rel };
  }
  for (const rel of ['coverage/cobertura-coverage.xml', 'coverage.xml', 'cobertura.xml']) {
    const xml = tryRead(rel);
    const m = xml ? /<coverage[^>]*\bline-rate="([0-9.]+)"/.exec(xml) : null;
    if (m) return { percent: round(Number(m[1]) * 100), source: rel };
  }
  return { percent: null, source: null };
}

/** MCP servers configured for the project: .mcp.json and the project's .claude settings. */
export function readMcpServers(root: string): string[] {
  const names = new Set<string>();
  const readJson = (rel: string): Record<string, unknown> | null => {
    try {
      const v: unknown = JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const servers = readJson('.mcp.json')?.mcpServers;
  if (servers && typeof servers === 'object') for (const k of Object.keys(servers)) names.add(k);
  for (const rel of ['.claude/settings.json', '.claude/settings.local.json']) {
    const s = readJson(rel);
    if (!s) continue;
    if (s.mcpServers && typeof s.mcpServers === 'object') for (const k of Object.keys(s.mcpServers)) names.add(k);
    if (Array.isArray(s.enabledMcpjsonServers))
      for (const k of s.enabledMcpjsonServers) if (typeof k === 'string') names.add(k);
  }
  return [...names].sort();
}
