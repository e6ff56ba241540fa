// The states every element shares, asserted the same way for each: loading while the CRM answers,
// an error with Retry that works and one `cosell-error` per failure, and the no-permission state
// when the CRM refuses. The CRM is a real MemoryAdapter behind FaultyAdapter's switchboard.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../components/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import type { CosellErrorEvent } from '../../src/events.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';
import { NOW, PARTNERS, referral, USERS } from '../fixtures/board.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';

type Method = Parameters<FaultyAdapter['failNext']>[0];

interface ElementUnderTest {
  tag: string;
  /** The CRM call whose failure the element must show. */
  method: Method;
  template: () => TemplateResult;
  adapter: () => MemoryAdapter;
  /** What the element shows once loaded. */
  loaded: (root: ShadowRoot) => boolean;
}

const boardWorld = () =>
  new MemoryAdapter({ partners: PARTNERS, referrals: [referral('r-1', 'Acme', 'qualified')], currentUser: USERS['partner-manager'] }, { now: () => NOW });

const ELEMENTS: ElementUnderTest[] = [
  {
    tag: 'cosell-partner-card',
    method: 'getPartner',
    template: () => html`<cosell-partner-card partner-id="p-parrot"></cosell-partner-card>`,
    adapter: boardWorld,
    loaded: (root) => root.querySelector('[part="card"]') !== null,
  },
  {
    tag: 'cosell-referral-form',
    method: 'getPartner',
    template: () => html`<cosell-referral-form partner-id="p-parrot"></cosell-referral-form>`,
    adapter: () => new MemoryAdapter({ partners: PARTNERS, referrals: [], currentUser: USERS.seller }, { now: () => NOW }),
    loaded: (root) => root.querySelector('form') !== null,
  },
  {
    tag: 'cosell-my-referrals',
    method: 'listReferrals',
    template: () => html`<cosell-my-referrals seller-id="s-aiko"></cosell-my-referrals>`,
    adapter: () => new MemoryAdapter({ partners: PARTNERS, referrals: [referral('r-1', 'Acme', 'qualified')], currentUser: USERS.seller }, { now: () => NOW }),
    loaded: (root) => root.querySelector('table') !== null,
  },
  {
    tag: 'cosell-pipeline-board',
    method: 'listReferrals',
    template: () => html`<cosell-pipeline-board .now=${NOW}></cosell-pipeline-board>`,
    adapter: boardWorld,
    loaded: (root) => root.querySelector('[data-stage]') !== null && root.querySelector('[part~="state"][data-kind="loading"]') === null,
  },
  {
    tag: 'cosell-revshare-summary',
    method: 'listStatements',
    template: () => html`<cosell-revshare-summary></cosell-revshare-summary>`,
    adapter: () => {
      const demo = createDemoData({ referrals: 20 });
      return new MemoryAdapter(demo, { now: () => new Date(DEMO_REFERENCE_DATE) });
    },
    loaded: (root) => root.querySelector('table') !== null,
  },
];

async function mount(subject: ElementUnderTest, faulty: FaultyAdapter) {
  const errors: CosellErrorEvent[] = [];
  const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${faulty.adapter} locale="en-US" now=${NOW.toISOString()}
    @cosell-error=${(e: CosellErrorEvent) => errors.push(e)}>${subject.template()}</cosell-provider>`);
  const element = provider.querySelector<HTMLElement>(subject.tag)!;
  return { provider, element, root: element.shadowRoot!, errors };
}

const state = (root: ShadowRoot, kind: string) => root.querySelector<HTMLElement>(`[part~="state"][data-kind="${kind}"]`);

for (const subject of ELEMENTS) {
  describe(`<${subject.tag}>: the shared states`, () => {
    it('shows the loading state while the CRM answers, then its content', async () => {
      const faulty = new FaultyAdapter(subject.adapter());
      const release = faulty.hold(subject.method);
      const { root } = await mount(subject, faulty);
      await waitUntil(() => state(root, 'loading'), 'a loading state');
      expect(state(root, 'loading')!.getAttribute('role')).to.equal('status');
      release();
      await waitUntil(() => subject.loaded(root), 'the content once loaded');
    });

    it('shows an error with a Retry that works, and fires cosell-error once per failure', async () => {
      const faulty = new FaultyAdapter(subject.adapter());
      faulty.failNext(subject.method, 'unavailable');
      const { root, errors, element } = await mount(subject, faulty);
      await waitUntil(() => state(root, 'error'), 'an error state');
      expect(state(root, 'error')!.getAttribute('role')).to.equal('alert');
      await expect(element).to.be.accessible();
      expect(errors.map((e) => e.error.kind)).to.deep.equal(['unavailable']);
      root.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await waitUntil(() => subject.loaded(root), 'the content after Retry');
      expect(errors).to.have.length(1);
    });

    it('shows the no-permission state when the CRM refuses', async () => {
      const faulty = new FaultyAdapter(subject.adapter());
      faulty.failNext(subject.method, 'permission', 3);
      const { root, element } = await mount(subject, faulty);
      await waitUntil(() => state(root, 'no-permission'), 'a no-permission state');
      expect(root.querySelector('[part~="retry"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });
  });
}
