import { z } from '../../domain/zod.js';
import { ReferralFilterSchema, type Referral, type ReferralFilter } from '../../domain/referral.js';
import { referralTextKey, referralTextQuery, submittedRange } from '../../domain/referral-filter.js';
import { CrmError, parseRecord } from '../../errors.js';
import type { ReferralPageRequest } from '../adapter.js';
import { lowerBound, readReferral, type OrderKey, type State } from './store.js';

/**
 * MemoryAdapter's paging: which referrals match a filter (the domain's rule, over the newest-first
 * index) and which page of them a cursor asks for. A cursor is the order key of a page's last
 * referral, so a page starts right after it even when referrals were added in between.
 */

const DEFAULT_PAGE_SIZE = 200;
const MAX_PAGE_SIZE = 5000;

const PageSizeSchema = z.optional(z.number().check(z.int('Page size is a whole number'), z.gte(1, 'Page size is at least 1')));
const CursorSchema = z.object({ t: z.number(), id: z.string() });

function encodeCursor(key: OrderKey): string {
  return btoa(encodeURIComponent(JSON.stringify(key)));
}

function decodeCursor(cursor: string): OrderKey {
  try {
    return CursorSchema.parse(JSON.parse(decodeURIComponent(atob(cursor))));
  } catch {
    throw new CrmError('validation', 'The page cursor is not one this adapter gave out', {
      fieldErrors: { cursor: ['Unknown cursor'] },
    });
  }
}

/** A page of order keys: the referrals to hand out, the cursor of the next page, the total. */
export interface KeyPage {
  keys: OrderKey[];
  nextCursor?: string;
  total: number;
}

/**
 * Filters and pages the referrals of a store. The last answer is kept until the store's revision
 * changes, so paging through 10,000 referrals scans them once, not once per page.
 */
export class ReferralPaging {
  private readonly searchKeys = new WeakMap<Referral, string>();
  private lastMatch: { key: string; revision: number; matches: OrderKey[] } | undefined;

  constructor(private readonly state: () => State) {}

  /** The page `request` asks for; its filter and page size are parsed (a bad one is a validation CrmError). */
  page(request: ReferralPageRequest, revision: number): KeyPage {
    const { cursor, pageSize, ...rest } = request;
    const filter = parseRecord(ReferralFilterSchema, rest, { record: 'Referral filter', source: 'input' });
    const size = Math.min(
      parseRecord(PageSizeSchema, pageSize, { record: 'Page size', source: 'input' }) ?? DEFAULT_PAGE_SIZE,
      MAX_PAGE_SIZE,
    );
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const matches = this.matching(filter, revision);
    let start = after === undefined ? 0 : lowerBound(matches, after);
    const at = matches[start];
    if (after && at && at.t === after.t && at.id === after.id) start++;
    const keys = matches.slice(start, start + size);
    const last = keys[keys.length - 1];
    return start + size < matches.length && last
      ? { keys, nextCursor: encodeCursor(last), total: matches.length }
      : { keys, total: matches.length };
  }

  /** Keys of the referrals matching a filter, newest first. */
  private matching(filter: ReferralFilter, revision: number): OrderKey[] {
    const cacheKey = JSON.stringify(filter);
    if (this.lastMatch?.key === cacheKey && this.lastMatch.revision === revision) return this.lastMatch.matches;
    const state = this.state();
    // The domain's rule (src/domain/referral-filter.ts); the newest-first index lets the scan stop early.
    const { fromMs: from, toMs: to } = submittedRange(filter);
    const stages = filter.stages && new Set(filter.stages);
    const q = referralTextQuery(filter.q);
    const matches: OrderKey[] = [];
    const readsRecords =
      filter.partnerId !== undefined || filter.sellerId !== undefined || stages !== undefined || filter.market !== undefined || q !== undefined;
    for (const key of state.order) {
      if (from !== undefined && key.t < from) break;
      if (to !== undefined && key.t > to) continue;
      if (!readsRecords) {
        matches.push(key);
        continue;
      }
      // Checked on its first read: a bad seed referral is an error here, never silently left out.
      const referral = readReferral(state, key.id)!;
      if (filter.partnerId !== undefined && referral.partnerId !== filter.partnerId) continue;
      if (filter.sellerId !== undefined && referral.seller.id !== filter.sellerId) continue;
      if (stages && !stages.has(referral.stage)) continue;
      if (filter.market !== undefined && referral.prospect.country !== filter.market) continue;
      if (q !== undefined && !this.searchKey(state, referral).includes(q)) continue;
      matches.push(key);
    }
    this.lastMatch = { key: cacheKey, revision, matches };
    return matches;
  }

  private searchKey(state: State, referral: Referral): string {
    let key = this.searchKeys.get(referral);
    if (key === undefined) {
      key = referralTextKey(referral, state.partners.get(referral.partnerId)?.name);
      this.searchKeys.set(referral, key);
    }
    return key;
  }
}
