/** csm's own files under `.claude/` (repo-relative, `/`-separated): never counted as work. */
const CSM_OWN = /^\.claude\/(sessions|memory|workflows|agents|\.csm)\/|^\.claude\/(csm\.json|metrics-history\.jsonl|\.gitignore|\.gitattributes|biome\.json)$/;

/** csm's own files are not work. */
export const isCsmOwnPath = (rel: string): boolean => CSM_OWN.test(rel);
