import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CurrencyCode, Money } from '../../src/domain/money.js';
import { AGEING_BUCKETS, type AgeingRow } from '../../src/domain/revshare-ledger.js';
import type { PeriodBucket, RevshareTotals } from '../../src/revshare/summary.js';
import { renderChart } from './chart.js';
import { ageingLabel, statementCount } from './labels.js';

/**
 * One currency's part of the revenue-share summary: its KPI tiles, the ageing of what is unpaid, the
 * due-vs-remitted chart and the table behind it. Drawn over a narrow view of the element
 * (`CurrencyView`); amounts in different currencies each get their own section, never a sum.
 */

/** What a currency section needs from the element. */
export interface CurrencyView {
  readonly showTable: boolean;
  readonly groupBy: 'month' | 'quarter';
  money(m: Money, compact?: boolean): string;
  axisLabel(bucket: PeriodBucket): { short: string; year: string };
  bucketLabel(bucket: PeriodBucket): string;
  currencyName(code: CurrencyCode): string;
  /** The width the chart is drawn at (the element's own, in CSS px). */
  readonly chartWidth: number | undefined;
}

/** What the section shows of one currency. */
export interface CurrencyFigures {
  totals: RevshareTotals;
  arr: Money;
  quota: Money;
  buckets: readonly PeriodBucket[];
  ageing: AgeingRow | undefined;
}

export function renderCurrency(view: CurrencyView, figures: CurrencyFigures): TemplateResult {
  const { totals, buckets } = figures;
  const c = totals.currency;
  const headingId = `currency-${c}`;
  const overdueBuckets = buckets.filter((b) => b.overdueCount > 0).length;
  const disputedBuckets = buckets.filter((b) => b.disputedCount > 0).length;
  const overdueCount = totals.overdue.count;
  return html`<section aria-labelledby=${headingId} data-currency=${c}>
    <h3 id=${headingId}>${view.currencyName(c)}</h3>
    <dl class="kpis" part="kpis">
      ${kpi('billed', msg('Billed', { id: 'revshare.col.billed' }), view.money(totals.billed))}
      ${kpi('due', msg('Revshare due', { id: 'revshare.kpi.due' }), view.money(totals.due))}
      ${kpi('remitted', msg('Remitted', { id: 'revshare.col.remitted' }), view.money(totals.remitted))}
      ${kpi('outstanding', msg('Outstanding', { id: 'revshare.col.outstanding' }), view.money(totals.outstanding))}
      ${kpi('overdue', msg('Overdue', { id: 'revshare.col.overdue' }), view.money(totals.overdue.amount), statementCount(overdueCount), overdueCount > 0)}
      ${kpi('arr', msg('ARR from referred customers', { id: 'revshare.kpi.arr' }), view.money(figures.arr))}
      ${kpi('quota', msg('Quota retired', { id: 'revshare.kpi.quota' }), view.money(figures.quota))}
    </dl>
    ${figures.ageing ? renderAgeing(view, figures.ageing) : nothing}
    <h4>
      ${view.groupBy === 'quarter' ? msg('Due vs remitted per quarter', { id: 'revshare.chart.title.quarter' }) : msg('Due vs remitted per month', { id: 'revshare.chart.title.month' })}${overdueBuckets
        ? html` <small>${msg(str`(${overdueBuckets} with overdue statements)`, { id: 'revshare.chart.overdue-buckets' })}</small>`
        : nothing}${disputedBuckets ? html` <small>${msg(str`(${disputedBuckets} with disputed statements)`, { id: 'revshare.chart.disputed-buckets' })}</small>` : nothing}
    </h4>
    ${view.showTable
      ? nothing
      : renderChart(
          buckets,
          {
            axis: (b) => view.axisLabel(b),
            money: (m, compact) => view.money(m, compact),
            overdue: msg('Overdue', { id: 'revshare.col.overdue' }),
            disputed: msg('Disputed', { id: 'revshare.status.disputed' }),
            due: msg('Due', { id: 'revshare.col.due' }),
            remitted: msg('Remitted', { id: 'revshare.col.remitted' }),
          },
          `overdue-hatch-${c}`,
          view.chartWidth,
        )}
    ${renderSeriesTable(view, buckets, c)}
  </section>`;
}

function kpi(name: string, label: string, value: string, detail?: string, alert = false): TemplateResult {
  return html`<div class="kpi" data-kpi=${name} ?data-alert=${alert}>
    <dt>${label}</dt>
    <dd>${value} ${detail ? html`<small>${detail}</small>` : nothing}</dd>
  </div>`;
}

/** What is unpaid (disputed statements apart), by days past due as of the summary's today. */
function renderAgeing(view: CurrencyView, row: AgeingRow): TemplateResult {
  const caption = msg(str`Unpaid by days past due, ${row.currency}`, { id: 'revshare.ageing.caption' });
  // Focusable, as a region that may scroll sideways in a narrow container.
  return html`<div class="table-wrap" data-ageing=${row.currency} role="region" tabindex="0" aria-label=${caption}>
    <table class="ageing">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${AGEING_BUCKETS.map((b) => html`<th scope="col" class="num" data-bucket=${b}>${ageingLabel(b)}</th>`)}
          <th scope="col" class="num">${msg('Total', { id: 'revshare.lines.total' })}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          ${AGEING_BUCKETS.map((b) => html`<td class="num" data-bucket=${b}>${view.money(row.buckets[b].amount)}${row.buckets[b].count ? html` <small class="note">${statementCount(row.buckets[b].count)}</small>` : nothing}</td>`)}
          <td class="num">${view.money(row.total)}</td>
        </tr>
      </tbody>
    </table>
  </div>`;
}

/** The chart's figures as a table: visually hidden behind the chart, shown by "Show as table". */
function renderSeriesTable(view: CurrencyView, buckets: readonly PeriodBucket[], currency: CurrencyCode): TemplateResult {
  return html`<div class=${view.showTable ? 'table-wrap' : 'visually-hidden'} data-series=${currency}>
    <table>
      <caption>
        ${view.groupBy === 'quarter'
          ? msg(str`Revshare due and remitted per quarter, ${currency}`, { id: 'revshare.series.caption.quarter' })
          : msg(str`Revshare due and remitted per month, ${currency}`, { id: 'revshare.series.caption.month' })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Period', { id: 'revshare.col.period' })}</th>
          <th scope="col" class="num">${msg('Due', { id: 'revshare.col.due' })}</th>
          <th scope="col" class="num">${msg('Remitted', { id: 'revshare.col.remitted' })}</th>
          <th scope="col" class="num">${msg('Outstanding', { id: 'revshare.col.outstanding' })}</th>
          <th scope="col">${msg('Overdue', { id: 'revshare.col.overdue' })}</th>
          <th scope="col">${msg('Disputed', { id: 'revshare.status.disputed' })}</th>
        </tr>
      </thead>
      <tbody>
        ${buckets.map(
          (b) => html`<tr class=${b.overdueCount ? 'overdue' : ''}>
            <th scope="row">${view.bucketLabel(b)}</th>
            <td class="num">${view.money(b.due)}</td>
            <td class="num">${view.money(b.remitted)}</td>
            <td class="num">${view.money(b.outstanding)}</td>
            <td>${b.overdueCount ? html`<span class="status" data-status="overdue"><span aria-hidden="true">⚠</span> ${msg(str`${b.overdueCount} overdue, ${view.money(b.overdueAmount)}`, { id: 'revshare.series.overdue' })}</span>` : '—'}</td>
            <td>${b.disputedCount ? html`<span class="status" data-status="disputed"><span aria-hidden="true">⚑</span> ${msg(str`${b.disputedCount} disputed, ${view.money(b.disputedAmount)}`, { id: 'revshare.partner.disputed' })}</span>` : '—'}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
