import type { Partner } from './partner.js';

/**
 * Partner search, the one ranking every adapter uses (MemoryAdapter, HostAdapter without a host
 * search, SalesforceAdapter, the gateway): case- and accent-insensitive, best first:
 * 0 the name is the query, 1 the name starts with it, 2 a word of the name starts with it, 3 the
 * name contains it, 4 the integration's name contains it, 5 a use case contains it; otherwise no
 * match. Ties by name (then id), so the order is total. An empty query matches every partner (rank 0).
 */
export type PartnerSearchFields = Pick<Partner, 'id' | 'name' | 'useCases'> & { integration: Pick<Partner['integration'], 'name'> };

/** Lower case without diacritics: "Zürich" and "ZURICH" both read "zurich". */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The rank of a partner for `query` (lower is better), or -1 when it does not match. */
export function partnerSearchRank(partner: PartnerSearchFields, query: string): number {
  const q = searchKey(query.trim());
  if (!q) return 0;
  const name = searchKey(partner.name);
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (name.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(q))) return 2;
  if (name.includes(q)) return 3;
  if (searchKey(partner.integration.name).includes(q)) return 4;
  if (partner.useCases.some((u) => searchKey(u).includes(q))) return 5;
  return -1;
}

/** The partners that match `query`, best first. */
export function rankPartners<P extends PartnerSearchFields>(partners: readonly P[], query: string): P[] {
  return partners
    .map((partner) => ({ partner, rank: partnerSearchRank(partner, query) }))
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.partner.name.localeCompare(b.partner.name) || (a.partner.id < b.partner.id ? -1 : a.partner.id > b.partner.id ? 1 : 0))
    .map((x) => x.partner);
}
