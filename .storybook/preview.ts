import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryAdapter } from '../src/adapters/memory-adapter.js';
import { createDemoData } from '../src/demo-data.js';
import '../components/define.js';

const demoData = createDemoData({ seed: 1, referrals: 500 });

/**
 * Every story renders inside a <cosell-provider> with an in-memory adapter on the demo data.
 * Story parameters: `role` picks the signed-in user's role; `locale` and `currency` the provider's;
 * `cosell: { provider: false }` renders the story bare (it brings its own provider).
 */
const withProvider: Decorator = (story, context) => {
  const parameters = context.parameters as { role?: string; locale?: string; currency?: string; cosell?: { provider?: boolean } };
  if (parameters.cosell?.provider === false) return story();
  const currentUser = demoData.users.find((u) => u.role === (parameters.role ?? 'partner-manager')) ?? demoData.currentUser;
  const adapter = new MemoryAdapter({ ...demoData, currentUser });
  return html`<cosell-provider .adapter=${adapter} locale=${parameters.locale ?? 'en-US'} currency=${parameters.currency ?? 'USD'}>${story()}</cosell-provider>`;
};

const preview: Preview = {
  decorators: [withProvider],
  parameters: { layout: 'padded', controls: { expanded: true } },
};
export default preview;
