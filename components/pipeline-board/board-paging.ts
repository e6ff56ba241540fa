import { msg, str } from '@lit/localize';
import { referralPages, type CrmAdapter } from '../../src/adapters/adapter.js';
import { PartnerSchema } from '../../src/domain/partner.js';
import { bulkReferralSchema } from '../../src/domain/bulk-referral.js';
import type { Referral, ReferralFilter } from '../../src/domain/referral.js';
import { referralFilterPredicate } from '../../src/domain/referral-filter.js';
import type { CrmError } from '../../src/errors.js';
import { errorMessage } from '../base/messages.js';
import { parseAll } from './board-model.js';
import type { BoardStore } from './board-store.js';

/** A message above the board: a failed or partial load, a failed or conflicting move. */
export interface BoardMessage {
  kind: 'error' | 'info';
  text: string;
}

/** The board's filters, as its attributes give them. */
export interface BoardFilterValues {
  partnerId: string | undefined;
  sellerId: string | undefined;
  market: string | undefined;
  from: string | undefined;
  to: string | undefined;
  q: string | undefined;
}

/** What loading needs from the board. */
export interface PipelineLoadHost {
  readonly store: BoardStore;
  readonly updateComplete: Promise<boolean>;
  /** Once the columns have laid out their first cards (bounded by a few frames). */
  virtualizersSettled(): Promise<void>;
  showMessage(message: BoardMessage | undefined): void;
  /** Fires `cosell-error`; returns the CrmError. */
  reportError(error: unknown): CrmError;
}

export interface PipelineLoadArgs {
  adapter: CrmAdapter | undefined;
  filters: BoardFilterValues;
  pageSize: number;
  referrals: readonly unknown[] | undefined;
  partners: readonly unknown[] | undefined;
}

/** Resolves once the browser has had a chance to paint. */
export const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function referralFilter(filters: BoardFilterValues): ReferralFilter {
  const { partnerId, sellerId, market, from, to, q } = filters;
  return {
    ...(partnerId ? { partnerId } : {}),
    ...(sellerId ? { sellerId } : {}),
    ...(market ? { market } : {}),
    ...(from ? { submittedFrom: from } : {}),
    ...(to ? { submittedTo: to } : {}),
    ...(q?.trim() ? { q: q.trim() } : {}),
  };
}

/**
 * One run of the board's load: the referrals of the current filters, page by page, onto the store.
 * Answers the number of referrals received, or undefined when there is nothing to load from (no
 * adapter). Throws when nothing arrived (the board's load controller shows the error state and fires
 * `cosell-error`); a failure after the first page keeps what arrived, says so in the message and
 * fires `cosell-error` itself.
 */
export async function loadPipeline(host: PipelineLoadHost, args: PipelineLoadArgs, signal: AbortSignal): Promise<number | undefined> {
  const { store } = host;
  const { adapter, filters, pageSize } = args;
  store.startRun();
  if (args.partners) store.setPartners(parseAll(args.partners, PartnerSchema).valid);
  if (args.referrals) return showGiven(host, args.referrals, filters);
  if (!adapter) return undefined;
  const pending: Referral[] = [];
  let received = 0;
  let lastCommit = 0;
  // Whether the referrals received since the last batch go on the board now: once there are as many
  // as the board already shows (so the batches double, and 100,000 cards take some 15 renders, not
  // 200), at most 10,000 at a time (one task stays short), or after 100 ms (a slow CRM still shows
  // its pages as they come).
  const batchDue = () => pending.length >= Math.min(Math.max(store.size, pageSize), 10_000) || performance.now() - lastCommit >= 100;
  try {
    // Partners (names, acceptance windows) and the first page of referrals are asked for together.
    const pages = referralPages(adapter, { ...referralFilter(filters), pageSize }, { signal });
    // Partners are kept as soon as they arrive, even when the referrals fail (the filters stay useful).
    const partnersLoad =
      !args.partners && store.partnersFor !== adapter
        ? adapter.listPartners({}, { signal }).then((partners) => {
            if (!signal.aborted) store.setPartners(partners, adapter);
          })
        : undefined;
    const [, firstResult] = await Promise.all([partnersLoad, pages.next()]);
    let first = true;
    for (let result = firstResult; !result.done; result = await pages.next()) {
      const page = result.value;
      const last = !page.nextCursor;
      // Later pages are put on the board in batches: each batch re-renders the columns and lays
      // them out once, instead of once per page of 500.
      if (first) store.addPage(page.referrals, true);
      else pending.push(...page.referrals);
      received += page.referrals.length;
      if (page.skipped?.length) {
        host.showMessage({
          kind: 'info',
          text: `${page.skipped.length} referrals from the CRM could not be read and are not shown.`,
        });
      }
      if (!first && (last || batchDue())) {
        store.addPage(pending.splice(0), false);
        lastCommit = performance.now();
      }
      if (last) break;
      await host.updateComplete;
      if (first) {
        // Let the browser paint the first page, until the columns have laid out, before the next page.
        await nextFrame();
        await host.virtualizersSettled();
        lastCommit = performance.now();
      } else {
        // Later pages: give the browser a turn (input, and a frame when one is due), without waiting for a frame.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      first = false;
    }
    if (!store.received) store.addPage([], true);
  } catch (error) {
    if (signal.aborted || !store.received) throw error;
    // What arrived before the failure is shown.
    if (pending.length) store.addPage(pending.splice(0), false);
    const crmError = host.reportError(error);
    host.showMessage({
      kind: 'error',
      text: msg(str`Only part of the pipeline loaded. ${errorMessage(crmError)}`, { id: 'board.partial-load' }),
    });
  }
  store.finishRun();
  return received;
}

/** Referrals given as data: checked with the schema, filtered here as the adapter would. */
function showGiven(host: PipelineLoadHost, given: readonly unknown[], filters: BoardFilterValues): number {
  const { store } = host;
  // The compiled schema: the same rules, several times faster over thousands of records.
  const { valid, invalid } = parseAll(given, bulkReferralSchema());
  const { partnerId, sellerId, market, from, to, q } = filters;
  const filter: ReferralFilter = {
    ...(partnerId ? { partnerId } : {}),
    ...(sellerId ? { sellerId } : {}),
    ...(market ? { market: market.toUpperCase() } : {}),
    ...(from ? { submittedFrom: from } : {}),
    ...(to ? { submittedTo: to } : {}),
    ...(q ? { q } : {}),
  };
  // Throws on a filter the domain rejects (a bad date): the load fails.
  const keep = referralFilterPredicate(filter, (id) => store.partnersById.get(id)?.name);
  const shown = valid.filter(keep);
  store.addPage(shown, true);
  store.finishRun();
  host.showMessage(
    invalid
      ? {
          kind: 'info',
          text: `${invalid} referrals could not be read and are not shown.`,
        }
      : undefined,
  );
  return shown.length;
}
