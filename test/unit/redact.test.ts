import { describe, expect, it } from 'vitest';
import { containsSecret, isSecretName, REDACTED, redact, redactDeep } from '../../src/domain/redact.ts';
import { ADVERSARIAL, MB } from '../support/redact-adversarial.ts';
import { SECRET_CORPUS, SECRET_CORPUS_EXPECTED } from '../support/secret-corpus.ts';

const expectedFor = (c: { name: string; text: string; secret: string }): string =>
  SECRET_CORPUS_EXPECTED[c.name] ?? c.text.split(c.secret).join(REDACTED);

describe('secret corpus', () => {
  it('is large, uniquely named, and every secret is a single line present in its text', () => {
    expect(SECRET_CORPUS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(SECRET_CORPUS.map((c) => c.name)).size).toBe(SECRET_CORPUS.length);
    for (const c of SECRET_CORPUS) {
      expect(c.text, c.name).toContain(c.secret);
      expect(c.secret, c.name).not.toMatch(/[\r\n]/);
      expect(c.secret.length, c.name).toBeGreaterThanOrEqual(12);
      expect(c.secret, c.name).not.toContain(REDACTED);
    }
    for (const name of Object.keys(SECRET_CORPUS_EXPECTED)) {
      expect(
        SECRET_CORPUS.some((c) => c.name === name),
        name,
      ).toBe(true);
    }
  });

  it.each(SECRET_CORPUS)('$name: secret removed, surrounding text kept', (c) => {
    const out = redact(c.text);
    expect(out).not.toContain(c.secret);
    expect(out).toBe(expectedFor(c));
    expect(containsSecret(c.text)).toBe(true);
    expect(containsSecret(out)).toBe(false);
    expect(redact(out)).toBe(out); // idempotent
  });

  it.each(SECRET_CORPUS)('$name: also redacted inside serialized JSON (1-3 levels), which stays valid', (c) => {
    let encoded: string = c.text;
    for (let depth = 1; depth <= 3; depth++) {
      encoded = JSON.stringify(depth === 1 ? { command: encoded } : encoded);
      const out = redact(encoded);
      expect(out, `depth ${depth}`).not.toContain(c.secret);
      let decoded: unknown = out;
      for (let i = 0; i < depth; i++) decoded = JSON.parse(decoded as string) as unknown;
      expect((decoded as { command: string }).command, `depth ${depth}`).not.toContain(c.secret);
    }
  });

  it('the PEM corpus cases lose every body line, not only the sampled one', () => {
    for (const c of SECRET_CORPUS.filter((x) => x.text.includes('PRIVATE KEY'))) {
      const out = redact(c.text);
      const bodyLines = c.text.split(/\r?\n|\\n/).filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l));
      expect(bodyLines.length, c.name).toBeGreaterThan(0);
      for (const line of bodyLines) expect(out, c.name).not.toContain(line);
    }
  });
});

const BENIGN: string[] = [
  // task titles: a topic word and a colon, then the sentence goes on
  'TASK-AUTH: add the token check',
  'Fix auth: add token refresh on expiry',
  'Cookies: keep the session one only',
  'src/domain/tasks/projection.ts',
  '/home/dev/project/src/auth/password_reset.ts',
  'git add src/auth/password_reset.ts test/auth/password_reset.test.ts',
  'git show 3f786850e387550fdab836ed7e6dc881de23001b --stat',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nAuthor: Dev Example <dev@example.com>\nDate:   Tue Mar 4 10:00:00 2025 +0100',
  'request id 550e8400-e29b-41d4-a716-446655440000 (uuid: 6ba7b810-9dad-11d1-80b4-00c04fd430c8)',
  'npm test',
  'npm run test:unit -- --reporter=verbose',
  'export function tokenize(input: string): Token[] {',
  'const tokens = tokenize(source);',
  'const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";',
  '//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbImluZGV4LnRzIl19',
  'const WASM = "AGFzbQEAAAABBgFgAX8BfwMCAQAHBwEDZmliAAAKHgEcACAAQQJIBH8gAAUgAEEBaxAAIABBAmsQAGoLCw==";',
  'git push -u origin feature/token-refresh',
  'docker run --rm -u 1000:1000 -v "$PWD":/app node:20 npm ci',
  'mkdir -p src/domain && ls -la',
  'ssh -p 2222 deploy@10.0.0.7',
  '{"model":"claude-sonnet","max_tokens":4096,"usage":{"input_tokens":1234,"output_tokens":567}}',
  'tokens_used: 1234\ntoken_count: 17\nmax_tokens=4096',
  'SECRET_NAME=prod-db-credentials\nTOKEN_TTL=3600\nAPI_KEY_FILE=/run/secrets/api_key',
  'echo "$GITHUB_TOKEN" | docker login ghcr.io -u octo --password-stdin',
  'curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me',
  'curl -H "Authorization: Bearer ${API_TOKEN}" https://api.example.com/v1/me',
  'env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
  'export ANTHROPIC_API_KEY=$(cat ~/.config/anthropic/key)',
  'PWD=/home/dev/project\nOLDPWD=/home/dev',
  "src/auth/token.ts:12:5 - error TS2322: Type 'string' is not assignable to type 'number'.",
  '    at verifyToken (/app/src/auth/token.ts:42:11)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
  'FAIL  test/unit/password.test.ts > hashes the password\nAssertionError: expected false to be true',
  "KeyError: 'api_key'",
  'TokenExpiredError: jwt expired',
  'function verifyPassword(password: string): boolean {',
  'interface Credentials { username: string; password?: string; token: string | null }',
  'if (!token) throw new Error("missing token");',
  'const apiKey = process.env.API_KEY;\nconst token = os.environ["GITHUB_TOKEN"]',
  'const token = getToken(); const password = await readPassword(); const secret = new Secret(opts);',
  'const keyboard = new Keyboard(); const monkey = "banana"; const hotkey = "ctrl+k";',
  'ALTER TABLE users ADD PRIMARY KEY (id);',
  '{"primaryKey": "id", "sortKey": "createdAt", "cacheKey": "users:42"}',
  ' Test Files  3 passed (3)\n      Tests  42 passed (42)\n   Duration  1.23s',
  ' ✓ test/unit/redact.test.ts (31 tests) 45ms',
  'pip install scikit-learn==1.4.2',
  'kubectl get secret api-credentials -o yaml',
  'gh secret list --repo acme/api',
  'git@github.com:acme/api.git',
  'https://github.com/acme/api/pull/42',
  'docker pull ghcr.io/acme/token-service:1.2.3',
  'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'PATH=/usr/local/bin:/usr/bin:/bin',
  'The AKIA prefix marks AWS access key ids; ghp_ marks GitHub tokens and sk- OpenAI keys.',
  'Set the API key in your environment before running the tests.',
  'Authorization header is missing',
  'ssh-keygen -t ed25519 -C "dev@example.com" -f ~/.ssh/id_ed25519',
  'git diff --stat\n src/auth/password.ts | 12 ++++++------\n 1 file changed',
  'openssl rand -hex 32',
  'task-3 done; session-007 closed',
  '"devDependencies": { "eslint": "^9.0.0", "typescript": "^5.6.0" }',
  'echo $PASSWORD | wc -c',
  'ls ~/.ssh\nid_ed25519  id_ed25519.pub  known_hosts',
  'const config = { auth: true, retries: 3 };',
  'risk-assessment-2024-report-final',
  'curl "https://api.example.com/v1/users?page=2&limit=50"',
  'The diff touches tokenizer.ts, keymap.ts and passwordStrength.ts',
  'password_reset_test.go:27: expected nil, got error',
  "Error: ENOENT: no such file or directory, open '/app/.env'",
  'grep -rn "BEGIN RSA PRIVATE KEY" src/',
  'ansible-playbook --ask-pass --no-password-prompt site.yml',
  'git commit -m "rotate the API key and document the password policy"',
];

describe('benign text', () => {
  it('has a meaningful size', () => {
    expect(BENIGN.length).toBeGreaterThanOrEqual(60);
  });

  it.each(BENIGN)('unchanged: %s', (text) => {
    expect(redact(text)).toBe(text);
    expect(containsSecret(text)).toBe(false);
  });

  it('returns the very same string when nothing matched, and handles empty input', () => {
    const s = 'npm run build && npm test';
    expect(redact(s)).toBe(s);
    expect(redact('')).toBe('');
  });
});

describe('redact: targeted behaviour', () => {
  it.each([
    // the prose rule is for topic words only, and for a sentence going on
    ['auth: letmein', 'auth: [REDACTED]'],
    ['token: abcdefgh next', 'token: [REDACTED] next'],
    ['password: hunter two', 'password: [REDACTED] two'],
    // names stay visible
    ['API_KEY=abc123def', 'API_KEY=[REDACTED]'],
    ['export AWS_SECRET_ACCESS_KEY="a/b+c"', 'export AWS_SECRET_ACCESS_KEY="[REDACTED]"'],
    ['--password hunter2 --verbose', '--password [REDACTED] --verbose'],
    ['--api-key=xyz789 run', '--api-key=[REDACTED] run'],
    ['--token --verbose', '--token --verbose'],
    ['"password": "p@ss w0rd"', '"password": "[REDACTED]"'],
    ["'password' => 'abc'", "'password' => '[REDACTED]'"],
    ['password => hash(password)', 'password => hash(password)'],
    ['token: abcdef', 'token: [REDACTED]'],
    ['DB_PWD=secret1', 'DB_PWD=[REDACTED]'],
    ['Server=db;Uid=sa;Pwd=s3cr3t!;', 'Server=db;Uid=sa;Pwd=[REDACTED];'],
    ['TOKEN := abc123', 'TOKEN := [REDACTED]'],
    ['TOKEN=""', 'TOKEN=""'],
    ['PASSWORD=$DB_PASSWORD', 'PASSWORD=$DB_PASSWORD'],
    ['PASSWORD="${DB_PASSWORD}"', 'PASSWORD="${DB_PASSWORD}"'],
    ['API_KEY=[REDACTED]', 'API_KEY=[REDACTED]'],
    // `-p` alone is not enough…
    ['mkdir -p secret/dir', 'mkdir -p secret/dir'],
    // …but mysql's attached form is
    ['mysql -u root -pS3cret db', 'mysql -u root -p[REDACTED] db'],
    // headers
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [REDACTED]'],
    ['Proxy-Authorization: Basic dXNlcjpwYXNz', 'Proxy-Authorization: Basic [REDACTED]'],
    ['authorization=opaque123', 'authorization=[REDACTED]'],
    ['Cookie: a=1; b=2', 'Cookie: [REDACTED]'],
    // URLs
    ['https://user:pa55@host.example.com/x', 'https://user:[REDACTED]@host.example.com/x'],
    ['mongodb+srv://app:p%40ss@cluster0.example.net/db', 'mongodb+srv://app:[REDACTED]@cluster0.example.net/db'],
    ['https://user@example.com/x', 'https://user@example.com/x'],
    ['https://$USER:$PASS@host/x', 'https://$USER:$PASS@host/x'],
    // curl -u keeps the user, docker uid:gid is left alone
    ['curl --user admin:pw123 https://x', 'curl --user admin:[REDACTED] https://x'],
    ['docker run -u 1000:1000 img', 'docker run -u 1000:1000 img'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("keeps a test's short numbers (`bad key: 255`), never a password's", () => {
    expect(redact('2q_test.go:313: bad key: 255')).toBe('2q_test.go:313: bad key: 255');
    expect(redact('token: 42, key=7')).toBe('token: 42, key=7');
    expect(redact('password: 1234')).toBe(`password: ${REDACTED}`);
    expect(redact('DB_PASSWD=123456')).toBe(`DB_PASSWD=${REDACTED}`);
    expect(redact('key: 8f3a9b2c7d1e4f5a6b7c8d9e0f1a2b3c')).toBe(`key: ${REDACTED}`);
  });

  it('redacts every secret of a multi-secret line', () => {
    const line =
      'DB_PASSWORD=aaa111 API_TOKEN=bbb222 curl -u me:ccc333 https://x:ddd444@h/ -H "Authorization: Bearer eee555"';
    const out = redact(line);
    for (const s of ['aaa111', 'bbb222', 'ccc333', 'ddd444', 'eee555']) expect(out).not.toContain(s);
    expect(out).toContain('DB_PASSWORD=');
    expect(out).toContain('https://x:');
  });

  it('keeps the escape structure of JSON it redacts inside', () => {
    const obj = {
      cmd: 'curl -H "X-Api-Key: abc123def" -d \'{"password":"pw"}\' https://x',
      nested: { token: 'tok999' },
    };
    const out = redact(JSON.stringify(obj));
    expect(JSON.parse(out)).toEqual({
      cmd: 'curl -H "X-Api-Key: [REDACTED]" -d \'{"password":"[REDACTED]"}\' https://x',
      nested: { token: REDACTED },
    });
  });
});

describe('isSecretName', () => {
  it.each([
    'FOO_TOKEN',
    'apiKey',
    'x-api-key',
    'API_KEY',
    'client_secret',
    'clientSecret',
    'DB_PASSWORD',
    'dbpassword',
    'passwd',
    'PASSPHRASE',
    'aws_secret_access_key',
    'keyStorePassword',
    '_authToken',
    'GITHUB_PAT',
    'credentials',
    'auth',
    'key',
    'private_key',
    'signingKey',
    'refresh_token',
  ])('secret: %s', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'SECRET_NAME',
    'token_count',
    'max_tokens',
    'tokens_used',
    'sort_key',
    'primaryKey',
    'keyboard',
    'monkey',
    'tokenizer',
    'author',
    'TOKEN_TTL',
    'API_KEY_FILE',
    'password_reset',
    'token.ts',
    'KeyError',
    'authDomain',
    'public_key',
    'aws_access_key_id',
    'token_type',
  ])('not secret: %s', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('flags: switches are not values; deep mode ignores a bare "key"', () => {
    expect(isSecretName('no-password', 'flag')).toBe(false);
    expect(isSecretName('password-stdin', 'flag')).toBe(false);
    expect(isSecretName('key', 'deep')).toBe(false);
    expect(isSecretName('Authorization', 'deep')).toBe(true);
    expect(isSecretName('Authorization', 'text')).toBe(false); // handled by the header rule
  });
});

describe('redactDeep', () => {
  it('redacts strings everywhere and whole values under secret keys, without mutating the input', () => {
    const ghToken = 'gh' + 'p_' + 'FAKE' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
    const input = {
      command: `git clone https://ci:s3cretpw@git.example.com/x.git`,
      env: { API_KEY: 'plain-value-1', DEBUG: '1', GH: ghToken },
      headers: { Authorization: 'Bearer opaque-2', Accept: 'application/json' },
      password: 'hunter2-3',
      apiKey: 'k-4',
      clientSecret: 'cs-5',
      keyboard: 'qwerty',
      monkey: 'banana',
      key: 'lint',
      tokens_used: 1234,
      max_tokens: 4096,
      token: 42,
      secretName: 'prod-db',
      list: ['ok', 'TOKEN=t-6', { privateKey: 'pk-7' }],
      nothing: null,
      flag: true,
      emptyPassword: '',
      passwordRef: '${DB_PASSWORD}',
    };
    const snapshot = structuredClone(input);
    const out = redactDeep(input);
    expect(input).toEqual(snapshot);
    expect(out).not.toBe(input);
    expect(out).toEqual({
      command: 'git clone https://ci:[REDACTED]@git.example.com/x.git',
      env: { API_KEY: REDACTED, DEBUG: '1', GH: REDACTED },
      headers: { Authorization: REDACTED, Accept: 'application/json' },
      password: REDACTED,
      apiKey: REDACTED,
      clientSecret: REDACTED,
      keyboard: 'qwerty',
      monkey: 'banana',
      key: 'lint',
      tokens_used: 1234,
      max_tokens: 4096,
      token: 42,
      secretName: 'prod-db',
      list: ['ok', 'TOKEN=[REDACTED]', { privateKey: REDACTED }],
      nothing: null,
      flag: true,
      emptyPassword: '',
      passwordRef: '${DB_PASSWORD}',
    });
    expect(JSON.stringify(out)).not.toContain(ghToken);
  });

  it('handles primitives, top-level strings and arrays, cycles and non-plain objects', () => {
    expect(redactDeep('TOKEN=abc123')).toBe('TOKEN=[REDACTED]');
    expect(redactDeep(7)).toBe(7);
    expect(redactDeep(null)).toBe(null);
    expect(redactDeep(undefined)).toBe(undefined);
    expect(redactDeep(['a', 'password=x1'])).toEqual(['a', 'password=[REDACTED]']);

    const date = new Date(0);
    const map = new Map([['password', 'x']]);
    const out = redactDeep({ date, map });
    expect(out.date).toBe(date);
    expect(out.map).toBe(map);

    const cyclic: { name: string; password: string; self?: unknown } = { name: 'n', password: 'p1' };
    cyclic.self = cyclic;
    const c = redactDeep(cyclic);
    expect(c.password).toBe(REDACTED);
    expect(c.self).toBe(c);
  });

  it('redacts every corpus secret when the corpus is passed as data', () => {
    const out = JSON.stringify(redactDeep({ entries: SECRET_CORPUS.map((c) => ({ name: c.name, output: c.text })) }));
    for (const c of SECRET_CORPUS) expect(out, c.name).not.toContain(c.secret);
  });

  it('does not let a __proto__ key change the prototype of the copy', () => {
    const parsed = JSON.parse('{"__proto__": {"password": "x"}, "a": 1}') as Record<string, unknown>;
    const out = redactDeep(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
  });
});

describe('adversarial input (speed goals are in npm run bench)', () => {
  it.each(ADVERSARIAL)(
    '1 MB of %s is redacted whole (work linear in the input: a backtracking pattern would not finish)',
    (_name, make) => {
      const input = make();
      expect(input.length).toBeGreaterThanOrEqual(MB);
      const out = redact(input);
      expect(typeof out).toBe('string');
      expect(redact(out), 'idempotent').toBe(out);
    },
    60_000,
  );
});
