import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { CrmAdapter } from '../src/adapters/adapter.js';
import { MemoryAdapter } from '../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../src/demo-data.js';
import { CrmError, type CrmErrorKind } from '../src/errors.js';
import '../components/pipeline-board/define.js';

interface BoardArgs {
  partnerId: string;
  sellerId: string;
  market: string;
  from: string;
  to: string;
  q: string;
  staleDays: number;
  readonly: boolean;
  review: boolean;
  reviewSince: string;
}

const now = new Date(DEMO_REFERENCE_DATE);

const board = (args: Partial<BoardArgs>) => html`<cosell-pipeline-board
  .now=${now}
  partner-id=${args.partnerId || ''}
  seller-id=${args.sellerId || ''}
  market=${args.market || ''}
  from=${args.from || ''}
  to=${args.to || ''}
  q=${args.q || ''}
  stale-days=${args.staleDays ?? 30}
  ?readonly=${args.readonly}
  ?review=${args.review}
  review-since=${args.reviewSince || ''}
></cosell-pipeline-board>`;

/** A story that brings its own provider (the global decorator is turned off for it). */
function withOwnAdapter(adapter: () => CrmAdapter, args: Partial<BoardArgs> = {}) {
  return html`<cosell-provider .adapter=${adapter()} locale="en-US" currency="USD">${board(args)}</cosell-provider>`;
}

/** The demo world where listing referrals never answers, or fails with `kind`. */
function listingAdapter(kind: CrmErrorKind | 'pending'): CrmAdapter {
  const memory = new MemoryAdapter(createDemoData({ seed: 1, referrals: 50 }));
  return new Proxy(memory, {
    get(target, key, receiver) {
      if (key === 'listReferrals') {
        return () => (kind === 'pending' ? new Promise(() => undefined) : Promise.reject(new CrmError(kind)));
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const meta: Meta<BoardArgs> = {
  title: 'Pipeline board',
  component: 'cosell-pipeline-board',
  render: (args) => board(args),
  args: { partnerId: '', sellerId: '', market: '', from: '', to: '', q: '', staleDays: 30, readonly: false, review: false, reviewSince: '' },
  argTypes: {
    market: { control: 'text', description: 'ISO 3166 country code of the prospect' },
    from: { control: 'text', description: 'Submitted on or after (YYYY-MM-DD)' },
    to: { control: 'text', description: 'Submitted on or before (YYYY-MM-DD)' },
  },
};
export default meta;
type Story = StoryObj<BoardArgs>;

/** The partner manager's board on 500 demo referrals: drag, "Move to…" or the keyboard. */
export const PartnerManager: Story = { parameters: { role: 'partner-manager' } };

/** The monthly review: what is new, moved and closed since 1 October, totals then and now, stuck deals. */
export const ReviewMode: Story = { args: { review: true, reviewSince: '2026-10-01' } };

/** Sellers see the same board read-only. */
export const SellerReadOnly: Story = { parameters: { role: 'seller' } };

/** One partner's pipeline, as in a partner portal: the partner name leaves the cards. */
export const OnePartner: Story = { args: { partnerId: 'p-northwind' } };

/** Deep-linked filters: market and free text. */
export const Filtered: Story = { args: { market: 'DE', q: 'a' } };

/** Totals and amounts in German. */
export const German: Story = { parameters: { locale: 'de-DE', currency: 'EUR' } };

/** A stricter stale rule: no stage change for 14 days. */
export const StaleAfterTwoWeeks: Story = { args: { staleDays: 14 } };

/** Hidden and renamed stages through the `stages` property. */
export const CustomStages: Story = {
  render: () => html`<cosell-pipeline-board
    .now=${now}
    .stages=${[
      { id: 'accepted', label: 'New' },
      { id: 'qualified', label: 'Discovery' },
      { id: 'proposal', label: 'Proposal' },
      { id: 'negotiation', label: 'Contracting' },
      { id: 'closed-won', label: 'Won' },
    ]}
  ></cosell-pipeline-board>`,
};

/** 10,000 referrals: the columns are virtualized, so the DOM holds only the cards in view. */
export const TenThousandCards: Story = {
  parameters: { cosell: { provider: false } },
  render: (args) => withOwnAdapter(() => new MemoryAdapter(createDemoData({ seed: 1, referrals: 10_000 })), args),
};

export const Loading: Story = {
  parameters: { cosell: { provider: false } },
  render: (args) => withOwnAdapter(() => listingAdapter('pending'), args),
};

export const Empty: Story = {
  parameters: { cosell: { provider: false } },
  render: (args) =>
    withOwnAdapter(() => {
      const data = createDemoData({ seed: 1, referrals: 0 });
      return new MemoryAdapter({ ...data, referrals: [] });
    }, args),
};

/** Nothing matches the filters: the empty state offers to clear them. */
export const NoMatch: Story = { args: { q: 'no company is called this' } };

export const LoadError: Story = {
  name: 'Error',
  parameters: { cosell: { provider: false } },
  render: (args) => withOwnAdapter(() => listingAdapter('unavailable'), args),
};

export const NoPermission: Story = {
  parameters: { cosell: { provider: false } },
  render: (args) => withOwnAdapter(() => listingAdapter('permission'), args),
};
