/**
 * FNV-1a 64 over UTF-16 code units, as 16 hex digits. Not cryptographic: it detects change (and
 * node's crypto module would cost a hook about 2 ms just to load). The 64-bit product by the FNV
 * prime 2^40 + 0x1b3 is done on two 32-bit halves, so no BigInt is needed.
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const low = lo * 0x1b3; // < 2^41: exact in a double
    hi = (Math.imul(hi, 0x1b3) + Math.floor(low / 0x100000000) + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
