import { describe, expect, it } from 'vitest';
import { parseHistory, renderTrend, sparkline, trendOf } from '../../../src/domain/reports/metrics-trend.ts';
import type { PerformanceRecord } from '../../../src/domain/reports/report-data.ts';

const rec = (session: string, score: number, over: Partial<PerformanceRecord['metrics']> = {}): PerformanceRecord => ({
  session,
  completedAt: `2026-11-${String(Number(session) + 10).padStart(2, '0')}T10:00:00.000Z`,
  metrics: {
    tasksPlanned: 4,
    tasksCompleted: 3,
    testsWritten: 2,
    testsPassed: 2,
    bugsFixed: 1,
    bugsIntroduced: 0,
    linesAdded: 120,
    linesRemoved: 30,
    timeSpent: 95,
    timeEstimated: 90,
    ...over,
  },
  score,
});

describe('sparkline', () => {
  it.each([
    [[0, 100], { min: 0, max: 100 }, '▁█'],
    [[0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100], { min: 0, max: 100 }, '▁▂▃▄▅▆▇██'],
    [[50, 50, 50], undefined, '▄▄▄'],
    [[1, 2, 3], undefined, '▁▅█'],
    [[-10, 150], { min: 0, max: 100 }, '▁█'],
    [[], undefined, ''],
  ] as const)('%j → %s', (values, range, want) => expect(sparkline(values, range)).toBe(want));
});

describe('parseHistory', () => {
  it('reads records, reports bad lines by number, keeps the newest line of a session', () => {
    const text = [
      JSON.stringify(rec('001', 60)),
      '{"session": "002", "broken"',
      JSON.stringify({ session: '003' }),
      '',
      JSON.stringify(rec('002', 70)),
      JSON.stringify(rec('001', 65)),
    ].join('\n');
    const { records, problems } = parseHistory(text);
    expect(records.map((r) => [r.session, r.score])).toEqual([
      ['002', 70],
      ['001', 65],
    ]);
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems[0]?.problem).toBe('is not valid JSON');
    expect(problems[1]?.problem).toMatch(/^is not a performance record: metrics/);
  });
  it("accepts a record without completedAt (the original design's shape)", () => {
    const { session, metrics, score } = rec('004', 85);
    expect(parseHistory(JSON.stringify({ session, metrics, score })).records[0]?.completedAt).toBeNull();
  });
});

describe('trendOf and renderTrend', () => {
  const records = [rec('001', 40), rec('002', 70, { bugsIntroduced: 2 }), rec('003', 100)];
  it('takes the last N and summarizes the score', () => {
    const t = trendOf(records, 2);
    expect(t.records.map((r) => r.session)).toEqual(['002', '003']);
    expect(t.scoreSparkline).toBe('▆█');
    expect(t.average).toBe(85);
    expect(t.change).toBe(30);
  });
  it('renders a table and the sparkline', () => {
    const text = renderTrend(trendOf(records));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^session\s+date\s+tasks\s+tests\s+bugs fixed\/introduced\s+lines \+\/−\s+time\/est\s+score$/,
    );
    expect(lines[2]).toMatch(/^001\s+2026-11-11\s+3\/4\s+2\/2\s+1\/0\s+\+120\/−30\s+95\/90\s+40$/);
    expect(text).toContain('score  ▄▆█  (0–100; average 70, last change +30)');
  });
  it('says how to get a first record', () => {
    expect(renderTrend(trendOf([]))).toMatch(/No completed session yet/);
  });
});
