import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { msg, str } from '@lit/localize';
import { outboxContext, type OutboxView } from '../../src/context.js';
import type { OutboxReferral } from '../../src/outbox/outbox.js';
import { formatMoney } from '../../src/format.js';
import { Announcer } from '../base/announcer.js';
import { waitingToSendText } from '../base/messages.js';

function stateText(referral: OutboxReferral): string {
  if (referral.state === 'refused') {
    const reason = referral.refusal?.message ?? '';
    return msg(str`Not sent: the CRM refused it. ${reason}`, {
      id: 'outbox.refused',
    });
  }
  // A try is a moment, and most fail while offline: `sending` still reads as waiting.
  return waitingToSendText();
}

export const waitingReferralStyles = css`
  .waiting {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .waiting li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: baseline;
    padding: 0.375rem 0.5rem;
    border: 1px dashed var(--_border);
    background: var(--_surface);
  }
  .waiting .status {
    color: var(--_text-weak);
    flex: 1 1 16rem;
  }
`;

/**
 * My referrals' list of the referrals the provider's outbox keeps (made while the CRM could not be
 * reached): each with its state and a Cancel button. Rendered above the table, so it shows while the
 * table cannot load (offline). Part: `waiting`, `cancel-waiting`.
 */
export class WaitingReferrals {
  private readonly outbox: ContextConsumer<typeof outboxContext, ReactiveControllerHost & HTMLElement>;
  private readonly announcer: Announcer;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    this.outbox = new ContextConsumer(host, {
      context: outboxContext,
      subscribe: true,
    });
    // What a cancel did is said through the one live region the widgets under the provider share.
    this.announcer = new Announcer(host);
  }

  render(locale: string): TemplateResult | typeof nothing {
    const view = this.outbox.value;
    if (!view || view.referrals.length === 0) return nothing;
    return html`<ul class="waiting" part="waiting" aria-label=${msg('Waiting to send', { id: 'outbox.heading' })}>
        ${view.referrals.map(
          (r) =>
            html`<li data-external-id=${r.externalId} data-state=${r.state}>
              <strong>${r.input.prospect.company}</strong>
              <span>${formatMoney(r.input.estimatedArr, locale)}</span>
              <span class="status">${stateText(r)}</span>
              <button type="button" part="cancel-waiting" @click=${() => void this.cancel(view, r)}>
                ${msg('Cancel', { id: 'outbox.cancel' })}
              </button>
            </li>`,
        )}
    </ul>`;
  }

  private async cancel(view: OutboxView, referral: OutboxReferral): Promise<void> {
    const company = referral.input.prospect.company;
    const outcome = await view.cancel(referral.externalId);
    this.announcer.announce(
      outcome === 'cancelled'
        ? msg(str`The referral of ${company} was cancelled: it will not be sent.`, { id: 'outbox.cancelled' })
        : outcome === 'sending'
          ? msg(str`The referral of ${company} is being sent right now and cannot be cancelled.`, { id: 'outbox.cancel-too-late' })
          : msg(str`The referral of ${company} was already sent.`, {
              id: 'outbox.already-sent',
            }),
    );
    this.host.requestUpdate();
  }
}
