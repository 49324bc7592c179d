/**
 * A scripted stand-in for the Anthropic Messages API, run inside the vitest process.
 *
 * The real Claude Code CLI is pointed at it through ANTHROPIC_BASE_URL (see run-claude.ts).
 * It listens on 127.0.0.1 only (port 0, the kernel picks one) and can additionally accept
 * connections on a unix socket; run-claude.ts uses that socket to reach the server from
 * inside a loopback-only network namespace.
 *
 * Scripting: every "main" request (agent-loop request that offers tools, subagents included)
 * consumes the next script entry. An entry is either a static Turn or a function of the
 * logged request, so a test can answer according to what the model just received
 * (e.g. the last tool_result, a hook's feedback). Side requests (no tools: titles, topic
 * checks, ...) get a short text answer; compaction requests get a summary. Neither consumes
 * a script entry.
 *
 * The server doubles as the CLI's HTTP(S)_PROXY: a CONNECT, or an absolute-URI request for
 * any host other than 127.0.0.1/localhost, is refused and recorded in `refused()`.
 */
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Wire types (only what tests need; everything received is untrusted JSON)

export interface ApiBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: string | ApiBlock[];
  is_error?: boolean;
  [key: string]: unknown;
}

export interface ApiMessage {
  /** `system` occurs too: the CLI puts hook context into mid-conversation system messages. */
  role: 'user' | 'assistant' | 'system' | string;
  content: string | ApiBlock[];
}

export interface MessagesBody {
  model?: string;
  system?: string | ApiBlock[];
  messages?: ApiMessage[];
  tools?: Array<{ name: string; [key: string]: unknown }>;
  stream?: boolean;
  max_tokens?: number;
  [key: string]: unknown;
}

export type RequestKind = 'main' | 'side' | 'compact' | 'count_tokens' | 'models' | 'other' | 'refused';

export interface LoggedRequest {
  /** 1-based arrival number over all requests, refused ones included. */
  n: number;
  time: string;
  method: string;
  path: string;
  query: string;
  /** A few interesting headers (user-agent, anthropic-beta, x-claude-code-session-id, ...). */
  headers: Record<string, string>;
  /** Parsed JSON body (null when empty; `{ _unparsed }` when not JSON). */
  body: MessagesBody | null;
  kind: RequestKind;
  /** For `main` requests: index of the script entry that answered. */
  scriptIndex: number | null;
  stream: boolean;
  /** What the fake answered (message object for /v1/messages). */
  reply?: unknown;
}

export interface RefusedRequest {
  method: string;
  /** CONNECT authority (`host:port`) or the absolute URI. */
  target: string;
  userAgent?: string;
}

// ---------------------------------------------------------------------------------------------
// Script types

export interface ToolUseSpec {
  name: string;
  input?: Record<string, unknown>;
  /** Defaults to a generated `toolu_fake…` id. */
  id?: string;
}

export type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input?: unknown; id?: string }
  | { type: 'thinking'; thinking: string; signature?: string };

export interface Turn {
  /** One text block (placed before tool_use blocks). */
  text?: string;
  tool_use?: ToolUseSpec[];
  /** Raw content blocks; replaces text/tool_use when given. */
  content?: ReplyBlock[];
  /** Default: `tool_use` when the turn has a tool_use block, else `end_turn`. */
  stop_reason?: string;
  /** Wait before answering (e.g. to exercise timeouts). */
  delayMs?: number;
  /** Answer with an API error instead of a message (the CLI retries 429/5xx!). */
  error?: { status: number; type: string; message: string };
  /** The usage's input_tokens (default: an estimate of the request's size), e.g. to fill the context window. */
  inputTokens?: number;
}

export interface TurnContext {
  /** 0-based index of this main request in the script. */
  index: number;
  /** All requests logged so far (this one included, as the last element). */
  requests: readonly LoggedRequest[];
}

export type TurnFn = (req: LoggedRequest, ctx: TurnContext) => Turn | Promise<Turn>;
export type ScriptEntry = Turn | TurnFn;

export interface FakeApiScript {
  /** Played in order, one per main request. */
  turns?: ScriptEntry[];
  /** Answers every main request after `turns` ran out (default: a plain final text). */
  fallback?: ScriptEntry;
  /** Text of the default fallback turn. */
  finalText?: string;
  /** Side requests: first rule whose regex matches system+messages text wins; else sideText. */
  side?: Array<{ match: RegExp | string; text: string }>;
  sideText?: string;
  compactSummary?: string;
  /** When set, a /v1/messages request is `main` iff its model matches (compaction aside). */
  mainModel?: RegExp;
}

/** A list of turns, a single function answering every main request, or the full options. */
export type Script = ScriptEntry[] | TurnFn | FakeApiScript;

export interface FakeApi {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything received, in arrival order (copies of the live log). */
  requests(): LoggedRequest[];
  /** Only `main` requests, i.e. the ones that consumed script entries. */
  mainRequests(): LoggedRequest[];
  /** Proxy attempts to reach any other host. A hermetic run leaves this empty. */
  refused(): RefusedRequest[];
  /** Exceptions thrown by script functions (the request got an error text turn instead). */
  errors(): string[];
  /** How many main requests found the script exhausted and got the fallback. */
  exhausted(): number;
  /** Swap the script (and restart at entry 0), e.g. for a second CLI run on the same server. */
  setScript(script: Script): void;
  /** Also accept connections on a unix socket (created once; path returned). */
  listenUnix(): Promise<string>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Helpers for tests and script functions

/** Flattens strings, content blocks, tool_result contents and message lists into plain text. */
export function textOf(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value
      .map(textOf)
      .filter((s) => s !== '')
      .join('\n');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.text === 'string') return o.text;
    if (o.type === 'tool_use') return `[tool_use ${String(o.name)}] ${JSON.stringify(o.input ?? {})}`;
    if (o.content !== undefined) return textOf(o.content);
  }
  return '';
}

function bodyOf(x: LoggedRequest | MessagesBody | null | undefined): MessagesBody {
  if (x == null) return {};
  if ('kind' in x && 'path' in x) return (x as LoggedRequest).body ?? {};
  return x as MessagesBody;
}

/** System prompt + every message, flattened: the text the model received (tools excluded). */
export function requestText(req: LoggedRequest | MessagesBody): string {
  const b = bodyOf(req);
  return textOf(b.system) + '\n' + messagesText(b);
}

/** Every message (user, assistant and mid-conversation system ones), flattened. */
export function messagesText(req: LoggedRequest | MessagesBody): string {
  const msgs = bodyOf(req).messages;
  return Array.isArray(msgs) ? msgs.map((m) => `[${m.role}] ${textOf(m.content)}`).join('\n') : '';
}

/** The last message with role `user`, flattened ('' when none). */
export function lastUserText(req: LoggedRequest | MessagesBody): string {
  const msgs = bodyOf(req).messages ?? [];
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i];
    if (m && m.role === 'user') return textOf(m.content);
  }
  return '';
}

export interface ToolResult {
  tool_use_id: string;
  text: string;
  is_error: boolean;
}

/** tool_result blocks of the last user message (the answers to the previous turn's tool_use). */
export function lastToolResults(req: LoggedRequest | MessagesBody): ToolResult[] {
  const msgs = bodyOf(req).messages ?? [];
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i];
    if (!m || m.role !== 'user' || !Array.isArray(m.content)) continue;
    const results = m.content.filter((b) => b && b.type === 'tool_result');
    if (results.length === 0) continue;
    return results.map((b) => ({
      tool_use_id: String(b.tool_use_id ?? ''),
      text: textOf(b.content),
      is_error: b.is_error === true,
    }));
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Implementation

const COMPACT_PROMPT = /create a detailed summary of the conversation so far/i;
/** Short system prompts of side queries that still carry tools (rare). */
const SIDE_PROMPT_HINTS = [
  /generate a (concise|short)[^\n]*title/i,
  /new conversation topic/i,
  /summari[sz]e|summary/i,
  /extract any file paths/i,
  /command prefix/i,
  /classif(y|ier)/i,
];
const KEPT_HEADERS = [
  'user-agent',
  'anthropic-version',
  'anthropic-beta',
  'x-app',
  'x-claude-code-session-id',
  'content-type',
];
const DEFAULT_FINAL = 'Done (fake API script exhausted).';

interface Normalized {
  content: Array<Record<string, unknown>>;
  stop_reason: string;
}

function normalizeScript(script: Script): FakeApiScript {
  if (typeof script === 'function') return { turns: [], fallback: script };
  if (Array.isArray(script)) return { turns: script };
  return script;
}

let idSeq = 0;
function newId(prefix: string): string {
  idSeq += 1;
  return `${prefix}${randomBytes(8).toString('hex')}${String(idSeq).padStart(4, '0')}`;
}

function normalizeTurn(turn: Turn): Normalized {
  const content: Array<Record<string, unknown>> = [];
  if (Array.isArray(turn.content)) {
    for (const b of turn.content) {
      if (b.type === 'tool_use')
        content.push({ type: 'tool_use', id: b.id ?? newId('toolu_fake'), name: b.name, input: b.input ?? {} });
      else content.push({ ...b });
    }
  } else {
    if (turn.text !== undefined) content.push({ type: 'text', text: turn.text });
    for (const t of turn.tool_use ?? []) {
      content.push({ type: 'tool_use', id: t.id ?? newId('toolu_fake'), name: t.name, input: t.input ?? {} });
    }
  }
  if (content.length === 0) content.push({ type: 'text', text: '' });
  const hasTool = content.some((b) => b.type === 'tool_use');
  return { content, stop_reason: turn.stop_reason ?? (hasTool ? 'tool_use' : 'end_turn') };
}

function approxTokens(x: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(x ?? {}).length / 4));
}

function isLoopbackAuthority(hostPort: string): boolean {
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(hostPort);
}

function sendJson(res: http.ServerResponse, status: number, obj: unknown): void {
  const s = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req_fake') });
  res.end(s);
}

function writeEvent(res: http.ServerResponse, event: string, data: Record<string, unknown>): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
}

/** Splits a string into at most `n` roughly equal pieces (never empty pieces). */
function pieces(s: string, n: number): string[] {
  if (s.length <= 1 || n <= 1) return [s];
  const size = Math.ceil(s.length / n);
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

function streamReply(res: http.ServerResponse, msg: Record<string, unknown>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': newId('req_fake'),
  });
  const usage = msg.usage as Record<string, number>;
  const content = msg.content as Array<Record<string, unknown>>;
  writeEvent(res, 'message_start', {
    message: { ...msg, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
  });
  writeEvent(res, 'ping', {});
  content.forEach((block, index) => {
    if (block.type === 'text') {
      writeEvent(res, 'content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const part of pieces(String(block.text ?? ''), 2)) {
        writeEvent(res, 'content_block_delta', { index, delta: { type: 'text_delta', text: part } });
      }
    } else if (block.type === 'tool_use') {
      writeEvent(res, 'content_block_start', {
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      for (const part of pieces(JSON.stringify(block.input ?? {}), 2)) {
        writeEvent(res, 'content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } });
      }
    } else if (block.type === 'thinking') {
      writeEvent(res, 'content_block_start', {
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      writeEvent(res, 'content_block_delta', {
        index,
        delta: { type: 'thinking_delta', thinking: String(block.thinking ?? '') },
      });
      writeEvent(res, 'content_block_delta', {
        index,
        delta: { type: 'signature_delta', signature: String(block.signature ?? 'fake-signature') },
      });
    }
    writeEvent(res, 'content_block_stop', { index });
  });
  writeEvent(res, 'message_delta', {
    delta: { stop_reason: msg.stop_reason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  writeEvent(res, 'message_stop', {});
  res.end();
}

export async function startFakeApi(initialScript: Script = []): Promise<FakeApi> {
  let script = normalizeScript(initialScript);
  let mainIndex = 0;
  let exhaustedCount = 0;
  let seq = 0;
  const log: LoggedRequest[] = [];
  const refusedLog: RefusedRequest[] = [];
  const errorLog: string[] = [];

  function classify(body: MessagesBody): 'main' | 'side' | 'compact' {
    if (COMPACT_PROMPT.test(lastUserText(body))) return 'compact';
    if (script.mainModel) return script.mainModel.test(String(body.model ?? '')) ? 'main' : 'side';
    if (!Array.isArray(body.tools) || body.tools.length === 0) return 'side';
    const sys = textOf(body.system);
    if (sys.length < 2000 && SIDE_PROMPT_HINTS.some((r) => r.test(sys))) return 'side';
    return 'main';
  }

  async function mainTurn(entry: LoggedRequest): Promise<Turn> {
    const index = mainIndex++;
    entry.scriptIndex = index;
    const turns = script.turns ?? [];
    let chosen: ScriptEntry | undefined = turns[index];
    if (chosen === undefined) {
      exhaustedCount += 1;
      chosen = script.fallback ?? { text: script.finalText ?? DEFAULT_FINAL };
    }
    if (typeof chosen !== 'function') return chosen;
    try {
      return await chosen(entry, { index, requests: log });
    } catch (e) {
      const msg = `script entry ${index} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      errorLog.push(msg);
      // End the turn quickly instead of a 5xx, which the CLI would retry with backoff.
      return { text: `FAKE-API-SCRIPT-ERROR: ${msg}` };
    }
  }

  function sideTurn(body: MessagesBody): Turn {
    const hay = requestText(body);
    for (const rule of script.side ?? []) {
      const re = typeof rule.match === 'string' ? new RegExp(rule.match, 'i') : rule.match;
      if (re.test(hay)) return { text: rule.text };
    }
    return { text: script.sideText ?? 'OK' };
  }

  function refuse(method: string, target: string, userAgent: string | undefined): void {
    seq += 1;
    refusedLog.push(userAgent === undefined ? { method, target } : { method, target, userAgent });
    log.push({
      n: seq,
      time: new Date().toISOString(),
      method,
      path: target,
      query: '',
      headers: userAgent === undefined ? {} : { 'user-agent': userAgent },
      body: null,
      kind: 'refused',
      scriptIndex: null,
      stream: false,
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const rawUrl = req.url ?? '/';
    const method = req.method ?? 'GET';
    // Absolute-form request line = someone used us as a plain-HTTP proxy.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rawUrl)) {
      let authority = '';
      try {
        authority = new URL(rawUrl).host;
      } catch {
        /* unparsable: refuse */
      }
      if (!isLoopbackAuthority(authority)) {
        refuse(method, rawUrl, req.headers['user-agent']);
        res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
        res.end('refused by the csm e2e fake API (offline test harness)\n');
        return;
      }
    }
    const url = new URL(rawUrl, 'http://127.0.0.1');
    let body: MessagesBody | null = null;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as MessagesBody;
      } catch {
        body = { _unparsed: raw.slice(0, 10_000) };
      }
    }
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = req.headers[h];
      if (v !== undefined) headers[h] = Array.isArray(v) ? v.join(', ') : v;
    }
    seq += 1;
    const entry: LoggedRequest = {
      n: seq,
      time: new Date().toISOString(),
      method,
      path: url.pathname,
      query: url.search,
      headers,
      body,
      kind: 'other',
      scriptIndex: null,
      stream: body?.stream === true,
    };
    log.push(entry);

    if (method === 'POST' && url.pathname === '/v1/messages/count_tokens') {
      entry.kind = 'count_tokens';
      entry.reply = { input_tokens: approxTokens(body) };
      return sendJson(res, 200, entry.reply);
    }
    if (method === 'POST' && url.pathname === '/v1/messages') {
      const b = body ?? {};
      const kind = classify(b);
      entry.kind = kind;
      let turn: Turn;
      if (kind === 'main') turn = await mainTurn(entry);
      else if (kind === 'compact') {
        turn = {
          text:
            script.compactSummary ??
            '<analysis>fake</analysis>\n<summary>Fake compaction summary from the e2e fake API.</summary>',
        };
      } else turn = sideTurn(b);
      if (turn.delayMs) await new Promise((r) => setTimeout(r, turn.delayMs));
      if (turn.error) {
        entry.reply = { type: 'error', error: { type: turn.error.type, message: turn.error.message } };
        return sendJson(res, turn.error.status, entry.reply);
      }
      const norm = normalizeTurn(turn);
      const msg = {
        id: newId('msg_fake'),
        type: 'message',
        role: 'assistant',
        model: typeof b.model === 'string' ? b.model : 'claude-fake',
        content: norm.content,
        stop_reason: norm.stop_reason,
        stop_sequence: null,
        usage: {
          input_tokens: turn.inputTokens ?? approxTokens(b.messages),
          output_tokens: approxTokens(norm.content),
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      };
      entry.reply = msg;
      if (entry.stream) return streamReply(res, msg);
      return sendJson(res, 200, msg);
    }
    if (method === 'GET' && url.pathname.startsWith('/v1/models')) {
      entry.kind = 'models';
      const model = {
        type: 'model',
        id: 'claude-fake',
        display_name: 'Fake model',
        created_at: '2025-01-01T00:00:00Z',
      };
      const single = url.pathname.replace(/^\/v1\/models\/?/, '');
      entry.reply = single
        ? { ...model, id: decodeURIComponent(single) }
        : { data: [model], has_more: false, first_id: model.id, last_id: model.id };
      return sendJson(res, 200, entry.reply);
    }
    entry.reply = {};
    if (method === 'HEAD') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
      return;
    }
    return sendJson(res, 200, {});
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
        errorLog.push(`handler: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        if (!res.headersSent) sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: String(e) } });
        else res.end();
      });
    });
  });
  // HTTPS through the proxy: never tunnel anywhere.
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    refuse('CONNECT', req.url ?? '', req.headers['user-agent']);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake API: unexpected listen address');
  const port = address.port;

  let unixServer: net.Server | undefined;
  let unixDir: string | undefined;
  let unixPath: string | undefined;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests: () => [...log],
    mainRequests: () => log.filter((r) => r.kind === 'main'),
    refused: () => [...refusedLog],
    errors: () => [...errorLog],
    exhausted: () => exhaustedCount,
    setScript(next: Script) {
      script = normalizeScript(next);
      mainIndex = 0;
      exhaustedCount = 0;
    },
    async listenUnix() {
      if (unixPath !== undefined) return unixPath;
      // Short path: unix socket paths are limited to ~107 bytes.
      unixDir = mkdtempSync(path.join(os.tmpdir(), 'csm-fake-api-'));
      const p = path.join(unixDir, 'api.sock');
      const us = net.createServer((sock) => server.emit('connection', sock));
      await new Promise<void>((resolve, reject) => {
        us.once('error', reject);
        us.listen(p, () => {
          us.off('error', reject);
          resolve();
        });
      });
      unixServer = us;
      unixPath = p;
      return p;
    },
    async close() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closing;
      if (unixServer) await new Promise<void>((resolve) => unixServer!.close(() => resolve()));
      if (unixDir) rmSync(unixDir, { recursive: true, force: true });
    },
  };
}
