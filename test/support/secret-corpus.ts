/**
 * Realistic fake secrets embedded in realistic contexts. Shared by every suite that records
 * something under `.claude/`: feed each `text` through the recording path and assert that no
 * `secret` appears in what was written.
 *
 * Every secret is shape-correct but obviously fake (it contains FAKE / fake) and is assembled at
 * run time from a seeded generator, so no complete token literal appears in this source file
 * (keeps secret scanners and GitHub push protection quiet). Every `secret` is a single line, so
 * it can be searched for in raw files and in JSON-escaped ones alike.
 */

export interface SecretCase {
  name: string;
  text: string;
  secret: string;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const UPPER_NUM = UPPER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';

let state = 0x2545f491;
/** Deterministic xorshift32: the corpus is identical on every run. */
function next(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
function chars(length: number, alphabet: string = ALNUM): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[next() % alphabet.length];
  return s;
}
/** Mixed case + digits guaranteed, so shape checks that want entropy are satisfied. */
function mixed(length: number): string {
  return 'Fk7' + chars(length - 3);
}
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/* Token shapes ---------------------------------------------------------------------------- */

const awsKeyId = 'AK' + 'IA' + 'FAKE' + chars(12, UPPER_NUM);
const awsSessionKeyId = 'AS' + 'IA' + 'FAKE' + chars(12, UPPER_NUM);
const awsSecret = () => 'FAKE' + chars(36, B64);
const gh = (kind: string) => 'gh' + kind + '_' + 'FAKE' + chars(32);
const githubPat = 'github' + '_pat_' + '11FAKE' + chars(16, UPPER_NUM) + '_' + chars(59);
const glpat = () => 'gl' + 'pat-' + 'FAKE' + chars(16, ALNUM + '_-');
const slack = (kind: string) =>
  'xo' + 'x' + kind + '-' + chars(12, DIGITS) + '-' + chars(13, DIGITS) + '-' + 'FAKE' + chars(20);
const xapp = 'xa' + 'pp-1-' + 'A0FAKE' + chars(4, UPPER_NUM) + '-' + chars(13, DIGITS) + '-' + chars(64, HEX);
const slackHookPath = 'T0FAKE' + chars(5, UPPER_NUM) + '/B0FAKE' + chars(5, UPPER_NUM) + '/' + 'FAKE' + chars(20);
const npmToken = () => 'np' + 'm_' + 'FAKE' + chars(32);
const stripe = (kind: string) => kind + '_' + 'FAKE' + chars(20);
const whsec = 'wh' + 'sec_' + 'FAKE' + chars(28);
const openaiLegacy = 's' + 'k-' + mixed(48);
const openaiProject = 's' + 'k-proj-' + 'FAKE' + chars(60, ALNUM + '_-') + 'T3Blbk' + chars(40);
const anthropic = () => 's' + 'k-ant-api03-' + 'FAKE' + chars(86, ALNUM + '_-') + '-' + chars(6) + 'AA';
const googleKey = () => 'AI' + 'za' + 'Fake' + chars(31, ALNUM + '_-');
const jwt = (sub: string) =>
  b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) +
  '.' +
  b64url(JSON.stringify({ sub, name: 'Fake Test User', iat: 1700000000 })) +
  '.' +
  chars(43, ALNUM + '_-');
const huggingFace = 'h' + 'f_' + 'FAKE' + chars(30);
const pypi = 'py' + 'pi-AgEIcHlwaS5vcmc' + 'FAKE' + chars(60, ALNUM + '_-');
const password = (label: string) => `${label}-FAKE-${mixed(14)}`;
const opaque = () => 'FAKEopaque' + chars(30);

/* Private keys ---------------------------------------------------------------------------- */

function pemLines(count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push((i === 0 ? 'MIIEFAKE' : 'FAKE') + chars(i === 0 ? 56 : 60, B64));
  return lines;
}
const rsaLines = pemLines(6);
const opensshLines = ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ' + 'FAKE' + chars(24, B64), ...pemLines(4)];
const pkcs8Lines = pemLines(5);
const ecLines = pemLines(2);
const pgpLines = pemLines(4);

const rsaPem = ['-----BEGIN RSA PRIVATE KEY-----', ...rsaLines, '-----END RSA PRIVATE KEY-----'].join('\n');
const opensshPem = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...opensshLines, '-----END OPENSSH PRIVATE KEY-----'].join(
  '\n',
);
const pkcs8Escaped = ['-----BEGIN PRIVATE KEY-----', ...pkcs8Lines, '-----END PRIVATE KEY-----', ''].join('\\n');
const pgpBlock = [
  '-----BEGIN PGP PRIVATE KEY BLOCK-----',
  '',
  ...pgpLines,
  '=FAKE',
  '-----END PGP PRIVATE KEY BLOCK-----',
].join('\n');

/* The corpus ------------------------------------------------------------------------------ */

const cases: SecretCase[] = [];
/** Expected `redact(text)` where more than `secret` must go (a whole PEM body, a whole cookie). */
const expected: Record<string, string> = {};

function add(name: string, secret: string, build: (s: string) => string, expectedText?: string): void {
  cases.push({ name, text: build(secret), secret });
  if (expectedText !== undefined) expected[name] = expectedText;
}

// Shell assignments and flags
add('export with double quotes', awsSecret(), (s) => `export AWS_SECRET_ACCESS_KEY="${s}"\naws s3 ls s3://fake-bucket`);
add('env prefix on a command', opaque(), (s) => `FOO_TOKEN=${s} npm run deploy -- --prod`);
add('dotenv file', password('db'), (s) => `NODE_ENV=production\nDATABASE_PASSWORD=${s}\nPORT=3000\n`);
add(
  'dotenv single-quoted with spaces',
  `correct horse FAKE ${mixed(10)}`,
  (s) => `APP_NAME=shop\nSESSION_SECRET='${s}'\n`,
);
add(
  '--password with a space',
  password('mysql'),
  (s) => `mysql -h db.internal -u app --password ${s} app_production < dump.sql`,
);
add('--api-key=', opaque(), (s) => `./scripts/deploy.sh --api-key=${s} --region eu-west-1`);
add('mysqldump -pSECRET', password('root'), (s) => `mysqldump -u root -p${s} shop > shop.sql`);
add('docker run -e', password('pg'), (s) => `docker run --rm -e POSTGRES_PASSWORD=${s} -p 5432:5432 postgres:16`);
add(
  'helm --set list',
  password('helm'),
  (s) => `helm upgrade api ./chart --set db.password=${s},replicaCount=2 --wait`,
);
add('kubectl --from-literal', opaque(), (s) => `kubectl create secret generic api --from-literal=api-key=${s} -n prod`);
add(
  'java system property',
  password('keystore'),
  (s) => `java -Djavax.net.ssl.keyStorePassword=${s} -jar build/app.jar`,
);
add('powershell env', opaque(), (s) => `$env:DEPLOY_TOKEN = "${s}"; ./deploy.ps1`);
add(
  'curl -u user:password',
  password('jenkins'),
  (s) => `curl -u admin:${s} https://jenkins.example.com/job/build/api/json`,
);
add('sshpass -p', password('ssh'), (s) => `sshpass -p '${s}' ssh deploy@10.0.0.7 'systemctl restart api'`);
add('redis-cli -a', password('redis'), (s) => `redis-cli -h cache.internal -p 6379 -a ${s} ping`);
add('docker login -p', password('registry'), (s) => `docker login -u ci-bot -p ${s} registry.example.com`);
add('gh secret set --body', password('deploy'), (s) => `gh secret set DEPLOY_PASSWORD --body "${s}" --repo acme/api`);
add('aws configure set', awsSecret(), (s) => `aws configure set aws_secret_access_key ${s} --profile ci`);
add('npm config set authToken', npmToken(), (s) => `npm config set //registry.npmjs.org/:_authToken ${s}`);
add('huggingface-cli --token', huggingFace, (s) => `huggingface-cli login --token ${s} --add-to-git-credential`);

// Config files
add('JSON config', password('json'), (s) => `{\n  "host": "db.internal",\n  "password": "${s}",\n  "port": 5432\n}`);
add(
  'compact JSON client_secret',
  'GOCSPX-' + 'FAKE' + chars(24, ALNUM + '_-'),
  (s) =>
    `{"client_id":"fake-client.apps.googleusercontent.com","client_secret":"${s}","redirect_uri":"http://localhost:3000/cb"}`,
);
add('YAML token', opaque(), (s) => `github:\n  user: octo-fake\n  token: ${s}\n  org: acme\n`);
add(
  'Kubernetes secret stringData',
  opaque(),
  (s) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  api-key: "${s}"\n`,
);
add('Python constant', opaque(), (s) => `API_KEY = "${s}"\nclient = Client(API_KEY)\n`);
add('TOML password', password('toml'), (s) => `[database]\nuser = "app"\npassword = "${s}"\npool = 5\n`);
add('my.cnf unquoted', password('cnf'), (s) => `[client]\nuser=root\npassword=${s}\nhost=127.0.0.1\n`);
add('aws credentials file: key id', awsKeyId, (s) => `[default]\naws_access_key_id = ${s}\nregion = eu-west-1\n`);
add('aws credentials file: secret', awsSecret(), (s) => `[default]\naws_secret_access_key = ${s}\noutput = json\n`);
add('.npmrc', npmToken(), (s) => `//registry.npmjs.org/:_authToken=${s}\nregistry=https://registry.npmjs.org/\n`);
add('.pypirc', pypi, (s) => `[pypi]\n  username = __token__\n  password = ${s}\n`);
add('.netrc', opaque(), (s) => `machine api.heroku.com\n  login me@example.com\n  password ${s}\n`);
add(
  'docker config.json auth',
  b64('fake-user:' + password('docker')),
  (s) => `{"auths":{"registry.example.com":{"auth":"${s}"}}}`,
);
add(
  'Azure connection string',
  'FAKE' + chars(84, B64) + '==',
  (s) =>
    `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=fakeacct;AccountKey=${s};EndpointSuffix=core.windows.net"`,
);
add(
  'kubeconfig JWT',
  jwt('system:serviceaccount:ci:deployer'),
  (s) => `users:\n- name: ci\n  user:\n    token: ${s}\n`,
);

// HTTP
add(
  'curl bearer JWT',
  jwt('fake-user-1'),
  (s) => `curl -s -H "Authorization: Bearer ${s}" https://api.example.com/v1/me | jq .`,
);
add(
  'curl basic auth header',
  b64('fake-user:' + password('basic')),
  (s) => `curl -H 'Authorization: Basic ${s}' https://ci.example.com/api/json`,
);
add('curl GitHub token header', gh('p'), (s) => `curl -H "Authorization: token ${s}" https://api.github.com/user`);
add(
  'raw HTTP request dump',
  opaque(),
  (s) => `GET /v1/items HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer ${s}\r\nAccept: */*\r\n\r\n`,
);
add(
  'JSON headers object',
  openaiProject,
  (s) => `{"headers":{"Authorization":"Bearer ${s}","Content-Type":"application/json"}}`,
);
add('X-Api-Key header', opaque(), (s) => `curl -H "X-Api-Key: ${s}" "https://api.example.com/v2/search?q=shoes"`);
add(
  'JSON-escaped command in a log line',
  opaque(),
  (s) => `{"tool":"Bash","command":"curl -H \\"X-Auth-Token: ${s}\\" https://api.example.com"}`,
);
add('Cookie header', 'sessionid=FAKE' + chars(28), (s) => `curl -H "Cookie: ${s}" https://app.example.com/dashboard`);
{
  const sid = 'FAKE' + chars(28);
  const text = `< HTTP/2 200\n< set-cookie: session=${sid}; Path=/; HttpOnly; Secure\n< content-type: text/html\n`;
  add(
    'Set-Cookie response header',
    sid,
    () => text,
    `< HTTP/2 200\n< set-cookie: [REDACTED]\n< content-type: text/html\n`,
  );
}

// URLs with credentials
add('postgres URL', password('pg'), (s) => `psql "postgresql://app:${s}@db.internal:5432/app?sslmode=require"`);
add('redis URL with empty user', password('redis'), (s) => `REDIS_URL=redis://:${s}@cache.internal:6379/0`);
add(
  'connection error stack trace',
  password('orders'),
  (s) =>
    `Error: connect ECONNREFUSED 10.0.0.5:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n  connectionString: 'postgres://admin:${s}@10.0.0.5:5432/orders'\n`,
);
add('git-credentials', password('git'), (s) => `https://deploy:${s}@git.example.com\n`);
add('git remote with token as user', gh('p'), (s) => `git remote set-url origin https://${s}@github.com/acme/api.git`);
add(
  'git remote -v x-access-token',
  gh('s'),
  (s) => `origin\thttps://x-access-token:${s}@github.com/acme/api.git (fetch)\n`,
);
add('GitLab oauth2 clone URL', glpat(), (s) => `git clone https://oauth2:${s}@gitlab.com/acme/app.git`);
add(
  'Slack incoming webhook',
  slackHookPath,
  (s) =>
    `curl -X POST -H 'Content-type: application/json' --data '{"text":"deploy done"}' https://hooks.slack.com/services/${s}`,
);
add(
  'Discord webhook',
  chars(18, DIGITS) + '/FAKE' + chars(64, ALNUM + '_-'),
  (s) => `POST https://discord.com/api/webhooks/${s} 204`,
);

// Token shapes without a key name
add(
  'AWS session key id in an error',
  awsSessionKeyId,
  (s) => `An error occurred (ExpiredToken) when calling the GetObject operation for ${s}.`,
);
add(
  'gho in gh auth status',
  gh('o'),
  (s) => `github.com\n  ✓ Logged in to github.com account octo-fake (keyring)\n  - Token: ${s}\n`,
);
add('ghu in a log line', gh('u'), (s) => `[app] refreshed user-to-server credential ${s} for installation 42`);
add('ghr in JSON', gh('r'), (s) => `{"refresh_token":"${s}","expires_in":15897600}`);
add('github_pat_ piped to gh', githubPat, (s) => `echo ${s} | gh auth login --with-token`);
add(
  'GitLab PRIVATE-TOKEN header',
  glpat(),
  (s) => `curl --header "PRIVATE-TOKEN: ${s}" "https://gitlab.example.com/api/v4/projects"`,
);
add(
  'Slack xoxb in code',
  slack('b'),
  (s) => `const web = new WebClient('${s}');\nawait web.chat.postMessage({ channel: '#ops', text: 'hi' });`,
);
add('Slack xoxp in env output', slack('p'), (s) => `$ env | grep SLACK\nSLACK_USER=octo\nSLACK_USER_TOKEN=${s}\n`);
add('Slack xoxa in prose', slack('a'), (s) => `rotating legacy workspace token ${s} before Friday`);
add('Slack xoxs in prose', slack('s'), (s) => `session token ${s} found in HAR file`);
add('Slack xapp in socket mode log', xapp, (s) => `[INFO] socket-mode: connecting with ${s}`);
add('npm token in notice', npmToken(), (s) => `npm notice Publishing with ${s} (automation)`);
add(
  'Stripe live key in error',
  stripe('sk' + '_live'),
  (s) => `stripe.error.AuthenticationError: Invalid API Key provided: ${s}`,
);
add(
  'Stripe test key flag',
  stripe('sk' + '_test'),
  (s) => `stripe listen --api-key ${s} --forward-to localhost:3000/webhook`,
);
add('Stripe restricted key', stripe('rk' + '_live'), (s) => `STRIPE_RESTRICTED=${s} node scripts/sync.js`);
add('Stripe publishable key', stripe('pk' + '_live'), (s) => `<script>Stripe("${s}")</script>`);
add('Stripe webhook secret', whsec, (s) => `> Ready! Your webhook signing secret is ${s} (^C to quit)`);
add('OpenAI project key in Python', openaiProject, (s) => `client = OpenAI(api_key="${s}")`);
add(
  'OpenAI legacy key in error',
  openaiLegacy,
  (s) => `openai.AuthenticationError: Error code: 401 - Incorrect API key provided: ${s}.`,
);
add('Anthropic key export', anthropic(), (s) => `export ANTHROPIC_API_KEY=${s}\nclaude --version`);
add(
  'Anthropic key in stack trace',
  anthropic(),
  (s) =>
    `AuthenticationError: 401 invalid x-api-key\n    at APIError.generate (/app/node_modules/@anthropic-ai/sdk/error.js:61:20)\n    at Anthropic.makeStatusError (/app/node_modules/@anthropic-ai/sdk/core.js:263:25)\n  request: { method: 'POST', key: ${s} }\n`,
);
add(
  'Google API key in query string',
  googleKey(),
  (s) => `curl "https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=${s}"`,
);
add(
  'Google API key in Firebase config',
  googleKey(),
  (s) => `const firebaseConfig = { apiKey: "${s}", authDomain: "fake-app.firebaseapp.com" };`,
);
add(
  'Google OAuth access token',
  'ya' + '29.' + 'FAKE' + chars(60, ALNUM + '_-'),
  (s) => `gcloud auth print-access-token\n${s}\n`,
);
add('JWT in an error message', jwt('fake-user-2'), (s) => `TokenExpiredError: jwt expired (token ${s})`);

// Private keys
add(
  'RSA private key from cat',
  rsaLines[2] ?? '',
  () => `$ cat ~/.ssh/id_rsa\n${rsaPem}\n$ ls ~/.ssh\n`,
  `$ cat ~/.ssh/id_rsa\n-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n-----END RSA PRIVATE KEY-----\n$ ls ~/.ssh\n`,
);
add(
  'OpenSSH private key',
  opensshLines[0] ?? '',
  () => `${opensshPem}\n`,
  `-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED]\n-----END OPENSSH PRIVATE KEY-----\n`,
);
add(
  'PKCS8 key in service-account JSON',
  pkcs8Lines[3] ?? '',
  () =>
    `{"type":"service_account","project_id":"fake-proj","private_key":"${pkcs8Escaped}","client_email":"ci@fake-proj.iam.gserviceaccount.com"}`,
  `{"type":"service_account","project_id":"fake-proj","private_key":"[REDACTED]","client_email":"ci@fake-proj.iam.gserviceaccount.com"}`,
);
add(
  'truncated EC private key',
  ecLines[1] ?? '',
  () => `$ head -3 key.pem\n-----BEGIN EC PRIVATE KEY-----\n${ecLines.join('\n')}`,
  `$ head -3 key.pem\n-----BEGIN EC PRIVATE KEY-----\n[REDACTED]`,
);
add(
  'PGP private key block',
  pgpLines[1] ?? '',
  () => `gpg --export-secret-keys --armor fake@example.com\n${pgpBlock}\n`,
  `gpg --export-secret-keys --armor fake@example.com\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n[REDACTED]\n-----END PGP PRIVATE KEY BLOCK-----\n`,
);

// No name, no vendor prefix: judged by shape (issue 15 §7)
add(
  'bare cloud secret key in a failing test',
  awsSecret(),
  (s) => `  ● s3 › signs requests\n\n    Expected: "${s}"\n    Received: undefined\n`,
);
add(
  'Basic credentials outside a header',
  b64('deploy:FAKE' + chars(14)),
  (s) => `the proxy wants "Basic ${s}" until SSO lands`,
);
add('token in a file name', slack('b'), (s) => `created src/token-${s}.js`);

export const SECRET_CORPUS: SecretCase[] = cases;

/**
 * For the few cases where the redacted span is wider than `secret` (whole PEM bodies, a whole
 * Set-Cookie value), the exact expected output of `redact(text)`, keyed by case name.
 * For every other case the expectation is `text` with `secret` replaced by `[REDACTED]`.
 */
export const SECRET_CORPUS_EXPECTED: Readonly<Record<string, string>> = expected;
