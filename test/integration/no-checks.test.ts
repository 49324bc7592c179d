/**
 * Issue 27 §3: a project with no test, lint or typecheck is not protected silently — `csm start`,
 * `csm status` and `csm doctor` say what Stop will not check, and how to give it something to run.
 */
import { describe, expect, it } from 'vitest';
import { createTempRepo, csm } from './support/temp-repo.ts';

/** What `npm init -y` writes: a test script that is only a placeholder. */
const NPM_INIT = `${JSON.stringify({ name: 'fresh', version: '1.0.0', scripts: { test: 'echo "Error: no test specified" && exit 1' } }, null, 2)}\n`;

interface DoctorJson {
  checks: { id: string; status: string; message: string; fix: string | null }[];
}

describe.concurrent('a project with no checks (issue 27 §3)', () => {
  it("npm init's placeholder test: start, status and doctor say Stop cannot catch a failing test, with the fix", async () => {
    const dir = createTempRepo({ files: { 'package.json': NPM_INIT, 'index.js': 'module.exports = 1;\n' } });
    const start = await csm(dir, 'start', 'Add a feature');
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(
      /! no test, lint or typecheck found \(package\.json's "test" is npm init's placeholder, not a test\): Stop checks only for console leftovers and docs/,
    );
    expect(start.stdout).toMatch(/fix: add a "test" script to package\.json .*\.claude\/csm\.json/);
    const status = await csm(dir, 'status');
    expect(status.stdout).toMatch(/Checks {4}no test, lint or typecheck found/);
    const doctor = JSON.parse((await csm(dir, 'doctor', '--json')).stdout) as DoctorJson;
    expect(doctor.checks.find((c) => c.id === 'checks')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('"test" script'),
    });
  });

  it('a project with tests hears nothing of it; doctor says what Stop runs', async () => {
    const pkg = `${JSON.stringify({ name: 't', private: true, scripts: { test: 'node --test' } })}\n`;
    const dir = createTempRepo({
      files: { 'package.json': pkg, 'a.test.js': "require('node:test')('a', () => {});\n" },
    });
    const start = await csm(dir, 'start', 'Add a feature');
    expect(start.stdout).not.toMatch(/no test/);
    expect((await csm(dir, 'status')).stdout).not.toMatch(/^Checks/m);
    const doctor = JSON.parse((await csm(dir, 'doctor', '--json')).stdout) as DoctorJson;
    expect(doctor.checks.find((c) => c.id === 'checks')).toMatchObject({
      status: 'ok',
      message: "Stop runs the project's tests",
    });
  });
});
