import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { CrmAdapter } from '../src/adapters/adapter.js';
import { MemoryAdapter } from '../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../src/demo-data.js';
import { CrmError } from '../src/errors.js';
import '../components/define.js';

/**
 * <cosell-revshare-summary> on the demo data (10 partners with agreements, 24 months of statements, as of
 * 1 November 2026). Most stories use the global provider (role from `parameters.role`); the states that
 * need a special adapter (loading, error, no agreement, no permission) bring their own provider.
 */
const AS_OF = DEMO_REFERENCE_DATE.slice(0, 10);
const demoData = createDemoData({ seed: 1, referrals: 500 });

interface Args {
  partnerId: string;
  from: string;
  to: string;
  currency: string;
  groupBy: 'month' | 'quarter';
}

const summary = (args: Args) => html`<cosell-revshare-summary
  partner-id=${args.partnerId || nothing}
  from=${args.from}
  to=${args.to}
  currency=${args.currency || nothing}
  group-by=${args.groupBy}
  as-of=${AS_OF}
></cosell-revshare-summary>`;

/** An adapter that waits (`hold`) or fails once (`failOnce`) on listAgreements; everything else is the MemoryAdapter's. */
function storyAdapter(options: { hold?: boolean; failOnce?: CrmError; role?: string; partnerIds?: string[]; empty?: boolean } = {}): CrmAdapter {
  const user = demoData.users.find((u) => u.role === (options.role ?? 'finance')) ?? demoData.currentUser;
  const currentUser = { ...user, partnerIds: options.partnerIds ?? user.partnerIds };
  const seed = options.empty ? { ...demoData, agreements: [], statements: [] } : demoData;
  const memory = new MemoryAdapter({ ...seed, currentUser });
  let failure = options.failOnce;
  return new Proxy(memory, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== 'listAgreements' || typeof value !== 'function') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return (...rest: unknown[]) => {
        if (options.hold) return new Promise(() => undefined);
        if (failure) {
          const error = failure;
          failure = undefined;
          return Promise.reject(error);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, rest);
      };
    },
  });
}

const withOwnProvider = (adapter: () => CrmAdapter, locale = 'en-US') => (args: Args) =>
  html`<cosell-provider .adapter=${adapter()} locale=${locale}>${summary(args)}</cosell-provider>`;

const meta: Meta<Args> = {
  title: 'Revenue share/Summary',
  component: 'cosell-revshare-summary',
  render: summary,
  args: { partnerId: '', from: '2025-11', to: '2026-10', currency: '', groupBy: 'month' },
  argTypes: {
    partnerId: { control: 'select', options: ['', ...demoData.agreements.map((a) => a.partnerId)] },
    groupBy: { control: 'inline-radio', options: ['month', 'quarter'] },
    currency: { control: 'select', options: ['', 'USD', 'EUR', 'GBP', 'JPY'] },
  },
  parameters: { role: 'finance' },
};
export default meta;
type Story = StoryObj<Args>;

/** Finance: every partner, the last 12 closed months, one KPI row and chart per currency. */
export const AllPartners: Story = {};

/** A partner manager preparing a QBR: one partner, one quarter. Open a statement to see its lines. */
export const PartnerQuarter: Story = {
  args: { partnerId: 'p-atlas', from: '2026-07', to: '2026-09' },
  parameters: { role: 'partner-manager' },
};

/** A partner whose rates changed mid-agreement (Northwind CRM), over 24 months by quarter. */
export const ByQuarter: Story = { args: { partnerId: 'p-northwind', from: '2024-11', to: '2026-10', groupBy: 'quarter' } };

/** Only the euro agreements. */
export const OneCurrency: Story = { args: { currency: 'EUR' } };

export const German: Story = { args: { partnerId: 'p-lumen' }, parameters: { locale: 'de-DE', currency: 'EUR' } };
export const Japanese: Story = { args: { partnerId: 'p-kanso' }, parameters: { locale: 'ja-JP', currency: 'JPY' } };

/** A seller sees only their own quota retirement. */
export const Seller: Story = { parameters: { role: 'seller' } };

export const Loading: Story = { render: withOwnProvider(() => storyAdapter({ hold: true })), parameters: { cosell: { provider: false } } };

/** The CRM fails once; Retry loads. */
export const ErrorWithRetry: Story = {
  render: withOwnProvider(() => storyAdapter({ failOnce: new CrmError('unavailable') })),
  parameters: { cosell: { provider: false } },
};

export const EmptyNoAgreement: Story = {
  args: { partnerId: 'p-atlas' },
  render: withOwnProvider(() => storyAdapter({ empty: true })),
  parameters: { cosell: { provider: false } },
};

export const EmptyNoStatements: Story = { args: { from: '2027-01', to: '2027-03' } };

/** A partner manager who manages other partners asks for Atlas Knowledge: the CRM refuses. */
export const NoPermission: Story = {
  args: { partnerId: 'p-atlas' },
  render: withOwnProvider(() => storyAdapter({ role: 'partner-manager', partnerIds: ['p-northwind'] })),
  parameters: { cosell: { provider: false } },
};
