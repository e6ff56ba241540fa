import { html } from 'lit';
import type { DemoPane } from '../env.js';

/** The referral form prefilled from the Account, and the seller's referrals below it. */
export const referPane: DemoPane = ({ account }) => html`<section aria-labelledby="refer-heading">
    <h2 id="refer-heading">Refer ${account.name} to a partner</h2>
    <cosell-referral-form
      crm-record-id=${account.id}
      prospect-company=${account.name}
      prospect-website=${account.website}
      prospect-country=${account.country}
      contact-name=${account.contact.name}
      contact-email=${account.contact.email}
      contact-phone=${account.contact.phone}
      contact-title=${account.contact.title}
    ></cosell-referral-form>
  </section>
  <section style="margin-top:1.5rem">
    <cosell-my-referrals page-size="20"></cosell-my-referrals>
  </section>`;
