import { html, css, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { msg, str } from '@lit/localize';
import type { PartnerStats } from '../../src/adapters/adapter.js';
import {
  isLaunched,
  ONGOING_PROGRAMS,
  PartnerSchema,
  PRE_LAUNCH_STEPS,
  type Partner,
  type PartnerLink,
} from '../../src/domain/partner.js';
import { can } from '../../src/domain/user.js';
import { CrmError, fieldErrorsFrom } from '../../src/errors.js';
import { ReferEvent } from '../../src/events.js';
import { countryName, formatMoney, safeHttpUrl } from '../../src/format.js';
import { CosellElement } from '../base/cosell-element.js';
import { CrmLoad } from '../base/crm-load.js';
import { SharedPartners } from '../base/shared-partners.js';
import { partnerNotFound, renderEmpty, renderLoading } from '../base/states.js';
import { integrationStatusLabel, lifecycleLabel } from '../base/messages.js';
import { tokens } from '../base/tokens.js';

/** Prefill handed to the referral form the card opens (the host record the seller is on). */
export interface ReferralPrefill {
  crmRecordId?: string;
  prospectCompany?: string;
  prospectWebsite?: string;
  prospectCountry?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  contactTitle?: string;
}

function linkKindLabel(kind: PartnerLink['kind']): string {
  if (kind === 'landing-page') return msg('Landing page', { id: 'partner-card.link.landing-page' });
  if (kind === 'demo-environment') return msg('Demo environment', { id: 'partner-card.link.demo-environment' });
  return msg('Enablement', { id: 'partner-card.link.enablement' });
}

/** "Acme Voice Cloud" → "AV"; at most two letters, from the first two words. */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const letters = words.slice(0, 2).map((w) => [...w][0]!.toUpperCase());
  return letters.join('') || '?';
}

/**
 * @tagname cosell-partner-card
 * @summary A technology partner at a glance: integration and its status, lifecycle progress, markets,
 * use cases, partner manager, support SLA, links, referral stats, and "Refer a customer".
 *
 * @slot actions - Extra actions beside "Refer a customer".
 *
 * @fires cosell-refer - "Refer a customer" was pressed; detail: `{ partner }`. Cancelable: cancel it to
 * open your own form instead of the built-in dialog.
 * @fires cosell-referral-submitted - Bubbles out of the built-in referral form; detail: `{ referral }`.
 * @fires cosell-error - Loading failed, or the partner is not in the CRM; detail: the CrmError.
 *
 * @csspart card - The card's outer box.
 * @csspart logo - The logo image or the initials avatar.
 * @csspart name - The partner's name.
 * @csspart status - The integration status badge.
 * @csspart lifecycle - The lifecycle stepper.
 * @csspart refer-button - The "Refer a customer" button.
 * @csspart dialog - The native <dialog> holding the referral form.
 * @csspart state - Loading, not-found and error states.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty --cosell-card-padding - Inner spacing of the card.
 * @cssproperty --cosell-card-border - Border of the card.
 * @cssproperty --cosell-card-avatar-size - Size of the logo / initials avatar.
 */
export class CosellPartnerCard extends CosellElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        /* The card is the widget's surface: no inset around it. */
        padding: 0;
      }
      .card {
        --_pad: var(--cosell-card-padding, calc(var(--_space) * 2));
        border: var(--cosell-card-border, 1px solid var(--_border));
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: var(--_shadow);
        padding: var(--_pad);
        display: grid;
        gap: var(--_space);
      }
      header {
        display: flex;
        gap: var(--_space);
        align-items: flex-start;
        min-inline-size: 0;
      }
      .avatar {
        --_size: var(--cosell-card-avatar-size, 3rem);
        inline-size: var(--_size);
        block-size: var(--_size);
        flex: none;
        border-radius: var(--_radius);
        object-fit: contain;
        background: var(--_surface-alt);
        display: grid;
        place-items: center;
        font-weight: 700;
        color: var(--_text-weak);
        font-size: calc(var(--_size) * 0.4);
        position: relative;
        overflow: hidden;
      }
      .avatar img {
        position: absolute;
        inset: 0;
        inline-size: 100%;
        block-size: 100%;
        object-fit: contain;
        background: var(--_surface);
      }
      .titles {
        min-inline-size: 0;
        flex: 1;
      }
      h3 {
        margin: 0;
        font-size: 1.125em;
        overflow-wrap: anywhere;
      }
      .summary {
        margin: 0;
        color: var(--_text-weak);
        overflow-wrap: anywhere;
      }
      :host([variant='compact']) .summary {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .badge {
        display: inline-block;
        padding: 0 0.5rem;
        border-radius: 1rem;
        border: 1px solid currentColor;
        font-size: 0.75rem;
        white-space: nowrap;
      }
      .badge[data-status='generally-available'] {
        color: var(--_success);
      }
      .badge[data-status='certified'] {
        color: var(--_brand);
      }
      .badge[data-status='in-development'],
      .badge[data-status='planned'] {
        color: var(--_warning);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.25rem var(--_space);
        margin: 0;
      }
      dt {
        font-weight: 600;
        color: var(--_text-weak);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      ol.steps {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ol.steps li,
      ul.programs li {
        padding: 0 0.5rem;
        border-radius: var(--_radius);
        border: 1px solid var(--_border);
        font-size: 0.75rem;
      }
      ol.steps li[data-state='done'] {
        background: var(--_surface-alt);
      }
      ol.steps li[data-state='done']::before {
        content: '✓ ' / '';
        color: var(--_success);
      }
      ol.steps li[aria-current='step'] {
        border-color: var(--_brand);
        color: var(--_brand);
        font-weight: 700;
      }
      ul.programs,
      ul.plain {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.programs li[data-active='false'] {
        color: var(--_text-weak);
        border-style: dashed;
      }
      ul.links {
        margin: 0;
        padding-inline-start: 1rem;
      }
      .stats {
        padding-block-start: var(--_space);
        border-block-start: 1px solid var(--_border);
      }
      .actions {
        display: flex;
        gap: var(--_space);
        flex-wrap: wrap;
      }
      :host([variant='compact']) .card {
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
      }
      dialog {
        inline-size: min(56rem, 95vw);
        max-block-size: 90vh;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 2);
        color: var(--_text);
        background: var(--_surface);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.4);
      }
      .dialog-header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--_space);
        margin-block-end: var(--_space);
      }
      .dialog-header h2 {
        margin: 0;
        font-size: 1.125em;
      }
      .link-text {
        color: var(--_text-weak);
      }
    `,
  ];

  /** The partner to show. Set it, or set `partner-id` and the card loads it through the adapter. */
  @property({ attribute: false }) partner: Partner | undefined;
  /** Load this partner through the provider's adapter. */
  @property({ attribute: 'partner-id' }) partnerId = '';
  /** `full` (default): everything; `compact`: a row for a list (name, integration, summary, refer). */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';
  /** Prefill for the referral form the card opens (host record, prospect, contact). */
  @property({ attribute: false }) referralPrefill: ReferralPrefill = {};

  @state() private logoFailed = false;
  @state() private dialogOpen = false;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('[part="refer-button"]') private referButton?: HTMLButtonElement;

  /** Partners are read through the provider's partner directory: loaded once for every widget under it. */
  private readonly sharedPartners = new SharedPartners(this);

  private readonly partnerLoad = new CrmLoad(this, {
    loadingLabel: () => msg('Loading partner…', { id: 'partner-card.loading' }),
    task: async ([partners, partner, id], { signal }): Promise<Partner | undefined> => {
      if (partner) {
        const parsed = PartnerSchema.safeParse(partner);
        if (!parsed.success) {
          throw new CrmError('bad-data', msg('This partner record could not be read.', { id: 'partner-card.bad-record' }), { fieldErrors: fieldErrorsFrom(parsed.error.issues) });
        }
        return parsed.data;
      }
      if (!id || !partners) return undefined;
      return partners.getPartner(id, { signal });
    },
    args: () => [this.sharedPartners.source, this.partner, this.partnerId] as const,
  });

  private readonly statsTask = new Task(this, {
    task: async ([adapter, id], { signal }): Promise<PartnerStats | undefined> => {
      if (!adapter || !id || !adapter.capabilities.partnerStats || !adapter.getPartnerStats) return undefined;
      try {
        return await adapter.getPartnerStats(id, { signal });
      } catch {
        return undefined; // stats are extra: the card stands without them
      }
    },
    args: () => [this.adapter, this.partner?.id ?? this.partnerId] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('partner') || changed.has('partnerId')) this.logoFailed = false;
  }

  private refer(partner: Partner): void {
    const event = new ReferEvent(partner);
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    this.dialogOpen = true;
    void this.updateComplete.then(async () => {
      if (this.dialog && !this.dialog.open) this.dialog.showModal();
      const form = this.dialog?.querySelector('cosell-referral-form');
      if (!form) return;
      await form.ready;
      form.focus();
    });
  }

  /** Close the referral dialog (focus returns to "Refer a customer"). */
  closeDialog(): void {
    this.dialog?.close();
  }

  private readonly onDialogClose = (): void => {
    this.dialogOpen = false;
    this.referButton?.focus();
  };

  protected override render() {
    return this.partnerLoad.render({
      idle: () =>
        this.partnerId || this.partner
          ? renderLoading(msg('Loading partner…', { id: 'partner-card.loading' }))
          : renderEmpty(msg('No partner selected.', { id: 'partner-card.none' })),
      notFound: () => renderEmpty(partnerNotFound()),
      complete: (partner) => this.renderCard(partner),
    });
  }

  /** Initials always, the logo on top once it loads: no blank box while it loads or when it fails. */
  private renderAvatar(partner: Partner): TemplateResult {
    const logo = safeHttpUrl(partner.logoUrl);
    return html`<span class="avatar" part="logo">
      <span aria-hidden="true">${initials(partner.name)}</span>
      ${logo && !this.logoFailed ? html`<img src=${logo} alt="" @error=${() => (this.logoFailed = true)} />` : nothing}
    </span>`;
  }

  private renderLink(label: string, url: string): TemplateResult {
    const safe = safeHttpUrl(url);
    return safe
      ? html`<a href=${safe} target="_blank" rel="noopener noreferrer">${label}<span class="visually-hidden"> ${msg('(opens in a new tab)', { id: 'link.new-tab' })}</span></a>`
      : html`<span class="link-text">${label} (${url})</span>`;
  }

  private renderLifecycle(partner: Partner): TemplateResult {
    const launched = isLaunched(partner);
    const currentIndex = (PRE_LAUNCH_STEPS as readonly string[]).indexOf(partner.lifecycle.step);
    return html`<div part="lifecycle">
      <ol class="steps" aria-label=${msg('Launch steps', { id: 'partner-card.launch-steps' })}>
        ${PRE_LAUNCH_STEPS.map((step, i) => {
          const current = step === partner.lifecycle.step;
          const done = launched ? !current : i < currentIndex;
          return html`<li aria-current=${current ? 'step' : nothing} data-state=${current ? 'current' : done ? 'done' : 'todo'}>
            ${lifecycleLabel(step)}<span class="visually-hidden">
              ${current ? msg('(current step)', { id: 'partner-card.step.current' }) : done ? msg('(done)', { id: 'partner-card.step.done' }) : msg('(not started)', { id: 'partner-card.step.todo' })}</span
            >
          </li>`;
        })}
      </ol>
      ${launched
        ? html`<ul class="programs" aria-label=${msg('Ongoing programs', { id: 'partner-card.programs' })}>
            ${ONGOING_PROGRAMS.map((program) => {
              const active = partner.lifecycle.activePrograms.includes(program);
              return html`<li data-active=${active ? 'true' : 'false'}>
                ${lifecycleLabel(program)}<span class="visually-hidden">
                  ${active ? msg('(active)', { id: 'partner-card.program.active' }) : msg('(inactive)', { id: 'partner-card.program.inactive' })}</span
                >
              </li>`;
            })}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderStats(): TemplateResult | typeof nothing {
    const stats = this.statsTask.value;
    if (!stats) return nothing;
    const locale = this.localeSettings.locale;
    return html`<dl class="stats" data-kind="stats">
      <dt>${msg('Open referrals', { id: 'partner-card.stats.open' })}</dt>
      <dd>${stats.openReferrals}</dd>
      <dt>${msg('Won ARR', { id: 'partner-card.stats.won-arr' })}</dt>
      <dd>${stats.wonArr.length ? stats.wonArr.map((m) => formatMoney(m, locale)).join(' · ') : formatMoney({ amountMinor: 0, currency: this.localeSettings.currency }, locale)}</dd>
    </dl>`;
  }

  private renderCard(partner: Partner): TemplateResult {
    const locale = this.localeSettings.locale;
    const compact = this.variant === 'compact';
    const mayRefer = !this.user || can.submitReferral(this.user);
    const status = partner.integration.status;
    const header = html`<header>
      ${this.renderAvatar(partner)}
      <div class="titles">
        <h3 part="name">${partner.name}</h3>
        <div>
          ${partner.integration.name}
          <span class="badge" part="status" data-status=${status}>${integrationStatusLabel(status)}</span>
        </div>
        ${partner.summary ? html`<p class="summary">${partner.summary}</p>` : nothing}
      </div>
    </header>`;
    const actions = html`<div class="actions">
      ${mayRefer
        ? html`<button type="button" class="primary" part="refer-button" aria-haspopup="dialog" @click=${() => this.refer(partner)}>
            ${msg('Refer a customer', { id: 'partner-card.refer' })}<span class="visually-hidden"> ${msg(str`to ${partner.name}`, { id: 'partner-card.refer.to' })}</span>
          </button>`
        : nothing}
      <slot name="actions"></slot>
    </div>`;
    return html`<article class="card" part="card" aria-label=${partner.name}>
        ${header}
        ${compact
          ? nothing
          : html`${this.renderLifecycle(partner)}
              <dl>
                ${partner.markets.length
                  ? html`<dt>${msg('Markets', { id: 'partner-card.markets' })}</dt>
                      <dd>${partner.markets.map((m) => countryName(m, locale)).join(', ')}</dd>`
                  : nothing}
                ${partner.useCases.length
                  ? html`<dt>${msg('Use cases', { id: 'partner-card.use-cases' })}</dt>
                      <dd>${partner.useCases.join(', ')}</dd>`
                  : nothing}
                ${partner.partnerManager
                  ? html`<dt>${msg('Partner manager', { id: 'partner-card.manager' })}</dt>
                      <dd>${partner.partnerManager.name} (<a href="mailto:${encodeURIComponent(partner.partnerManager.email).replace('%40', '@')}">${partner.partnerManager.email}</a>)</dd>`
                  : nothing}
                ${partner.supportSla
                  ? html`<dt>${msg('Support SLA', { id: 'partner-card.sla' })}</dt>
                      <dd>${partner.supportSla}</dd>`
                  : nothing}
                ${partner.website
                  ? html`<dt>${msg('Website', { id: 'partner-card.website' })}</dt>
                      <dd>${this.renderLink(partner.website, partner.website)}</dd>`
                  : nothing}
                ${partner.links.length
                  ? html`<dt>${msg('Links', { id: 'partner-card.links' })}</dt>
                      <dd>
                        <ul class="links">
                          ${partner.links.map((l) => html`<li>${msg(str`${linkKindLabel(l.kind)}:`, { id: 'partner-card.link.kind' })} ${this.renderLink(l.label, l.url)}</li>`)}
                        </ul>
                      </dd>`
                  : nothing}
              </dl>
              ${this.renderStats()}`}
        ${actions}
      </article>
      ${this.dialogOpen ? this.renderDialog(partner) : nothing}`;
  }

  private renderDialog(partner: Partner): TemplateResult {
    const p = this.referralPrefill;
    return html`<dialog part="dialog" aria-labelledby="dialog-title" @close=${this.onDialogClose}>
      <div class="dialog-header">
        <h2 id="dialog-title">${msg(str`Refer a customer to ${partner.name}`, { id: 'partner-card.dialog.title' })}</h2>
        <button type="button" @click=${() => this.closeDialog()}>${msg('Close', { id: 'dialog.close' })}</button>
      </div>
      <cosell-referral-form
        .partner=${partner}
        partner-id=${partner.id}
        crm-record-id=${p.crmRecordId ?? ''}
        prospect-company=${p.prospectCompany ?? ''}
        prospect-website=${p.prospectWebsite ?? ''}
        prospect-country=${p.prospectCountry ?? ''}
        contact-name=${p.contactName ?? ''}
        contact-email=${p.contactEmail ?? ''}
        contact-phone=${p.contactPhone ?? ''}
        contact-title=${p.contactTitle ?? ''}
      ></cosell-referral-form>
    </dialog>`;
  }
}
