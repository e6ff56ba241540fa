import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { daysSince } from '../../src/domain/ageing.js';
import type { Money } from '../../src/domain/money.js';
import type { Referral } from '../../src/domain/referral.js';
import type { Stage, StageDefinition } from '../../src/domain/stages.js';
import { formatDate, formatMoney, formatNumber } from '../../src/format.js';
import { plural, stageLabel } from '../base/messages.js';
import { previousMonthStart, reviewSummary, type AgeingBadge, type ReviewSummary } from './board-model.js';

/** What the review panel is drawn from. */
export interface ReviewInput {
  columns: ReadonlyMap<Stage, readonly Referral[]>;
  stages: readonly StageDefinition[];
  /** The `review-since` attribute (used when it is a date). */
  reviewSince: string | undefined;
  staleDays: number;
  now: Date;
  locale: string;
  badgesFor: (referral: Referral) => AgeingBadge[];
}

export interface ReviewActions {
  setSince(since: string | undefined): void;
  /** A stuck deal was chosen: show its card. */
  showCard(id: string): void;
}

/** The review date: `review-since` when it is a date, else the first day of the previous month. */
export function reviewDate(reviewSince: string | undefined, now: Date): string {
  return reviewSince && /^\d{4}-\d{2}-\d{2}$/.test(reviewSince) ? reviewSince : previousMonthStart(now);
}

/**
 * Review mode's panel for the monthly pipeline review: what changed since the review date, the
 * referrals and estimated ARR per stage then and now, and the stuck deals (each a way to its card).
 * The summary is worked out again only when the columns, the date or the staleness rule change.
 */
export class ReviewPanel {
  private cache:
    | {
        columns: ReadonlyMap<Stage, readonly Referral[]>;
        since: string;
        staleDays: number;
        value: ReviewSummary;
      }
    | undefined;

  private stages: readonly StageDefinition[] = [];

  constructor(private readonly actions: ReviewActions) {}

  private stageLabel(stage: Stage): string {
    return stageLabel(stage, this.stages.find((s) => s.id === stage)?.label);
  }

  private summary(input: ReviewInput, since: string): ReviewSummary {
    const cache = this.cache;
    if (cache && cache.columns === input.columns && cache.since === since && cache.staleDays === input.staleDays) return cache.value;
    const value = reviewSummary(
      input.stages.map((stage) => ({
        stage,
        referrals: input.columns.get(stage.id) ?? [],
      })),
      since,
      input.badgesFor,
    );
    this.cache = {
      columns: input.columns,
      since,
      staleDays: input.staleDays,
      value,
    };
    return value;
  }

  render(input: ReviewInput): TemplateResult {
    const { locale, now } = input;
    const since = reviewDate(input.reviewSince, now);
    const review = this.summary(input, since);
    this.stages = input.stages;
    const money = (totals: Money[]) => (totals.length ? totals.map((m) => formatMoney(m, locale)).join(' · ') : '—');
    const sinceLabel = formatDate(since, locale);
    const shownStuck = review.stuck.slice(0, 50);
    return html`<section class="review-panel" part="review" aria-labelledby="review-title">
      <h2 id="review-title">${msg('Pipeline review', { id: 'board.review.title' })}</h2>
      <label
        >${msg('Changes since', { id: 'board.review.since' })}
        <input name="review-since" type="date" .value=${since} @change=${(e: Event) => this.actions.setSince((e.target as HTMLInputElement).value || undefined)} />
      </label>
      <p class="review-counts" role="status">
        ${msg(str`Since ${sinceLabel}: ${review.counts.new} new, ${review.counts.moved} moved, ${review.counts.closed} closed.`, { id: 'board.review.counts' })}
      </p>
      <div class="review-grid">
        <table>
          <caption class="visually-hidden">
            ${msg(str`Referrals and estimated ARR per stage, at ${sinceLabel} and now`, { id: 'board.review.caption' })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${msg('Stage', { id: 'board.review.stage' })}</th>
              <th scope="col">${msg(str`At ${sinceLabel}`, { id: 'board.review.then' })}</th>
              <th scope="col">${msg('Now', { id: 'board.review.now' })}</th>
            </tr>
          </thead>
          <tbody>
            ${review.rows.map(
              (row) =>
                html`<tr data-stage=${row.stage.id}>
                  <th scope="row">${stageLabel(row.stage.id, row.stage.label)}</th>
                  <td class="then">${formatNumber(row.then.count, locale)} · ${money(row.then.totals)}</td>
                  <td class="now">${formatNumber(row.now.count, locale)} · ${money(row.now.totals)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <div>
          <h3 id="stuck-title">${msg(str`Stuck deals (${formatNumber(review.stuck.length, locale)})`, { id: 'board.review.stuck' })}</h3>
          ${
            review.stuck.length
              ? html`<ul aria-labelledby="stuck-title">
                    ${shownStuck.map((r) => {
                      const days = daysSince(r.stageChangedAt, now);
                      return html`<li>
                        <button data-id=${r.id} @click=${() => this.actions.showCard(r.id)}>
                          ${plural(days, {
                            zero: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.zero' }),
                            one: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} day in stage`, { id: 'board.review.stuck-row.one' }),
                            two: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.two' }),
                            few: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.few' }),
                            many: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.many' }),
                            other: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.other' }),
                          })}
                        </button>
                      </li>`;
                    })}
                  </ul>
                  ${review.stuck.length > shownStuck.length ? html`<p class="note">${msg(str`and ${formatNumber(review.stuck.length - shownStuck.length, locale)} more (the cards are marked).`, { id: 'board.review.stuck-more' })}</p>` : nothing}`
              : html`<p class="note">${msg('None: every open deal is moving.', { id: 'board.review.stuck-none' })}</p>`
          }
        </div>
      </div>
      <p class="note">
        ${msg(str`“At ${sinceLabel}” places each referral in the stage its history says it was in then.`, { id: 'board.review.note-history' })}
        ${
          review.inferredSince
            ? msg(str`${formatNumber(review.inferredSince, locale)} of the referrals that changed since have no recorded history; their stage then is reconstructed from their dates.`, {
                id: 'board.review.inferred',
              })
            : ''
        }
      </p>
    </section>`;
  }
}
