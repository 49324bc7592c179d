import { describe, expect, it } from 'vitest';
import {
  parseReportKey,
  REPORT_FORMAT,
  type ReportKey,
  reportsStale,
} from '../../../src/domain/reports/report-staleness.ts';

const key: ReportKey = {
  format: REPORT_FORMAT,
  session: '001',
  ledger: '100:1',
  tasks: '50:1',
  head: 'abc',
  diff: 'd1',
  settings: 's',
};

describe('reportsStale', () => {
  it('is stale without a previous write', () =>
    expect(reportsStale(null, key)).toEqual({ stale: true, changed: ['no previous write'] }));
  it('is fresh when nothing changed', () =>
    expect(reportsStale({ ...key }, key)).toEqual({ stale: false, changed: [] }));
  it.each([
    ['ledger', { ledger: '140:2' }],
    ['tasks', { tasks: null }],
    ['head', { head: 'def' }],
    ['diff', { diff: 'd2' }],
    ['settings', { settings: 't' }],
    ['session', { session: '002' }],
    ['format', { format: REPORT_FORMAT + 1 }],
  ] as const)('is stale when %s changed', (field, over) => {
    expect(reportsStale(key, { ...key, ...over })).toEqual({ stale: true, changed: [field] });
  });
});

describe('parseReportKey', () => {
  it('round-trips', () => expect(parseReportKey(JSON.stringify(key))).toEqual(key));
  it.each([
    [null],
    ['not json'],
    ['[]'],
    [JSON.stringify({ ...key, format: 0 })],
    [JSON.stringify({ ...key, diff: 1 })],
  ])('reads %s as no previous write', (text) => {
    expect(parseReportKey(text)).toBeNull();
  });
});
