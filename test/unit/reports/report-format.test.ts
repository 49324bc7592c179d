import { describe, expect, it } from 'vitest';
import { reportFormat } from '../../../scripts/report-sample.ts';
import { REPORT_FORMAT } from '../../../src/domain/reports/report-staleness.ts';

describe('the report format key', () => {
  it('is what the renderer makes of the sample session now (npm run build writes schema/report-format.json)', () => {
    expect(REPORT_FORMAT).toBe(reportFormat());
  });
  it('is a hash, not a hand-kept number', () => expect(REPORT_FORMAT).toMatch(/^[0-9a-f]{16}$/));
});
