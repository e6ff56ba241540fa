import { html } from 'lit';
import { until } from 'lit/directives/until.js';
import type { ReferralPrefill } from '../../components/partner-card/partner-card.js';
import type { Partner } from '../../src/domain/partner.js';
import { countryName } from '../../src/format.js';
import type { DemoEnv, DemoPane } from '../env.js';

/** The host record as the prefill of every referral form a card opens. */
export function prefillFrom(env: DemoEnv): ReferralPrefill {
  const { account } = env;
  return {
    crmRecordId: account.id,
    prospectCompany: account.name,
    prospectWebsite: account.website,
    prospectCountry: account.country,
    contactName: account.contact.name,
    contactEmail: account.contact.email,
    contactPhone: account.contact.phone,
    contactTitle: account.contact.title,
  };
}

const partnersByAdapter = new WeakMap<object, Map<string, Promise<Partner[]>>>();
/** One load per adapter and country: the shell re-renders panes on every tab or role switch. */
function partnersServing(env: DemoEnv): Promise<Partner[]> {
  let byCountry = partnersByAdapter.get(env.adapter);
  if (!byCountry) partnersByAdapter.set(env.adapter, (byCountry = new Map<string, Promise<Partner[]>>()));
  let promise = byCountry.get(env.account.country);
  if (!promise) byCountry.set(env.account.country, (promise = env.adapter.listPartners({ market: env.account.country })));
  return promise;
}

/** Partner cards of the partners that serve the Account's country; "Refer a customer" opens the form. */
export const partnersPane: DemoPane = (env) => {
  const prefill = prefillFrom(env);
  const cards = partnersServing(env).then(
    (partners) =>
      partners.length === 0
        ? html`<p>No partner serves ${countryName(env.account.country, 'en')} yet.</p>`
        : html`<div class="seller-cards" style="display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));align-items:start">
            ${partners.map((p) => html`<cosell-partner-card .partner=${p} .referralPrefill=${prefill}></cosell-partner-card>`)}
          </div>`,
    () => html`<p role="alert">The partners could not be loaded. Reload the page to retry.</p>`,
  );
  return html`<section aria-labelledby="partners-heading">
    <h2 id="partners-heading">Partners serving ${countryName(env.account.country, 'en')}</h2>
    ${until(cards, html`<p role="status">Loading partners…</p>`)}
  </section>`;
};
