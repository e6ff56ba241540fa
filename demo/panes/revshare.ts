import { html, LitElement, css, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import '../../components/revshare-summary/define.js';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import { DEMO_REFERENCE_DATE } from '../../src/demo-data.js';
import { addMonths, quarterOf, type Period } from '../../src/domain/period.js';
import type { Role } from '../../src/domain/user.js';
import type { DemoPane } from '../env.js';

/** The demo's clock: its statements were generated as of this day, so statuses read the same every run. */
const DEMO_AS_OF = DEMO_REFERENCE_DATE.slice(0, 10);

interface RangeChoice {
  label: string;
  from: Period;
  to: Period;
  groupBy: 'month' | 'quarter';
}

/** The last 12 months, then each of the last 8 quarters (the QBR view). */
function rangeChoices(asOf: string): RangeChoice[] {
  const lastClosed = addMonths(asOf.slice(0, 7), -1);
  const choices: RangeChoice[] = [{ label: 'Last 12 months', from: addMonths(lastClosed, -11), to: lastClosed, groupBy: 'month' }];
  let quarterEnd = lastClosed;
  while (Number(quarterEnd.slice(5, 7)) % 3 !== 0) quarterEnd = addMonths(quarterEnd, -1);
  for (let q = 0; q < 8; q++) {
    const to = addMonths(quarterEnd, -3 * q);
    choices.push({ label: quarterOf(to).replace(/^(\d{4})-(Q\d)$/, '$2 $1'), from: addMonths(to, -2), to, groupBy: 'month' });
  }
  choices.push({ label: 'Last 24 months by quarter', from: addMonths(lastClosed, -23), to: lastClosed, groupBy: 'quarter' });
  return choices;
}

/** Partner and period pickers around <cosell-revshare-summary>: what a partner manager needs for a QBR. */
class DemoRevsharePane extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .pickers {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      margin-bottom: 1rem;
      font: 0.8125rem system-ui, sans-serif;
    }
    label {
      display: grid;
      gap: 0.25rem;
    }
    select {
      font: inherit;
      padding: 0.25rem;
      min-height: 2rem;
    }
  `;

  @property({ attribute: false }) adapter: CrmAdapter | undefined;
  @property({ attribute: 'viewer-role' }) viewerRole: Role = 'partner-manager';
  @state() private partnerId = '';
  @state() private choice = 0;
  private readonly choices = rangeChoices(DEMO_AS_OF);

  private readonly partners = new Task(this, {
    task: async ([adapter], { signal }) => (adapter ? (await adapter.listAgreements(undefined, { signal })).map((a) => a.partnerId) : []),
    args: () => [this.viewerRole === 'seller' ? undefined : this.adapter] as const,
  });

  private readonly names = new Task(this, {
    task: async ([adapter], { signal }) => new Map((adapter ? await adapter.listPartners(undefined, { signal }) : []).map((p) => [p.id, p.name])),
    args: () => [this.adapter] as const,
  });

  override render(): TemplateResult {
    const range = this.choices[this.choice] ?? this.choices[0]!;
    const ids = [...new Set(this.partners.value ?? [])];
    const names = this.names.value ?? new Map<string, string>();
    return html`<div class="pickers">
        ${this.viewerRole === 'seller'
          ? ''
          : html`<label>
              Partner
              <select @change=${(e: Event) => (this.partnerId = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.partnerId === ''}>All partners</option>
                ${ids
                  .sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b))
                  .map((id) => html`<option value=${id} ?selected=${this.partnerId === id}>${names.get(id) ?? id}</option>`)}
              </select>
            </label>`}
        <label>
          Period
          <select @change=${(e: Event) => (this.choice = Number((e.target as HTMLSelectElement).value))}>
            ${this.choices.map((c, i) => html`<option value=${i} ?selected=${this.choice === i}>${c.label}</option>`)}
          </select>
        </label>
      </div>
      <cosell-revshare-summary
        partner-id=${this.partnerId || nothing}
        from=${range.from}
        to=${range.to}
        group-by=${range.groupBy}
      ></cosell-revshare-summary>`;
  }
}
if (!customElements.get('demo-revshare-pane')) customElements.define('demo-revshare-pane', DemoRevsharePane);

/**
 * Revenue share tab. Finance and partner managers pick a partner and a quarter, read due, remitted,
 * overdue and quota retired, open a statement and export it. Sellers see only their own quota retirement.
 */
export const revsharePane: DemoPane = (env) => html`<demo-revshare-pane .adapter=${env.adapter} viewer-role=${env.role}></demo-revshare-pane>`;
