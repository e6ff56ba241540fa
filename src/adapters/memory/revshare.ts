import { z } from '../../domain/zod.js';
import type { Partner } from '../../domain/partner.js';
import { PeriodSchema } from '../../domain/period.js';
import type { RevshareAgreement, RevshareStatement } from '../../domain/revshare.js';
import { can, type User } from '../../domain/user.js';
import { CrmError, parseRecord } from '../../errors.js';
import type { PartnerFilter, StatementQuery } from '../adapter.js';
import { copy, type State } from './store.js';

/**
 * MemoryAdapter's partner and revenue-share reads: which partners a filter keeps, who manages which
 * partner, and the agreements and statements a user may see. Pure over the store; the adapter
 * awaits, checks the partner exists and hands out what these return.
 */

const StatementQuerySchema = z
  .object({ partnerId: z.optional(z.string().check(z.minLength(1))), from: PeriodSchema, to: PeriodSchema })
  .check(z.refine((q) => q.from <= q.to, { message: 'The period range ends before it starts', path: ['to'] }));

/** The partners `filter` keeps (market, integration status, use case), in the store's order. */
export function filterPartners(state: State, filter: PartnerFilter): Partner[] {
  const market = filter.market?.toUpperCase();
  const statuses = filter.integrationStatus && new Set(filter.integrationStatus);
  const useCase = filter.useCase?.toLowerCase();
  return [...state.partners.values()].filter(
    (p) =>
      (market === undefined || p.markets.includes(market)) &&
      (!statuses || statuses.has(p.integration.status)) &&
      (useCase === undefined || p.useCases.some((u) => u.toLowerCase() === useCase)),
  );
}

/** Partner managers with a list of partners see only those; everyone else sees all. */
export function managesPartner(user: User, partnerId: string): boolean {
  return user.role !== 'partner-manager' || user.partnerIds.length === 0 || user.partnerIds.includes(partnerId);
}

function checkRevshare(user: User, partnerId: string | undefined): void {
  if (!can.viewRevshare(user) || (partnerId !== undefined && !managesPartner(user, partnerId))) {
    throw new CrmError('permission', `${user.name} may not see revenue share${partnerId ? ` for ${partnerId}` : ''}`);
  }
}

/** The agreements `user` may see, of one partner or all; `partner` throws for an unknown id. */
export function agreementsFor(state: State, user: User, partnerId: string | undefined, partner: (id: string) => Partner): RevshareAgreement[] {
  checkRevshare(user, partnerId);
  if (partnerId !== undefined) partner(partnerId);
  return copy(state.agreements).filter(
    (a) => (partnerId === undefined || a.partnerId === partnerId) && managesPartner(user, a.partnerId),
  );
}

/** The statements `query` asks for that `user` may see, by partner then period; `partner` throws for an unknown id. */
export function statementsFor(state: State, user: User, query: StatementQuery, partner: (id: string) => Partner): RevshareStatement[] {
  const q = parseRecord(StatementQuerySchema, query, { record: 'Statement query', source: 'input' });
  checkRevshare(user, q.partnerId);
  if (q.partnerId !== undefined) partner(q.partnerId);
  return state.statements
    .filter(
      (s) =>
        (q.partnerId === undefined || s.partnerId === q.partnerId) &&
        s.period >= q.from &&
        s.period <= q.to &&
        managesPartner(user, s.partnerId),
    )
    .sort((a, b) => a.partnerId.localeCompare(b.partnerId) || a.period.localeCompare(b.period))
    .map((statement) => copy(statement));
}
