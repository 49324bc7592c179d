/**
 * Inputs built to make a redaction pattern backtrack: 1 MB each. The unit suite checks each is
 * redacted whole; `npm run bench` times the slowest (speed goals live there, not in tests).
 */
export const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
let seed = 7;
const noise = (alphabet: string): string => {
  const out: string[] = [];
  for (let i = 0; i < MB; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    out.push(alphabet[(seed >>> 0) % alphabet.length] ?? 'a');
  }
  return out.join('');
};

export const ADVERSARIAL: [string, () => string][] = [
  ['one long word', () => fill('a')],
  ['repeated token=', () => fill('token=')],
  ['chained a=b=c', () => fill('a=b=')],
  ['repeated --password', () => fill('--password ')],
  ['repeated -e (non-secret flag)', () => fill('-e ')],
  ['unterminated JSON value of backslashes', () => '"password": "' + fill('\\')],
  ['escaped quotes', () => '"password": ' + fill('\\"')],
  ['unterminated double quotes', () => fill('token="')],
  ['unterminated single quotes', () => fill("token='")],
  ['unterminated ${', () => 'TOKEN=' + fill('${')],
  ['closing brackets', () => 'token=a' + fill('}')],
  ['PEM BEGIN without END', () => fill('-----BEGIN RSA PRIVATE KEY-----\n')],
  ['PEM BEGIN/END soup', () => fill('-----BEGIN PRIVATE KEY-----x\n-----END PRIVATE KEY')],
  ['URL user: with endless password', () => 'https://u:' + fill('p')],
  ['repeated scheme://a:a', () => fill('a://a:a')],
  ['repeated Authorization headers', () => fill('Authorization: Bearer ')],
  ['eyJ without dots', () => 'eyJ' + fill('a')],
  ['eyJ with dots', () => fill('eyJaaaaa.eyJ')],
  ['repeated mysql without -p', () => fill('mysql -u root ')],
  ['repeated login', () => fill('login x ')],
  ['repeated config set', () => fill('config set ')],
  ['sk- kebab', () => 'sk-' + fill('a-')],
  ['repeated -u a:', () => fill('-u a:')],
  ['JSON-escaped newlines before names', () => fill('\\npassword=')],
  ['noise of separators and quotes', () => noise('ab=:"\'\\- \n{}[]$@/')],
  ['noise of everything', () => noise('abcXYZ019=:"\'\\-_ \t\n{}[]()$@/.,;&|<>`')],
];
