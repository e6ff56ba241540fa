import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { msg, str } from '@lit/localize';
import type { PartnerSource } from '../../src/adapters/partner-directory.js';
import type { Partner } from '../../src/domain/partner.js';
import { errorMessage, integrationStatusLabel } from '../base/messages.js';
import { CrmError } from '../../src/errors.js';
import { countryName } from '../../src/format.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface PartnerComboboxOptions {
  /** Where partners are searched (the provider's shared partner directory, or the adapter). */
  partners: () => PartnerSource | undefined;
  /** The prospect's country, to say on each option whether the partner serves it. */
  country: () => string | undefined;
  locale: () => string;
  /** Called when a partner is chosen (Enter or click on an option). */
  onSelect: (partner: Partner) => void;
  /** Called when the typed text changes (the form forgets a chosen partner whose name no longer matches). */
  onQueryChange?: (query: string) => void;
  /** Called when focus leaves the input. */
  onBlur?: () => void;
}

/** Wait `ms`, or reject when the signal aborts (a newer keystroke replaced this search). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    }, { once: true });
  });
}

/**
 * The partner picker of the referral form: a WAI-ARIA combobox (editable, list autocomplete) over
 * `searchPartners` (shared under one provider). Keys: ArrowDown/ArrowUp move through the options (opening the list),
 * Enter chooses, Escape closes the list (or clears the text when it is already closed), Home/End
 * stay in the text. The active option is announced through aria-activedescendant; focus stays in
 * the input.
 */
export class PartnerComboboxController implements ReactiveController {
  query = '';
  open = false;
  activeIndex = -1;
  private searchedOnce = false;

  readonly search: Task<readonly [PartnerSource | undefined, string, boolean], Partner[]>;

  constructor(
    private readonly host: Host,
    private readonly options: PartnerComboboxOptions,
    private readonly idPrefix = 'partner',
  ) {
    host.addController(this);
    this.search = new Task(host, {
      task: async ([partners, query, wanted], { signal }) => {
        if (!partners || !wanted) return [];
        if (query) await pause(150, signal);
        return partners.searchPartners(query, {}, { signal });
      },
      args: () => [this.options.partners(), this.query.trim(), this.searchedOnce] as const,
    });
  }

  /** A form taken out of the page comes back with its list closed. */
  hostDisconnected(): void {
    this.open = false;
    this.activeIndex = -1;
  }

  /** Forget the partners found (a new referral, or the CRM's data was reset): the next open searches again. */
  forgetResults(): void {
    this.searchedOnce = false;
    this.setOpen(false);
  }

  get partners(): Partner[] {
    return this.search.value ?? [];
  }

  private optionId(index: number): string {
    return `${this.idPrefix}-option-${index}`;
  }

  private setOpen(open: boolean): void {
    this.open = open;
    if (open) this.searchedOnce = true;
    if (!open) this.activeIndex = -1;
    this.host.requestUpdate();
  }

  private readonly onInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.activeIndex = -1;
    this.setOpen(true);
    this.options.onQueryChange?.(this.query);
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const count = this.partners.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open) {
          this.setOpen(true);
          if (count > 0) this.activeIndex = 0;
        } else if (count > 0) {
          this.activeIndex = (this.activeIndex + 1) % count;
        }
        this.host.requestUpdate();
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.open) {
          this.setOpen(true);
          if (count > 0) this.activeIndex = count - 1;
        } else if (count > 0) {
          this.activeIndex = this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1;
        }
        this.host.requestUpdate();
        break;
      case 'Enter':
        if (this.open && this.activeIndex >= 0 && this.partners[this.activeIndex]) {
          event.preventDefault();
          this.choose(this.partners[this.activeIndex]!);
        } else if (this.open) {
          // Enter in an open list without a choice must not submit the form.
          event.preventDefault();
        }
        break;
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          event.stopPropagation(); // a surrounding <dialog> stays open
          this.setOpen(false);
        } else if (this.query) {
          event.preventDefault();
          event.stopPropagation();
          this.query = '';
          this.host.requestUpdate();
        }
        break;
      case 'Tab':
        this.setOpen(false);
        break;
      default:
    }
  };

  private readonly onBlur = (): void => {
    this.setOpen(false);
    this.options.onBlur?.();
  };

  choose(partner: Partner): void {
    this.query = partner.name;
    this.setOpen(false);
    this.options.onSelect(partner);
  }

  /** The input and its listbox. `invalid` and `describedBy` come from the form's validation. */
  render(label: string, opts: { invalid: boolean; describedBy: string; required?: boolean }): TemplateResult {
    const listboxId = `${this.idPrefix}-listbox`;
    const labelId = `${this.idPrefix}-label`;
    const active = this.open && this.activeIndex >= 0 ? this.optionId(this.activeIndex) : undefined;
    const country = this.options.country();
    const locale = this.options.locale();
    const partners = this.partners;
    return html`<label id=${labelId} for="${this.idPrefix}-input">${label}</label>
      <div class="combobox">
        <input
          id="${this.idPrefix}-input"
          name="partner"
          data-field="partner"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${listboxId}
          aria-activedescendant=${active ?? nothing}
          aria-invalid=${opts.invalid ? 'true' : 'false'}
          aria-describedby=${opts.describedBy}
          aria-required=${opts.required ? 'true' : 'false'}
          placeholder=${msg('Search partners by name, integration or use case', { id: 'form.partner.placeholder' })}
          .value=${this.query}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
          @blur=${this.onBlur}
          @click=${() => this.setOpen(true)}
        />
        <ul id=${listboxId} role="listbox" aria-labelledby=${labelId} class="listbox" part="listbox" ?hidden=${!this.open}>
          ${this.search.render({
            pending: () => html`<li class="listbox-note" role="presentation">${msg('Searching…', { id: 'form.partner.searching' })}</li>`,
            error: (error) => html`<li class="listbox-note" role="presentation">${errorMessage(CrmError.from(error))}</li>`,
            complete: () =>
              partners.length === 0
                ? html`<li class="listbox-note" role="presentation">${msg(str`No partners match “${this.query}”.`, { id: 'form.partner.no-match' })}</li>`
                : partners.map((partner, index) => {
                    const serves = country ? partner.markets.includes(country) : undefined;
                    return html`<li
                      id=${this.optionId(index)}
                      role="option"
                      part="option"
                      aria-selected=${index === this.activeIndex ? 'true' : 'false'}
                      class=${index === this.activeIndex ? 'option active' : 'option'}
                      @mousedown=${(e: MouseEvent) => e.preventDefault()}
                      @click=${() => this.choose(partner)}
                    >
                      <span class="option-name">${partner.name}</span>
                      <span class="option-meta"
                        >${integrationStatusLabel(partner.integration.status)}${serves === undefined
                          ? nothing
                          : serves
                            ? msg(str` · serves ${countryName(country!, locale)}`, { id: 'form.partner.serves' })
                            : msg(str` · does not serve ${countryName(country!, locale)}`, { id: 'form.partner.does-not-serve' })}</span
                      >
                    </li>`;
                  }),
          })}
        </ul>
      </div>`;
  }
}
