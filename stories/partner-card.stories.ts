import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoAdapter, demoPartners, longPartner, stalledAdapter } from './seller-adapters.js';

const meta: Meta = {
  title: 'Seller/Partner card',
  component: 'cosell-partner-card',
  args: { partnerId: 'p-northwind', variant: 'full' },
  argTypes: { variant: { control: 'inline-radio', options: ['full', 'compact'] } },
  render: (args) => html`<cosell-partner-card partner-id=${args['partnerId'] as string} variant=${args['variant'] as string}></cosell-partner-card>`,
  parameters: { role: 'seller' },
};
export default meta;
type Story = StoryObj;

export const Full: Story = {};
export const Compact: Story = { args: { variant: 'compact' } };
export const PreLaunch: Story = { args: { partnerId: 'p-tessera' } };
export const CompactList: Story = {
  render: () => html`<div style="display:grid;gap:.5rem;max-width:40rem">
    ${demoPartners.slice(0, 6).map((p) => html`<cosell-partner-card partner-id=${p.id} variant="compact"></cosell-partner-card>`)}
  </div>`,
};
export const LongTextsAndUnsafeLinks: Story = {
  render: () => html`<div style="max-width:28rem"><cosell-partner-card .partner=${longPartner}></cosell-partner-card></div>`,
};
export const Loading: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['getPartner'])}><cosell-partner-card partner-id="p-northwind"></cosell-partner-card></cosell-provider>`,
};
export const NotFound: Story = { args: { partnerId: 'p-does-not-exist' } };
export const Error: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['getPartner'], 'unavailable')}><cosell-partner-card partner-id="p-northwind"></cosell-partner-card></cosell-provider>`,
};
export const NoPermissionToRefer: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${demoAdapter('finance')}><cosell-partner-card partner-id="p-northwind"></cosell-partner-card></cosell-provider>`,
};
export const RightToLeft: Story = {
  parameters: { locale: 'ar-EG' },
  render: () => html`<div dir="rtl" lang="ar"><cosell-partner-card partner-id="p-lumen"></cosell-partner-card></div>`,
};
