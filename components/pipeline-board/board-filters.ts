import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Partner } from '../../src/domain/partner.js';
import { countryName } from '../../src/format.js';
import type { BoardFilterValues } from './board-paging.js';
import type { BoardStore } from './board-store.js';

type FilterName = keyof BoardFilterValues;

/** What the filter bar needs from the board: its filter attributes (read and written), the store, the locale. */
export interface BoardFiltersHost extends ReactiveControllerHost {
  readonly filterValues: BoardFilterValues;
  setFilter(name: keyof BoardFilterValues, value: string | undefined): void;
  readonly store: BoardStore;
  readonly localeSettings: { locale: string };
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The board's filter bar (partner, seller, market, submitted from/to, search) over the board's own
 * attributes: a change sets the attribute, and the board loads again. Search waits for a pause in typing.
 */
export class BoardFilters implements ReactiveController {
  /**
   * Market names (Intl.DisplayNames, several ms to set up) are listed once the first cards have
   * painted: a closed select shows only its selected option, which is always there.
   */
  private marketNamesReady = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private marketsCache:
    | {
        partners: Map<string, Partner>;
        locale: string;
        value: { code: string; name: string }[];
      }
    | undefined;

  constructor(private readonly host: BoardFiltersHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.searchTimer);
  }

  /** Any filter set. */
  get active(): boolean {
    const h = this.host.filterValues;
    return Boolean(h.partnerId || h.sellerId || h.market || h.from || h.to || h.q);
  }

  /** The first cards have painted (or the load settled): the market names can be listed. */
  showMarketNames(): void {
    if (this.marketNamesReady) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.marketNamesReady = true;
        this.host.requestUpdate();
      }, 0),
    );
  }

  clear(): void {
    const h = this.host;
    for (const name of ['partnerId', 'sellerId', 'market', 'from', 'to', 'q'] as const) h.setFilter(name, undefined);
    // The pressed "Clear filters" button goes away with the filters: keep focus in the filter bar.
    void h.updateComplete.then(() => h.renderRoot.querySelector<HTMLElement>('[part="filters"] select')?.focus());
  }

  private set(name: FilterName, value: string): void {
    this.host.setFilter(name, value || undefined);
  }

  private onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.set('q', value), 250);
  }

  private marketsOf(partnersById: Map<string, Partner>, locale: string): { code: string; name: string }[] {
    const cache = this.marketsCache;
    if (cache && cache.partners === partnersById && cache.locale === locale) return cache.value;
    const value = [...new Set([...partnersById.values()].flatMap((p) => p.markets))].map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => a.name.localeCompare(b.name, locale));
    this.marketsCache = { partners: partnersById, locale, value };
    return value;
  }

  render(): TemplateResult {
    const h = this.host.filterValues;
    const locale = this.host.localeSettings.locale;
    const { partnersById, sellers: sellerNames } = this.host.store;
    const partners = [...partnersById.values()].sort((a, b) => a.name.localeCompare(b.name, locale));
    const markets = this.marketNamesReady || h.market ? this.marketsOf(partnersById, locale) : [];
    const sellers = [...sellerNames].sort((a, b) => a[1].localeCompare(b[1], locale));
    const select = (name: FilterName) => (e: Event) => this.set(name, (e.target as HTMLSelectElement | HTMLInputElement).value);
    return html`<form class="filters" part="filters" role="search" aria-label=${msg('Filter the pipeline', { id: 'board.filters' })} @submit=${(e: Event) => e.preventDefault()}>
      <label
        >${msg('Partner', { id: 'board.filter.partner' })}
        <select name="partner" @change=${select('partnerId')}>
          <option value="" ?selected=${!h.partnerId}>${msg('All partners', { id: 'board.filter.all-partners' })}</option>
          ${partners.map((p) => html`<option value=${p.id} ?selected=${p.id === h.partnerId}>${p.name}</option>`)}
        </select>
      </label>
      <label
        >${msg('Seller', { id: 'board.filter.seller' })}
        <select name="seller" @change=${select('sellerId')}>
          <option value="" ?selected=${!h.sellerId}>${msg('All sellers', { id: 'board.filter.all-sellers' })}</option>
          ${sellers.map(([id, name]) => html`<option value=${id} ?selected=${id === h.sellerId}>${name}</option>`)}
        </select>
      </label>
      <label
        >${msg('Market', { id: 'board.filter.market' })}
        <select name="market" @change=${select('market')}>
          <option value="" ?selected=${!h.market}>${msg('All markets', { id: 'board.filter.all-markets' })}</option>
          ${markets.map((m) => html`<option value=${m.code} ?selected=${m.code === h.market?.toUpperCase()}>${m.name}</option>`)}
        </select>
      </label>
      <label
        >${msg('Submitted from', { id: 'board.filter.from' })}
        <input name="from" type="date" .value=${h.from ?? ''} @change=${select('from')} />
      </label>
      <label
        >${msg('Submitted to', { id: 'board.filter.to' })}
        <input name="to" type="date" .value=${h.to ?? ''} @change=${select('to')} />
      </label>
      <label
        >${msg('Search', { id: 'board.filter.search' })}
        <input name="q" type="search" placeholder=${msg('Prospect or partner', { id: 'board.filter.search.placeholder' })} .value=${h.q ?? ''} @input=${(e: Event) => this.onSearchInput(e)} />
      </label>
      ${this.active ? this.renderClear() : nothing}
    </form>`;
  }

  /** "Clear filters" (in the filter bar, and in the empty state of a filtered board). */
  renderClear(): TemplateResult {
    return html`<button type="button" @click=${() => this.clear()}>${msg('Clear filters', { id: 'board.clear-filters' })}</button>`;
  }
}
