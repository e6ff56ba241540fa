import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoAdapter, duplicateCompany, stalledAdapter } from './seller-adapters.js';

const meta: Meta = {
  title: 'Seller/Referral form',
  component: 'cosell-referral-form',
  args: { partnerId: '', prospectCompany: 'Northwind Traders', prospectCountry: 'GB', crmRecordId: 'story-account' },
  render: (args) => html`<cosell-referral-form
    partner-id=${args['partnerId'] as string}
    prospect-company=${args['prospectCompany'] as string}
    prospect-country=${args['prospectCountry'] as string}
    contact-name="Maria Anders"
    contact-email="maria.anders@northwind-traders.example"
    crm-record-id=${args['crmRecordId'] as string}
  ></cosell-referral-form>`,
  parameters: { role: 'seller' },
};
export default meta;
type Story = StoryObj;

/** The partner is picked in the searchable combobox. */
export const PickAPartner: Story = {};
/** The partner is fixed (opened from a partner card). */
export const FixedPartner: Story = { args: { partnerId: 'p-northwind', crmRecordId: 'story-fixed' } };
/** Germany is not one of Kanso's markets: a warning, not a block. */
export const MarketWarning: Story = { args: { partnerId: 'p-kanso', prospectCountry: 'DE', crmRecordId: 'story-market' } };
/** Submit this one: the company was referred to the same partner in the last 180 days. */
export const DuplicateFound: Story = {
  render: () => {
    const d = duplicateCompany();
    return html`<cosell-referral-form partner-id=${d.partnerId} prospect-company=${d.company} prospect-country=${d.country}
      contact-name="Pat Doe" contact-email="pat@example.com" crm-record-id="story-duplicate"></cosell-referral-form>`;
  },
};
export const LongTexts: Story = {
  args: {
    partnerId: 'p-northwind',
    prospectCompany: 'The Very Long Name of an International Holding of Regional Retail and Logistics Subsidiaries GmbH & Co. KG',
    crmRecordId: 'story-long',
  },
};
export const Loading: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['getPartner'])}><cosell-referral-form partner-id="p-northwind"></cosell-referral-form></cosell-provider>`,
};
export const Error: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['getPartner'], 'network')}><cosell-referral-form partner-id="p-northwind"></cosell-referral-form></cosell-provider>`,
};
/** Submitting fails: the CRM is unavailable. Every value stays; Retry reuses the same externalId. */
export const SubmitFails: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['createReferral'], 'unavailable')}>
    <cosell-referral-form partner-id="p-northwind" prospect-company="Contoso" prospect-country="US" contact-name="Jo" contact-email="jo@contoso.example" crm-record-id="story-fail"></cosell-referral-form>
  </cosell-provider>`,
};
export const NoPermission: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${demoAdapter('finance')}><cosell-referral-form partner-id="p-northwind"></cosell-referral-form></cosell-provider>`,
};
export const GermanLocale: Story = { parameters: { locale: 'de-DE', currency: 'EUR' }, args: { partnerId: 'p-lumen', prospectCountry: 'DE', crmRecordId: 'story-de' } };
export const RightToLeft: Story = {
  parameters: { locale: 'ar-EG' },
  render: () => html`<div dir="rtl" lang="ar"><cosell-referral-form partner-id="p-northwind" crm-record-id="story-rtl"></cosell-referral-form></div>`,
};
