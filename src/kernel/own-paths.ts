/** csm's own files under `.claude/` (repo-relative, `/`-separated): never counted as work. */
const CSM_OWN = new RegExp(
  [
    String.raw`^\.claude\/(sessions|memory|workflows|agents|\.csm)\/|^\.claude\/(csm\.json`,
    String.raw`metrics-history\.jsonl|\.gitignore|\.gitattributes|biome\.json)$`,
  ].join('|'),
);

/** csm's own files are not work. */
export const isCsmOwnPath = (rel: string): boolean => CSM_OWN.test(rel);
