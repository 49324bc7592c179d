/**
 * A scripted stand-in for the OpenAI Responses API that the Codex CLI calls, run inside the vitest
 * process (the Codex counterpart of fake-api.ts).
 *
 * Codex is pointed at it through a custom model provider (`base_url = http://127.0.0.1:<port>/v1`,
 * `wire_api = "responses"`, see run-codex.ts): it then sends only `POST /v1/responses`, streaming
 * (server-sent events), with the whole conversation in `input`. The server listens on 127.0.0.1
 * and, for a run in a loopback-only network namespace, on a unix socket (netns-runner.mjs relays
 * 127.0.0.1:<port> inside the namespace to it).
 *
 * Scripting: every request consumes the next script entry, a static turn or a function of the
 * logged request (so a test can answer what the model was just told: a Stop block's reason, a
 * tool's output). A compaction request (Codex's own summary prompt) gets a summary and consumes
 * nothing. A turn holds output items: an assistant message, an `exec_command` call (Codex's shell
 * tool) or an `apply_patch` call (its edit tool, a free-form custom tool call).
 *
 * The server doubles as Codex's HTTP(S)_PROXY: a CONNECT, or a request for another host, is
 * refused and recorded in `refused()` (Codex tries github.com for its curated plugins, and
 * chatgpt.com, at every start).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type OutputItem =
  | { message: string }
  | { exec: string }
  | { patch: string }
  /** Raw Responses API output item (an id and call_id are filled in when missing). */
  | { raw: Record<string, unknown> };

export interface CodexTurn {
  items: OutputItem[];
  /** Merged into the `usage` of response.completed (e.g. a large total_tokens to force a compaction). */
  usage?: Record<string, number>;
}

export interface InputItem {
  type?: string;
  role?: string;
  content?: { type?: string; text?: string }[];
  name?: string;
  input?: string;
  arguments?: string;
  output?: unknown;
  call_id?: string;
  [key: string]: unknown;
}

export interface ResponsesRequest {
  n: number;
  method: string;
  path: string;
  kind: 'main' | 'compact' | 'other' | 'refused';
  scriptIndex: number | null;
  body: { model?: string; input?: InputItem[]; tools?: unknown[]; [key: string]: unknown } | null;
}

export type CodexScriptEntry = CodexTurn | ((req: ResponsesRequest, index: number) => CodexTurn);

export interface FakeResponses {
  port: number;
  url: string;
  /** Sets the script (and starts counting from its first entry). */
  setScript(turns: CodexScriptEntry[], fallback?: CodexTurn): void;
  requests(): ResponsesRequest[];
  mainRequests(): ResponsesRequest[];
  refused(): string[];
  errors(): string[];
  /** Main requests answered by the fallback, after the script ran out. */
  exhausted(): number;
  listenUnix(): Promise<string>;
  close(): Promise<void>;
}

/** The text of one input message (all its parts). */
export const messageText = (item: InputItem): string =>
  Array.isArray(item.content) ? item.content.map((c) => c.text ?? '').join('\n') : '';

/** The input messages of a request with `role`, as text, in order. */
export const messagesOf = (req: ResponsesRequest, role: string): string[] =>
  (req.body?.input ?? []).filter((i) => i.type === 'message' && i.role === role).map(messageText);

/** The last input item of a request (what the model is answering). */
export const lastInput = (req: ResponsesRequest): InputItem | undefined => req.body?.input?.at(-1);

const COMPACT = /CONTEXT CHECKPOINT COMPACTION/;
const DEFAULT_FALLBACK: CodexTurn = { items: [{ message: 'FAKE-RESPONSES: the script ran out.' }] };

function outputItem(spec: OutputItem, id: string, callId: string): Record<string, unknown> {
  if ('message' in spec) {
    return {
      type: 'message',
      role: 'assistant',
      id,
      status: 'completed',
      content: [{ type: 'output_text', text: spec.message, annotations: [] }],
    };
  }
  if ('exec' in spec) {
    const args = JSON.stringify({ cmd: spec.exec });
    return { type: 'function_call', id, status: 'completed', name: 'exec_command', arguments: args, call_id: callId };
  }
  if ('patch' in spec) {
    return {
      type: 'custom_tool_call',
      id,
      status: 'completed',
      name: 'apply_patch',
      input: spec.patch,
      call_id: callId,
    };
  }
  return { id, call_id: callId, ...spec.raw };
}

/** The server-sent events of one response: created, each item added and done, completed. */
function events(responseId: string, model: string, items: Record<string, unknown>[], turn: CodexTurn): string {
  const usage = {
    input_tokens: 100,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 10,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 110,
    ...turn.usage,
  };
  const response = { id: responseId, object: 'response', model };
  const out: Record<string, unknown>[] = [
    { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
  ];
  items.forEach((item, i) => {
    out.push({ type: 'response.output_item.added', output_index: i, item });
    out.push({ type: 'response.output_item.done', output_index: i, item });
  });
  out.push({ type: 'response.completed', response: { ...response, status: 'completed', output: items, usage } });
  return out.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
}

export async function startFakeResponses(): Promise<FakeResponses> {
  let script: CodexScriptEntry[] = [];
  let fallback = DEFAULT_FALLBACK;
  let next = 0;
  let exhausted = 0;
  let seq = 0;
  let ids = 0;
  const log: ResponsesRequest[] = [];
  const refusedLog: string[] = [];
  const errorLog: string[] = [];

  const refuse = (target: string): void => {
    refusedLog.push(target);
    log.push({ n: ++seq, method: 'CONNECT', path: target, kind: 'refused', scriptIndex: null, body: null });
  };

  function turnFor(entry: ResponsesRequest): CodexTurn {
    const index = next++;
    entry.scriptIndex = index;
    const chosen = script[index];
    if (chosen === undefined) {
      exhausted++;
      return fallback;
    }
    if (typeof chosen !== 'function') return chosen;
    try {
      return chosen(entry, index);
    } catch (e) {
      const text = `script entry ${index} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      errorLog.push(text);
      return { items: [{ message: `FAKE-RESPONSES-SCRIPT-ERROR: ${text}` }] };
    }
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = req.url ?? '/';
    if (/^[a-z]+:\/\//i.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) {
      refuse(url);
      res.writeHead(403, { connection: 'close' }).end();
      return;
    }
    let body: ResponsesRequest['body'] = null;
    try {
      body = raw ? (JSON.parse(raw) as ResponsesRequest['body']) : null;
    } catch {
      body = { _unparsed: raw.slice(0, 2000) };
    }
    const entry: ResponsesRequest = {
      n: ++seq,
      method: req.method ?? '',
      path: url,
      kind: 'other',
      scriptIndex: null,
      body,
    };
    log.push(entry);
    if (req.method !== 'POST' || !/\/responses$/.test(new URL(url, 'http://127.0.0.1').pathname)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not served by the csm e2e fake', type: 'not_found' } }));
      return;
    }
    const last = body?.input?.at(-1);
    entry.kind = last && COMPACT.test(messageText(last)) ? 'compact' : 'main';
    const turn =
      entry.kind === 'compact' ? { items: [{ message: 'COMPACT-SUMMARY: the work so far.' }] } : turnFor(entry);
    const rid = `resp_fake_${entry.n}`;
    const items = turn.items.map((s) => outputItem(s, `${rid}_item${++ids}`, `call_fake_${ids}`));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.end(events(rid, String(body?.model ?? 'gpt-fake'), items, turn));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        errorLog.push(`handler: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        if (!res.headersSent) res.writeHead(500).end();
        else res.end();
      }
    });
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    refuse(req.url ?? '');
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake Responses API: no port');
  let unix: { server: net.Server; dir: string; path: string } | undefined;

  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    setScript(turns, fb) {
      script = turns;
      fallback = fb ?? DEFAULT_FALLBACK;
      next = 0;
      exhausted = 0;
    },
    requests: () => [...log],
    mainRequests: () => log.filter((r) => r.kind === 'main'),
    refused: () => [...refusedLog],
    errors: () => [...errorLog],
    exhausted: () => exhausted,
    async listenUnix() {
      if (unix) return unix.path;
      const dir = mkdtempSync(path.join(os.tmpdir(), 'csm-fake-responses-'));
      const p = path.join(dir, 'api.sock');
      const us = net.createServer((sock) => server.emit('connection', sock));
      await new Promise<void>((resolve, reject) => {
        us.once('error', reject);
        us.listen(p, () => resolve());
      });
      unix = { server: us, dir, path: p };
      return p;
    },
    async close() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closing;
      if (unix) {
        const u = unix;
        await new Promise<void>((resolve) => u.server.close(() => resolve()));
        rmSync(u.dir, { recursive: true, force: true });
      }
    },
  };
}
