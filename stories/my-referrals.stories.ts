import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { newSellerAdapter, stalledAdapter } from './seller-adapters.js';

const meta: Meta = {
  title: 'Seller/My referrals',
  component: 'cosell-my-referrals',
  args: { filter: 'all' },
  argTypes: { filter: { control: 'inline-radio', options: ['all', 'open', 'closed'] } },
  render: (args) => html`<cosell-my-referrals filter=${args['filter'] as string}></cosell-my-referrals>`,
  parameters: { role: 'seller' },
};
export default meta;
type Story = StoryObj;

export const All: Story = {};
export const Open: Story = { args: { filter: 'open' } };
export const Closed: Story = { args: { filter: 'closed' } };
export const Empty: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${newSellerAdapter()}><cosell-my-referrals></cosell-my-referrals></cosell-provider>`,
};
export const Loading: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['listReferrals'])}><cosell-my-referrals></cosell-my-referrals></cosell-provider>`,
};
export const Error: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['listReferrals'], 'unavailable')}><cosell-my-referrals></cosell-my-referrals></cosell-provider>`,
};
export const NoPermission: Story = {
  parameters: { cosell: { provider: false } },
  render: () => html`<cosell-provider .adapter=${stalledAdapter(['listReferrals'], 'permission')}><cosell-my-referrals></cosell-my-referrals></cosell-provider>`,
};
export const RightToLeft: Story = {
  parameters: { locale: 'ar-EG' },
  render: () => html`<div dir="rtl" lang="ar"><cosell-my-referrals></cosell-my-referrals></div>`,
};
