import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CurrencyCode, Money } from '../../src/domain/money.js';
import type { SellerQuota } from '../../src/domain/quota.js';
import { formatDate } from '../../src/format.js';
import { plural } from '../base/messages.js';
import { renderNoPermission } from '../base/states.js';

/** The revenue-share summary's quota sections: retired per seller, and a seller's own. */

/** What the quota sections need from the element. */
export interface QuotaView {
  readonly locale: string;
  money(m: Money): string;
  rangeLabel(): string;
}

/** Quota retired per seller (what partner managers and finance see); `currency` filters the amounts. */
export function renderQuota(view: QuotaView, quota: readonly SellerQuota[], currency: CurrencyCode | undefined): TemplateResult {
  return html`<section class="quota" part="quota" aria-labelledby="quota-heading">
    <h3 id="quota-heading">${msg('Quota retired per seller', { id: 'revshare.quota.heading' })}</h3>
    <p class="note">${msg('Each referral closed won retires its estimated ARR, the figure its seller sees.', { id: 'revshare.quota.note' })}</p>
    ${quota.length === 0
      ? html`<p class="note">${msg(str`No referrals closed won in ${view.rangeLabel()}.`, { id: 'revshare.quota.none' })}</p>`
      : html`<ul>
          ${quota.map((s) => {
            const amounts = s.retired.filter((m) => !currency || m.currency === currency);
            const won = s.credits.length;
            return html`<li data-seller=${s.sellerId}>
              <span>${s.sellerName} <small class="note">${plural(won, {
                  zero: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.zero' }),
                  one: () => msg(str`${won} referral won`, { id: 'revshare.quota.won.one' }),
                  two: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.two' }),
                  few: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.few' }),
                  many: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.many' }),
                  other: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.other' }),
                })}</small></span>
              <span class="amounts">${amounts.length ? amounts.map((m) => view.money(m)).join(' · ') : '—'}</span>
            </li>`;
          })}
        </ul>`}
  </section>`;
}

/** A seller's own quota retirement, and why they see nothing else. */
export function renderSellerQuota(view: QuotaView, mine: SellerQuota | undefined): TemplateResult {
  const count = mine?.credits.length ?? 0;
  return html`<section class="quota" part="quota" aria-labelledby="quota-heading">
      <h3 id="quota-heading">${msg('Your quota retirement', { id: 'revshare.quota.mine' })}</h3>
      ${mine
        ? html`<p>
              <strong>${mine.retired.map((m) => view.money(m)).join(' · ')}</strong>
              ${plural(count, {
                zero: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.zero' }),
                one: () => msg(str`retired by ${count} referral closed won.`, { id: 'revshare.quota.retired-by.one' }),
                two: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.two' }),
                few: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.few' }),
                many: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.many' }),
                other: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.other' }),
              })}
            </p>
            <ul>
              ${[...mine.credits].sort((a, b) => (b.referral.closedAt ?? '').localeCompare(a.referral.closedAt ?? '')).map(
                (c) => html`<li data-referral=${c.referral.id}>
                  <span>${c.referral.prospect.company} <small class="note">${msg(str`closed ${c.referral.closedAt ? formatDate(c.referral.closedAt, view.locale) : ''}; estimated ARR`, { id: 'revshare.quota.closed-on' })}</small></span>
                  <span class="amounts">${view.money(c.arr)}</span>
                </li>`,
              )}
            </ul>`
        : html`<p class="note">${msg(str`None of your referrals closed won in ${view.rangeLabel()}.`, { id: 'revshare.quota.mine-none' })}</p>`}
    </section>
    ${renderNoPermission(msg('Revenue-share statements are visible to partner managers and finance.', { id: 'revshare.no-permission' }))}`;
}
