/**
 * Smoke test of the e2e harness itself: the real Claude Code CLI, a temporary plugin and the
 * scripted fake Messages API, fully offline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastToolResults,
  lastUserText,
  messagesText,
  requestText,
  startFakeApi,
  type FakeApi,
} from './support/fake-api.ts';
import { createGitRepo, createPlugin, pluginNodeCommand, removeDirs } from './support/plugin-fixture.ts';
import { describeRun, runClaude, type RunClaudeResult } from './support/run-claude.ts';

/** Logs every call (stdin JSON) to <plugin>/calls.jsonl; Stop blocks once, then allows. */
const RECORD_HOOK = `
import { appendFileSync } from 'node:fs';
let raw = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (raw += c));
process.stdin.on('end', () => {
  const input = JSON.parse(raw || '{}');
  appendFileSync(process.env.CLAUDE_PLUGIN_ROOT + '/calls.jsonl', JSON.stringify(input) + '\\n');
  if (input.hook_event_name === 'Stop' && input.stop_hook_active !== true) {
    process.stdout.write(JSON.stringify({ decision: 'block', reason: 'STOP-FEEDBACK-456: run the quality gates first' }));
  }
});
`;

const SESSION_START_ONE_LINER = `node -e "process.stdout.write(JSON.stringify({hookSpecificOutput:{hookEventName:'SessionStart',additionalContext:'MARKER-123'}}))"`;

/** Sends one raw request to the fake (used as a proxy) and returns the status code. */
function proxyAttempt(port: number, method: string, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target });
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

interface HookCall {
  hook_event_name: string;
  session_id: string;
  source?: string;
  stop_hook_active?: boolean;
  last_assistant_message?: string;
}

describe('fake API on its own (no CLI)', () => {
  it('streams and answers JSON, classifies main/side/compact, serves the odd endpoints, refuses proxying', async () => {
    const api = await startFakeApi({
      turns: [
        { text: 'T0', tool_use: [{ name: 'Bash', input: { command: 'ls -la', description: 'list' } }] },
        (req) => ({ text: `saw: ${lastToolResults(req)[0]?.text}` }),
      ],
      sideText: 'SIDE-ANSWER',
      compactSummary: '<summary>S</summary>',
    });
    try {
      const post = async (p: string, body: unknown) => {
        const res = await fetch(api.url + p, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
      };
      const tools = [{ name: 'Bash', input_schema: { type: 'object' } }];
      const system = 'You are a coding agent. '.repeat(200);

      // Main request, streamed; `role: "system"` inside messages is accepted.
      const s = await post('/v1/messages', {
        model: 'm',
        max_tokens: 100,
        stream: true,
        tools,
        system,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'system', content: 'CTX-IN-SYSTEM-MESSAGE' },
        ],
      });
      expect(s.type).toContain('text/event-stream');
      const events = [...s.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
      expect(events[0]).toBe('message_start');
      expect(events.at(-1)).toBe('message_stop');
      expect(events).toContain('message_delta');
      const datas = [...s.text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, any>);
      const partial = datas
        .filter((d) => d.delta?.type === 'input_json_delta')
        .map((d) => d.delta.partial_json)
        .join('');
      expect(JSON.parse(partial)).toEqual({ command: 'ls -la', description: 'list' });
      expect(datas.find((d) => d.type === 'message_delta')?.delta.stop_reason).toBe('tool_use');
      const toolId = datas.find((d) => d.content_block?.type === 'tool_use')?.content_block.id as string;

      // Next main request, non-streaming; the function sees the tool_result.
      const j = await post('/v1/messages', {
        model: 'm',
        max_tokens: 100,
        tools,
        system,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: toolId, name: 'Bash', input: {} }] },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: toolId, content: [{ type: 'text', text: 'README.md' }] }],
          },
        ],
      });
      expect(j.type).toContain('application/json');
      const msg = JSON.parse(j.text) as { content: Array<{ text: string }>; stop_reason: string };
      expect(msg.content[0]!.text).toBe('saw: README.md');
      expect(msg.stop_reason).toBe('end_turn');

      // Side (no tools) and compaction requests do not consume turns.
      const side = JSON.parse(
        (await post('/v1/messages', { model: 'h', max_tokens: 5, messages: [{ role: 'user', content: 'title?' }] }))
          .text,
      );
      expect(side.content[0].text).toBe('SIDE-ANSWER');
      const compact = JSON.parse(
        (
          await post('/v1/messages', {
            model: 'm',
            max_tokens: 5,
            tools,
            system,
            messages: [{ role: 'user', content: 'Please create a detailed summary of the conversation so far.' }],
          })
        ).text,
      );
      expect(compact.content[0].text).toBe('<summary>S</summary>');

      expect(JSON.parse((await post('/v1/messages/count_tokens', { messages: [] })).text).input_tokens).toBeGreaterThan(
        0,
      );
      expect(((await (await fetch(api.url + '/v1/models')).json()) as { data: unknown[] }).data).toHaveLength(1);
      const other = await fetch(api.url + '/api/whatever');
      expect([other.status, await other.json()]).toEqual([200, {}]);

      expect(api.requests().map((r) => r.kind)).toEqual([
        'main',
        'main',
        'side',
        'compact',
        'count_tokens',
        'models',
        'other',
      ]);
      expect(api.mainRequests().map((r) => r.scriptIndex)).toEqual([0, 1]);
      expect(messagesText(api.requests()[0]!)).toContain('[system] CTX-IN-SYSTEM-MESSAGE');

      // Proxy use: refused and recorded; loopback absolute URIs are served normally.
      expect(api.refused()).toEqual([]);
      expect(await proxyAttempt(api.port, 'CONNECT', 'api.anthropic.com:443')).toBe(403);
      expect(await proxyAttempt(api.port, 'GET', 'http://example.com/x')).toBe(403);
      expect(await proxyAttempt(api.port, 'GET', `http://127.0.0.1:${api.port}/v1/models`)).toBe(200);
      expect(api.refused().map((r) => [r.method, r.target])).toEqual([
        ['CONNECT', 'api.anthropic.com:443'],
        ['GET', 'http://example.com/x'],
      ]);
      expect(api.errors()).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

describe('e2e harness: real CLI + fake API + plugin', () => {
  let repo: string;
  let plugin: string;
  let api: FakeApi | undefined;
  let first: RunClaudeResult | undefined;
  const homes: string[] = [];

  const calls = (): HookCall[] =>
    existsSync(path.join(plugin, 'calls.jsonl'))
      ? readFileSync(path.join(plugin, 'calls.jsonl'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as HookCall)
      : [];

  beforeAll(() => {
    repo = createGitRepo({ 'README.md': '# scratch\n' });
    plugin = createPlugin({
      name: 'csm-harness-smoke',
      hooks: {
        SessionStart: [{ command: SESSION_START_ONE_LINER }, { command: pluginNodeCommand('hooks/record.mjs') }],
        Stop: { command: pluginNodeCommand('hooks/record.mjs') },
      },
      files: { 'hooks/record.mjs': RECORD_HOOK },
    });
  });

  afterAll(async () => {
    await api?.close();
    removeDirs(repo, plugin, ...homes);
  });

  it('runs a scripted session: hook context in, Write tool, Stop block once, nothing leaves the box', async () => {
    const target = path.join(repo, 'src', 'hello.txt');
    api = await startFakeApi([
      {
        text: 'Creating the file.',
        tool_use: [{ name: 'Write', input: { file_path: target, content: 'hello from the fake model\n' } }],
      },
      // Dynamic turns: answer according to what the CLI sent back.
      (req) => ({
        text: lastToolResults(req)[0]?.text.includes('created')
          ? 'FIRST-FINAL: file written.'
          : 'UNEXPECTED-TOOL-RESULT',
      }),
      (req) => ({
        text: lastUserText(req).includes('Stop hook feedback') ? 'SECOND-FINAL: gates addressed.' : 'NO-FEEDBACK-SEEN',
      }),
    ]);
    const run = await runClaude({
      api,
      cwd: repo,
      prompt: 'Create src/hello.txt please.',
      pluginDir: plugin,
      timeoutMs: 60_000,
    });
    first = run;
    homes.push(run.home);
    const why = describeRun(run, api);

    expect(run.code, why).toBe(0);
    expect(run.timedOut).toBe(false);
    expect(run.result?.subtype, why).toBe('success');
    expect(run.result?.result, why).toBe('SECOND-FINAL: gates addressed.');
    expect(run.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const main = api.mainRequests();
    expect(
      main.map((r) => r.scriptIndex),
      why,
    ).toEqual([0, 1, 2]);
    expect(api.exhausted()).toBe(0);
    expect(api.errors()).toEqual([]);
    // SessionStart additionalContext reached the model in the very first request.
    expect(requestText(main[0]!)).toContain('MARKER-123');
    expect(messagesText(main[0]!)).toContain('Create src/hello.txt please.');
    expect(main[0]!.headers['x-claude-code-session-id']).toBe(run.sessionId);

    // The tool really ran in the repo.
    expect(readFileSync(target, 'utf8')).toBe('hello from the fake model\n');

    // Stop: blocked once, the feedback reached the model, then allowed with stop_hook_active.
    const stops = calls().filter((c) => c.hook_event_name === 'Stop');
    expect(stops.map((s) => s.stop_hook_active)).toEqual([false, true]);
    expect(stops[0]!.last_assistant_message).toBe('FIRST-FINAL: file written.');
    expect(lastUserText(main[2]!)).toContain('Stop hook feedback');
    expect(lastUserText(main[2]!)).toContain('STOP-FEEDBACK-456');
    const starts = calls().filter((c) => c.hook_event_name === 'SessionStart');
    expect(starts.map((s) => s.source)).toEqual(['startup']);

    // stream-json hook events are collected.
    const responded = run.hookEvents.filter((h) => h.subtype === 'hook_response').map((h) => h.hook_event);
    expect(responded).toContain('SessionStart');
    expect(responded.filter((e) => e === 'Stop')).toHaveLength(2);

    // Hermetic: no attempt to reach any other host, every request was classified.
    expect(api.refused(), why).toEqual([]);
    expect(api.requests().filter((r) => r.kind === 'refused' || r.kind === 'other')).toEqual([]);
  });

  it('resumes the session with --resume in the same config dir', async () => {
    expect(first?.sessionId, 'needs the first test').toBeDefined();
    const prev = first!;
    api!.setScript([{ text: 'RESUMED-1' }, { text: 'RESUMED-2' }]);
    const before = api!.requests().length;
    const run = await runClaude({
      api: api!,
      cwd: repo,
      home: prev.home,
      prompt: 'Carry on.',
      pluginDir: plugin,
      args: ['--resume', prev.sessionId!],
      timeoutMs: 60_000,
    });
    const why = describeRun(run, api);
    expect(run.code, why).toBe(0);
    expect(run.sessionId).toBe(prev.sessionId);
    expect(run.result?.result, why).toBe('RESUMED-2');

    const main = api!
      .requests()
      .slice(before)
      .filter((r) => r.kind === 'main');
    expect(main).toHaveLength(2);
    // The earlier conversation is replayed, followed by the new prompt.
    const text = messagesText(main[0]!);
    expect(text).toContain('FIRST-FINAL: file written.');
    expect(text).toContain('STOP-FEEDBACK-456');
    expect(text.indexOf('Carry on.')).toBeGreaterThan(text.indexOf('SECOND-FINAL'));

    const starts = calls().filter((c) => c.hook_event_name === 'SessionStart');
    expect(starts.map((s) => s.source)).toEqual(['startup', 'resume']);
    expect(starts[1]!.session_id).toBe(prev.sessionId);
    expect(api!.refused(), why).toEqual([]);
  });

  it('feeds several stream-json messages into one session, without the namespace too', async () => {
    const local = await startFakeApi((req) => ({ text: `ECHO: ${lastUserText(req).slice(-40)}` }));
    try {
      const run = await runClaude({
        api: local,
        cwd: repo,
        messages: ['first message', 'second message'],
        netns: false,
        timeoutMs: 60_000,
      });
      homes.push(run.home);
      const why = describeRun(run, local);
      expect(run.code, why).toBe(0);
      expect(run.netns).toBe(false);
      // The CLI prepends <system-reminder> blocks to the first prompt, hence the suffix match.
      expect(run.results.map((r) => r.result)).toEqual([
        expect.stringMatching(/first message$/),
        expect.stringMatching(/^ECHO: second message$/),
      ]);
      expect(local.mainRequests()).toHaveLength(2);
      expect(local.refused(), why).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('kills a run that exceeds its timeout', async () => {
    const MARKER = `csm-e2e-timeout-${process.pid}`;
    const local = await startFakeApi([
      // (2.1.331 rejects a standalone `sleep N` in the Bash tool, hence node.)
      // The tool marks its own natural end: the mark missing afterwards shows the run was cut short.
      {
        tool_use: [
          {
            name: 'Bash',
            input: {
              command: `node -e "setTimeout(() => require('fs').writeFileSync('${MARKER}.ended', ''), 60000)" ${MARKER}`,
              description: 'wait',
            },
          },
        ],
      },
      { text: 'never reached' },
    ]);
    try {
      const running = runClaude({ api: local, cwd: repo, prompt: 'wait', timeoutMs: 3_000 });
      // Watch the tool's process appear while the CLI waits for it.
      let sawTool = false;
      const watch = setInterval(() => {
        if (spawnSync('pgrep', ['-f', MARKER], { encoding: 'utf8' }).stdout.trim() !== '') sawTool = true;
      }, 200);
      const run = await running.finally(() => clearInterval(watch));
      homes.push(run.home);
      const why = describeRun(run, local);
      expect(run.timedOut, why).toBe(true);
      expect(sawTool, why).toBe(true);
      expect(run.result).toBeUndefined();
      expect(local.mainRequests()).toHaveLength(1);
      expect(existsSync(path.join(repo, `${MARKER}.ended`)), 'the tool was stopped before its natural end').toBe(false);
      // The whole process group went down with the CLI, the tool's child included.
      const left = spawnSync('pgrep', ['-f', MARKER], { encoding: 'utf8' });
      expect(left.stdout.trim()).toBe('');
    } finally {
      await local.close();
    }
  });
});
