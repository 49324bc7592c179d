/**
 * Pass 6: well-known token shapes that need no key name (cloud access keys, GitHub, GitLab,
 * Slack, npm, Stripe, OpenAI and Anthropic tokens, JWTs …).
 */

import { REDACTED, WORD_START } from './spans.ts';

/* ------------------------------------------------------------------------------------------ */
/* 6. Well-known token shapes (no key name needed)                                            */
/* ------------------------------------------------------------------------------------------ */

const TOKEN_SHAPES = [
  String.raw`(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`, // AWS access key id
  String.raw`gh[pousr]_[A-Za-z0-9]{36,}`, // GitHub classic / OAuth / user-to-server / server / refresh
  String.raw`github_pat_[A-Za-z0-9_]{40,}`, // GitHub fine-grained PAT
  String.raw`gl(?:pat|ptt|dt|rt|cbt|oas|soat|ffct|imt|agent)-[A-Za-z0-9_-]{20,}`, // GitLab
  String.raw`xox[abposre]-[A-Za-z0-9-]{10,}`, // Slack bot/user/app/legacy tokens
  String.raw`xapp-\d-[A-Za-z0-9-]{10,}`, // Slack app-level token
  String.raw`npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])`, // npm
  String.raw`(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}`, // Stripe
  String.raw`whsec_[A-Za-z0-9+/=]{20,}`, // Stripe webhook signing secret
  String.raw`sk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}`, // Anthropic / OpenAI (checked below)
  String.raw`AIza[0-9A-Za-z_-]{35}`, // Google API key
  String.raw`GOCSPX-[A-Za-z0-9_-]{20,}`, // Google OAuth client secret
  String.raw`ya29\.[0-9A-Za-z_-]{20,}`, // Google OAuth access token
  String.raw`eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*`, // JWT
  String.raw`hf_[A-Za-z0-9]{30,}`, // Hugging Face
  String.raw`pypi-AgE[A-Za-z0-9_-]{50,}`, // PyPI
  String.raw`SG\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,}`, // SendGrid
  String.raw`dop_v1_[a-f0-9]{64}`, // DigitalOcean
  String.raw`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`, // Shopify
];
const TOKEN_SHAPE_RE = new RegExp(WORD_START + '(?:' + TOKEN_SHAPES.join('|') + ')', 'g');

/** `sk-` is also a plain kebab-case prefix; real keys are mixed case with digits. */
function plausibleSkKey(token: string): boolean {
  if (
    token.startsWith('sk-ant-') ||
    token.startsWith('sk-proj-') ||
    token.startsWith('sk-svcacct-') ||
    token.startsWith('sk-admin-')
  ) {
    return true;
  }
  return /\d/.test(token) && /[A-Z]/.test(token) && /[a-z]/.test(token.slice(3));
}

export function redactTokenShapes(text: string): string {
  return text.replace(TOKEN_SHAPE_RE, (m) => (m.startsWith('sk-') && !plausibleSkKey(m) ? m : REDACTED));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */
