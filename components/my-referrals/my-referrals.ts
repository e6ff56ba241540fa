import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { LOCALE_STATUS_EVENT, msg, str } from '@lit/localize';
import type { ReferralPage } from '../../src/adapters/adapter.js';
import type { Partner } from '../../src/domain/partner.js';
import type { Referral } from '../../src/domain/referral.js';
import type { Clock } from '../../src/domain/clock.js';
import { CLOSED_STAGES, OPEN_STAGES, type Stage } from '../../src/domain/stages.js';
import { acceptanceStatus, daysSince } from '../../src/domain/ageing.js';
import { quotaCredit } from '../../src/domain/quota.js';
import { formatDate, formatMoney } from '../../src/format.js';
import { CosellElement } from '../base/cosell-element.js';
import { CrmLoad } from '../base/crm-load.js';
import { LiveChanges } from '../base/live-changes.js';
import { renderEmpty } from '../base/states.js';
import { can } from '../../src/domain/user.js';
import { plural, stageLabel } from '../base/messages.js';
import { tokens } from '../base/tokens.js';
import { WaitingReferrals, waitingReferralStyles } from './waiting-referrals.js';
import { myReferralsStyles } from './my-referrals.styles.js';

export const REFERRAL_FILTERS = ['all', 'open', 'closed'] as const;
export type ReferralStatusFilter = (typeof REFERRAL_FILTERS)[number];
function filterLabel(filter: ReferralStatusFilter): string {
  if (filter === 'open') return msg('Open', { id: 'my-referrals.filter.open' });
  if (filter === 'closed') return msg('Closed', { id: 'my-referrals.filter.closed' });
  return msg('All', { id: 'my-referrals.filter.all' });
}

/** The acceptance column's words for a referral in Submitted (the rule itself is `acceptanceStatus`). */
export function acceptanceCountdown(
  referral: Referral,
  partner: Pick<Partner, 'acceptanceWindowDays'> | undefined,
  now: Date,
): { text: string; overdue: boolean } | undefined {
  const status = acceptanceStatus(referral, partner, now);
  if (!status) return undefined;
  const left = status.businessDaysLeft;
  if (status.state === 'expired') return { text: msg('Expired: the partner never answered', { id: 'acceptance.expired' }), overdue: true };
  if (left < 0) {
    const days = -left;
    return {
      text: plural(days, {
        zero: () => msg(str`Overdue by ${days} business days`, { id: 'acceptance.overdue.zero' }),
        one: () => msg(str`Overdue by ${days} business day`, { id: 'acceptance.overdue.one' }),
        two: () => msg(str`Overdue by ${days} business days`, { id: 'acceptance.overdue.two' }),
        few: () => msg(str`Overdue by ${days} business days`, { id: 'acceptance.overdue.few' }),
        many: () => msg(str`Overdue by ${days} business days`, { id: 'acceptance.overdue.many' }),
        other: () => msg(str`Overdue by ${days} business days`, { id: 'acceptance.overdue.other' }),
      }),
      overdue: true,
    };
  }
  if (left === 0) return { text: msg('Due today', { id: 'acceptance.due-today' }), overdue: false };
  return {
    text: plural(left, {
      zero: () => msg(str`${left} business days left`, { id: 'acceptance.left.zero' }),
      one: () => msg(str`${left} business day left`, { id: 'acceptance.left.one' }),
      two: () => msg(str`${left} business days left`, { id: 'acceptance.left.two' }),
      few: () => msg(str`${left} business days left`, { id: 'acceptance.left.few' }),
      many: () => msg(str`${left} business days left`, { id: 'acceptance.left.many' }),
      other: () => msg(str`${left} business days left`, { id: 'acceptance.left.other' }),
    }),
    overdue: false,
  };
}

interface Loaded {
  /** The first page. */
  referrals: Referral[];
  nextCursor: string | undefined;
  partners: Map<string, Partner>;
  sellerId: string;
}

/** The stages a filter shows; undefined for all. */
function stagesShown(filter: (typeof REFERRAL_FILTERS)[number]): Stage[] | undefined {
  return filter === 'open' ? [...OPEN_STAGES] : filter === 'closed' ? [...CLOSED_STAGES] : undefined;
}

/**
 * @tagname cosell-my-referrals
 * @summary The current seller's referrals, newest first: prospect, partner, stage, days in stage, the
 * partner's acceptance countdown, and the quota credit each one earns.
 *
 * @slot empty - Shown under the empty-state message (e.g. a link to find a partner).
 *
 * @fires cosell-error - Loading failed; detail: the CrmError.
 *
 * @csspart table - The table of referrals.
 * @csspart filter - The open / closed filter.
 * @csspart overdue - An overdue acceptance countdown.
 * @csspart load-more - The "Show more" button.
 * @csspart state - Loading, empty, error and no-permission states.
 * @csspart retry - The retry button of the error state.
 * @csspart waiting - The referrals kept offline by the provider's outbox, waiting to send.
 * @csspart cancel-waiting - The Cancel button of a waiting referral.
 *
 * @cssproperty --cosell-color-warning - Colour of overdue countdowns.
 */
export class CosellMyReferrals extends CosellElement {
  static override styles = [tokens, waitingReferralStyles, myReferralsStyles];

  /** Which referrals to show: `all` (default), `open` or `closed`. */
  @property({ reflect: true }) filter: ReferralStatusFilter = 'all';
  /** Show this seller's referrals instead of the signed-in user's. */
  @property({ attribute: 'seller-id' }) sellerId = '';
  /** Referrals per page (the adapter may cap it). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** The pages "Show more" added after the first, each kept as it came: rendering one costs one page. */
  @state() private morePages: Referral[][] = [];
  @state() private cursor: string | undefined;
  @state() private loadingMore = false;
  @state() private revision = 0;

  private readonly referrals = new CrmLoad(this, {
    loadingLabel: () => msg('Loading your referrals…', { id: 'my-referrals.loading' }),
    task: async ([adapter, sellerId, filter, pageSize], { signal }): Promise<Loaded | undefined> => {
      if (!adapter) return undefined;
      // The user is not an argument: it arrives from the provider a moment later and would load twice.
      const seller = sellerId || this.user?.id || (await adapter.getCurrentUser({ signal })).id;
      const stages = stagesShown(filter);
      const [page, partners] = await Promise.all([
        adapter.listReferrals({ sellerId: seller, ...(stages ? { stages } : {}), pageSize }, { signal }),
        adapter.listPartners({}, { signal }),
      ]);
      this.morePages = [];
      this.cursor = page.nextCursor;
      return { referrals: page.referrals, nextCursor: page.nextCursor, partners: new Map(partners.map((p) => [p.id, p])), sellerId: seller };
    },
    args: () => [this.adapter, this.sellerId, this.filter, this.pageSize, this.revision] as const,
  });

  // A referral saved by a widget under the same provider, or a change the CRM reports, reloads the list.
  private readonly live = new LiveChanges(this, () => this.reload());
  // Referrals kept offline by the provider's outbox, above the table (which cannot load offline).
  private readonly waiting = new WaitingReferrals(this);

  /** Counts the language (or message override) changes: a page's rows render again after one. */
  private messagesRevision = 0;
  private readonly onLocaleStatus = (event: Event): void => {
    if ((event as CustomEvent<{ status: string }>).detail.status === 'ready') this.messagesRevision++;
  };
  /** "Now" for the rows of one load under one clock, so every page of a list is aged the same. */
  private rowsNow: { loaded: Loaded; clock: Clock; now: Date } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(LOCALE_STATUS_EVENT, this.onLocaleStatus);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(LOCALE_STATUS_EVENT, this.onLocaleStatus);
  }

  /** Load the list again. */
  reload(): void {
    this.revision++;
  }

  private async loadMore(loaded: Loaded): Promise<void> {
    const adapter = this.adapter;
    if (!adapter || !this.cursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const stages = stagesShown(this.filter);
      const page: ReferralPage = await adapter.listReferrals({ sellerId: loaded.sellerId, ...(stages ? { stages } : {}), pageSize: this.pageSize, cursor: this.cursor });
      this.morePages = [...this.morePages, page.referrals];
      this.cursor = page.nextCursor;
    } catch (error) {
      this.reportError(error);
    } finally {
      this.loadingMore = false;
    }
  }

  protected override render() {
    return html`<div class="toolbar">
        <h3 id="heading">${msg('My referrals', { id: 'my-referrals.heading' })}</h3>
        <fieldset part="filter">
          <legend>${msg('Show', { id: 'my-referrals.filter.legend' })}</legend>
          ${REFERRAL_FILTERS.map(
            (f) =>
              html`<label
                ><input
                  type="radio"
                  name="filter"
                  value=${f}
                  .checked=${this.filter === f}
                  @change=${() => {
                    this.filter = f;
                  }}
                />
                ${filterLabel(f)}</label
              >`,
          )}
        </fieldset>
      </div>
      ${this.waiting.render(this.localeSettings.locale)}
      ${this.referrals.render({ complete: (loaded) => this.renderTable(loaded), keepWhileReloading: true })}`;
  }

  private nowFor(loaded: Loaded): Date {
    if (this.rowsNow?.loaded !== loaded || this.rowsNow.clock !== this.clock) this.rowsNow = { loaded, clock: this.clock, now: this.clock() };
    return this.rowsNow.now;
  }

  private renderTable(loaded: Loaded): TemplateResult {
    const pages = [loaded.referrals, ...this.morePages];
    if (pages.every((page) => page.length === 0)) {
      // Someone who may not submit referrals (finance) is not invited to refer: the form beside says why.
      if (this.filter === 'all' && this.user && !can.submitReferral(this.user)) return renderEmpty(msg('You have no referrals.', { id: 'my-referrals.empty.no-submit' }));
      return this.filter === 'all'
        ? html`${renderEmpty(
            msg('You have not referred a customer yet. Find a partner that serves your prospect and refer them: you earn quota credit when the partner closes the deal.', {
              id: 'my-referrals.empty',
            }),
            html`<slot name="empty"></slot>`,
          )}`
        : renderEmpty(this.filter === 'open' ? msg('You have no open referrals.', { id: 'my-referrals.empty.open' }) : msg('You have no closed referrals yet.', { id: 'my-referrals.empty.closed' }));
    }
    const locale = this.localeSettings.locale;
    const now = this.nowFor(loaded);
    const revision = this.messagesRevision;
    return html`<div class="scroller" role="region" aria-labelledby="heading" tabindex="0">
        <table part="table" aria-labelledby="heading">
          <colgroup>
            <col class="prospect" /><col class="partner" /><col class="stage" /><col class="days" /><col class="acceptance" /><col class="credit" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">${msg('Prospect', { id: 'my-referrals.col.prospect' })}</th>
              <th scope="col">${msg('Partner', { id: 'my-referrals.col.partner' })}</th>
              <th scope="col">${msg('Stage', { id: 'my-referrals.col.stage' })}</th>
              <th scope="col" class="num">${msg('Days in stage', { id: 'my-referrals.col.days' })}</th>
              <th scope="col">${msg('Partner acceptance', { id: 'my-referrals.col.acceptance' })}</th>
              <th scope="col" class="num">${msg('Quota credit', { id: 'my-referrals.col.credit' })}</th>
            </tr>
          </thead>
          <tbody>
            ${pages.map((page) => guard([page, loaded, now, locale, revision], () => page.map((r) => this.renderRow(r, loaded.partners.get(r.partnerId), now, locale))))}
          </tbody>
        </table>
      </div>
      ${this.cursor
        ? html`<button type="button" class="more" part="load-more" ?disabled=${this.loadingMore} @click=${() => void this.loadMore(loaded)}>
            ${this.loadingMore ? msg('Loading…', { id: 'my-referrals.loading-more' }) : msg('Show more', { id: 'my-referrals.show-more' })}
          </button>`
        : nothing}`;
  }

  /** One referral's row: every row of the list is drawn here. */
  private renderRow(r: Referral, partner: Partner | undefined, now: Date, locale: string): TemplateResult {
    const countdown = acceptanceCountdown(r, partner, now);
    const credit = quotaCredit(r);
    const days = daysSince(r.stageChangedAt, now);
    return html`<tr data-referral-id=${r.id} data-stage=${r.stage}>
      <th scope="row">
        ${r.prospect.company}
        <div class="weak">${msg(str`Submitted ${formatDate(r.submittedAt, locale)}`, { id: 'my-referrals.submitted-on' })}</div>
      </th>
      <td>${partner?.name ?? r.partnerId}</td>
      <td class="stage">${stageLabel(r.stage)}</td>
      <td class="num">${days}</td>
      <td>
        ${countdown
          ? html`<span data-overdue=${countdown.overdue ? 'true' : 'false'} part=${countdown.overdue ? 'overdue' : nothing}>${countdown.text}</span>`
          : r.stage === 'rejected'
            ? msg('Declined', { id: 'my-referrals.declined' })
            : r.acceptedAt
              ? msg(str`Accepted ${formatDate(r.acceptedAt, locale)}`, { id: 'my-referrals.accepted-on' })
              : html`<span class="weak">—</span>`}
      </td>
      <td class="num" data-credit=${credit.status}>
        ${credit.status === 'none'
          ? html`<span class="weak">${msg('None', { id: 'my-referrals.credit.none' })}</span>`
          : credit.status === 'retired'
            ? msg(str`${formatMoney(credit.arr, locale)} retired`, { id: 'quota.credit.retired' })
            : msg(str`${formatMoney(credit.arr, locale)} pending`, { id: 'quota.credit.pending' })}
      </td>
    </tr>`;
  }
}
