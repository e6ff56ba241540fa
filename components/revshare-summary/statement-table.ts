import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Money } from '../../src/domain/money.js';
import type { StatementStatus } from '../../src/domain/revshare.js';
import type { PartnerGroup, PartnerTotals } from '../../src/domain/revshare-ledger.js';
import { formatDate, formatPeriod } from '../../src/format.js';
import type { StatementResult } from '../../src/revshare/engine.js';
import { describeRates } from '../../src/revshare/export.js';
import { cohortLabel, statementCount, STATUS_ICONS, statusLabel, tierLabel } from './labels.js';

/**
 * The revenue-share summary's statements table: sortable column headers, a row group per partner (its
 * totals row, which opens to the partner's statements), one row per statement, and a statement's lines
 * when it is opened. Drawn by functions over a narrow view of the element (`StatementTableView`), so
 * the element keeps the state and this file only renders it.
 */

export const SORT_KEYS = ['period', 'partner', 'billed', 'rates', 'due', 'remitted', 'outstanding', 'status', 'dueDate'] as const;
export type StatementSortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

/** What the table needs from the element. */
export interface StatementTableView {
  readonly locale: string;
  readonly sortKey: StatementSortKey;
  readonly sortDirection: SortDirection;
  /** Ids of the statements whose lines are open. */
  readonly expanded: ReadonlySet<string>;
  /** One collator for the locale, for every text comparison of a sort. */
  readonly collator: Intl.Collator;
  money(m: Money, compact?: boolean): string;
  readonly percent: (bps: number) => string;
  /** A statement's rates label ("first year 10%, renewal 15% (tier 1)"), made once per statement. */
  rates(statement: StatementResult): string;
  partnerName(id: string): string;
  rangeLabel(): string;
  /** Whether a partner's statements are shown (collapsed by default when there are several partners). */
  partnerOpen(partnerId: string): boolean;
  sortBy(key: StatementSortKey, label: string): void;
  toggle(statementId: string): void;
  togglePartner(partnerId: string): void;
  exportLines(statement: StatementResult): void;
  exportPartner(group: PartnerGroup<StatementResult>): void;
}

/** Lines shown in a statement's drill-down; the CSV export has them all. */
const LINES_SHOWN = 200;
const STATUS_ORDER: Record<StatementStatus, number> = { overdue: 0, disputed: 1, 'partially-remitted': 2, due: 3, open: 4, remitted: 5 };

const idSafe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

/** The statements in the table's order; ties by period, partner and currency. */
export function sortStatements(view: StatementTableView, statements: readonly StatementResult[]): StatementResult[] {
  const key = view.sortKey;
  const sign = view.sortDirection === 'ascending' ? 1 : -1;
  const text = view.collator.compare;
  const byKey = (a: StatementResult, b: StatementResult): number => {
    switch (key) {
      case 'period':
        return text(a.period, b.period);
      case 'partner':
        return text(view.partnerName(a.partnerId), view.partnerName(b.partnerId));
      case 'rates':
        return text(view.rates(a), view.rates(b));
      case 'status':
        return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
      case 'dueDate':
        return text(a.dueDate, b.dueDate);
      default:
        // Amounts: currencies are grouped, never compared with each other.
        return text(a.currency, b.currency) || a[key].amountMinor - b[key].amountMinor;
    }
  };
  return [...statements].sort((a, b) => sign * byKey(a, b) || text(a.period, b.period) || text(a.partnerId, b.partnerId) || text(a.currency, b.currency));
}

function sortHeader(view: StatementTableView, key: StatementSortKey, label: string, numeric = false): TemplateResult {
  const active = view.sortKey === key;
  return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${active ? view.sortDirection : 'none'} data-sort=${key}>
    <button type="button" class="sort" @click=${() => view.sortBy(key, label)}>
      ${label}<span class="arrow" aria-hidden="true">${active ? (view.sortDirection === 'ascending' ? '▲' : '▼') : '↕'}</span>
    </button>
  </th>`;
}

/** The statements table, a row group per partner (in the domain's order), each group's statements already sorted. */
export function renderStatements(view: StatementTableView, groups: readonly PartnerGroup<StatementResult>[]): TemplateResult {
  return html`<section aria-labelledby="statements-heading">
    <h3 id="statements-heading">${msg('Statements', { id: 'revshare.statements' })}</h3>
    <div class="table-wrap">
      <table part="statements">
        <caption class="visually-hidden">
          ${msg(str`Statements by partner, ${view.rangeLabel()}. Open a partner to see its statements and a statement to see its lines; sort with the column header buttons.`, { id: 'revshare.statements.caption.partners' })}
        </caption>
        <thead>
          <tr>
            ${sortHeader(view, 'period', msg('Period', { id: 'revshare.col.period' }))} ${sortHeader(view, 'partner', msg('Partner', { id: 'revshare.col.partner' }))}
            ${sortHeader(view, 'billed', msg('Billed', { id: 'revshare.col.billed' }), true)} ${sortHeader(view, 'rates', msg('Rate or tier', { id: 'revshare.col.rates' }))}
            ${sortHeader(view, 'due', msg('Due', { id: 'revshare.col.due' }), true)} ${sortHeader(view, 'remitted', msg('Remitted', { id: 'revshare.col.remitted' }), true)}
            ${sortHeader(view, 'outstanding', msg('Outstanding', { id: 'revshare.col.outstanding' }), true)} ${sortHeader(view, 'status', msg('Status', { id: 'revshare.col.status' }))}
            ${sortHeader(view, 'dueDate', msg('Due date', { id: 'revshare.col.due-date' }))}
          </tr>
        </thead>
        ${groups.map((g) => renderPartner(view, g))}
      </table>
    </div>
  </section>`;
}

/** Each currency's figure on a line of its own. */
const perCurrency = (totals: readonly PartnerTotals[], figure: (t: PartnerTotals) => TemplateResult | string) =>
  totals.map((t) => html`<span class="per-currency">${figure(t)}</span>`);

function renderPartner(view: StatementTableView, g: PartnerGroup<StatementResult>): TemplateResult {
  const open = view.partnerOpen(g.partnerId);
  const groupId = `partner-${idSafe(g.partnerId)}`;
  const count = g.statements.length;
  const flags = g.totals.flatMap((t) => [
    ...(t.overdue.count ? [html`<span class="per-currency status" data-status="overdue"><span aria-hidden="true">⚠</span> ${msg(str`${t.overdue.count} overdue, ${view.money(t.overdue.amount)}`, { id: 'revshare.series.overdue' })}</span>`] : []),
    ...(t.disputed.count ? [html`<span class="per-currency status" data-status="disputed"><span aria-hidden="true">⚑</span> ${msg(str`${t.disputed.count} disputed, ${view.money(t.disputed.amount)}`, { id: 'revshare.partner.disputed' })}</span>`] : []),
  ]);
  return html`<tbody id=${groupId} data-partner=${g.partnerId}>
    <tr class="partner" data-partner-row=${g.partnerId}>
      <th scope="rowgroup" colspan="2">
        <button type="button" class="partner-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${groupId} @click=${() => view.togglePartner(g.partnerId)}>
          <span aria-hidden="true">${open ? '▾' : '▸'}</span> ${g.name} <small class="note">${statementCount(count)}</small>
        </button>
      </th>
      <td class="num">${perCurrency(g.totals, (t) => view.money(t.billed))}</td>
      <td></td>
      <td class="num">${perCurrency(g.totals, (t) => view.money(t.due))}</td>
      <td class="num">${perCurrency(g.totals, (t) => view.money(t.remitted))}</td>
      <td class="num">${perCurrency(g.totals, (t) => view.money(t.outstanding))}</td>
      <td>${flags.length ? flags : '—'}</td>
      <td>
        <button type="button" class="partner-export" @click=${() => view.exportPartner(g)}>
          ${msg('QBR export (CSV)', { id: 'revshare.partner.export' })}<span class="visually-hidden">, ${g.name}</span>
        </button>
      </td>
    </tr>
    ${open ? g.statements.map((s) => renderStatementRow(view, s)) : nothing}
  </tbody>`;
}

function renderStatus(status: StatementStatus): TemplateResult {
  const icon = STATUS_ICONS[status];
  return html`<span class="status" data-status=${status}>${icon ? html`<span aria-hidden="true">${icon}</span>` : nothing}${statusLabel(status)}</span>`;
}

function renderStatementRow(view: StatementTableView, s: StatementResult): TemplateResult {
  const id = s.statement.id;
  const open = view.expanded.has(id);
  const linesId = `lines-${idSafe(id)}`;
  const partner = view.partnerName(s.partnerId);
  return html`<tr class=${s.status === 'overdue' ? 'overdue' : ''} data-statement=${id}>
      <th scope="row">
        <button type="button" class="expand" aria-expanded=${open ? 'true' : 'false'} aria-controls=${linesId} @click=${() => view.toggle(id)}>
          <span aria-hidden="true">${open ? '▾' : '▸'}</span> ${formatPeriod(s.period, view.locale)}<span class="visually-hidden">${msg(str`, ${partner}, ${s.currency}: lines`, { id: 'revshare.row.expand' })}</span>
        </button>
      </th>
      <td>${partner}</td>
      <td class="num">${view.money(s.billed)}</td>
      <td>${view.rates(s) || '—'}</td>
      <td class="num">
        ${view.money(s.due)}
        ${s.creditBroughtForward.amountMinor > 0 ? html`<small class="note">${msg(str`after ${view.money(s.creditBroughtForward)} credit`, { id: 'revshare.row.after-credit' })}</small>` : nothing}
        ${s.creditCarriedForward.amountMinor > 0 ? html`<small class="note">${msg(str`${view.money(s.creditCarriedForward)} credit carried forward`, { id: 'revshare.row.credit-carried' })}</small>` : nothing}
      </td>
      <td class="num">${view.money(s.remitted)}</td>
      <td class="num">${view.money(s.outstanding)}</td>
      <td>${renderStatus(s.status)}</td>
      <td>${formatDate(s.dueDate, view.locale)}</td>
    </tr>
    ${open ? renderLines(view, s, linesId) : nothing}`;
}

function renderLines(view: StatementTableView, s: StatementResult, linesId: string): TemplateResult {
  const lines = s.lines.slice(0, LINES_SHOWN);
  const positive = { amountMinor: s.charges.amountMinor, currency: s.currency };
  return html`<tr class="lines" id=${linesId}>
    <td colspan="9">
      <div class="lines-head">
        <h4>${msg(str`Lines of ${view.partnerName(s.partnerId)}, ${formatPeriod(s.period, view.locale)}`, { id: 'revshare.lines.title' })}</h4>
        <button type="button" @click=${() => view.exportLines(s)}>${msg('Export lines (CSV)', { id: 'revshare.lines.export' })}</button>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Customer', { id: 'revshare.col.customer' })}</th>
            <th scope="col" class="num">${msg('Billed', { id: 'revshare.col.billed' })}</th>
            <th scope="col" class="num">${msg('Credits', { id: 'revshare.col.credits' })}</th>
            <th scope="col">${msg('First year or renewal', { id: 'revshare.col.cohort' })}</th>
            <th scope="col">${msg('Rate applied', { id: 'revshare.col.rate-applied' })}</th>
            <th scope="col" class="num">${msg('Due', { id: 'revshare.col.due' })}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (l) => html`<tr data-line=${l.line.id}>
              <th scope="row">${l.line.customer}</th>
              <td class="num">${l.billed.amountMinor >= 0 ? view.money(l.billed) : '—'}</td>
              <td class="num">${l.billed.amountMinor < 0 ? view.money(l.billed) : '—'}</td>
              <td>${cohortLabel(l.cohort)}</td>
              <td>${describeRates(l.rates, view.percent, undefined, tierLabel)}</td>
              <td class="num">${view.money(l.due)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${msg('Total', { id: 'revshare.lines.total' })}</th>
            <td class="num">${view.money(positive)}</td>
            <td class="num">${view.money(s.credits)}</td>
            <td></td>
            <td></td>
            <td class="num">${view.money(s.revshare)}</td>
          </tr>
          ${s.creditBroughtForward.amountMinor > 0
            ? html`<tr><th scope="row" colspan="5">${msg('Credit brought forward', { id: 'revshare.credit-brought-forward' })}</th> <td class="num">${view.money({ amountMinor: -s.creditBroughtForward.amountMinor, currency: s.currency })}</td></tr>`
            : nothing}
          ${s.creditCarriedForward.amountMinor > 0
            ? html`<tr><th scope="row" colspan="5">${msg('Credit carried forward to next month', { id: 'revshare.credit-carried-forward' })}</th> <td class="num">${view.money(s.creditCarriedForward)}</td></tr>`
            : nothing}
          <tr><th scope="row" colspan="5">${msg('Due', { id: 'revshare.col.due' })}</th> <td class="num">${view.money(s.due)}</td></tr>
        </tfoot>
      </table>
      ${s.lines.length > LINES_SHOWN
        ? html`<p class="note">${msg(str`Showing ${LINES_SHOWN} of ${s.lines.length} lines; the totals and the CSV export include them all.`, { id: 'revshare.lines.truncated' })}</p>`
        : nothing}
      ${s.recordedDueDiffers && s.recordedDue
        ? html`<p class="note">${msg(str`The CRM recorded ${view.money(s.recordedDue)} due; the agreement’s rates give ${view.money(s.due)}.`, { id: 'revshare.lines.recorded-differs' })}</p>`
        : nothing}
      ${s.statement.disputed && s.statement.disputeReason ? html`<p class="note">${msg(str`Disputed: ${s.statement.disputeReason}`, { id: 'revshare.lines.disputed' })}</p>` : nothing}
    </td>
  </tr>`;
}
