// axe-core with the WCAG 2.2 AA tags over every widget on demo data, in theme light and dark, each on
// a white and on a dark (#111) host page (issue 13). Each widget paints its own surface, so its
// contrast never depends on the host page; the provider does not paint the host's own markup (the
// heading here) in the theme's text colour. Target size (2.5.8) is part of the wcag22aa tag.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type Axe from 'axe-core';
import '../../components/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, type DemoData } from '../../src/demo-data.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';

// The board's virtualizer resizes cards as it measures them; Chromium reports the benign
// "ResizeObserver loop completed with undelivered notifications", which mocha would take for a failure.
window.addEventListener('error', (event) => {
  if (event.message?.includes('ResizeObserver loop')) event.stopImmediatePropagation();
}, true);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's browser build registers `window.axe` when loaded as a plain script or module. */
async function axe(): Promise<typeof Axe> {
  const global = window as unknown as { axe?: typeof Axe };
  if (!global.axe) await import('axe-core');
  return global.axe!;
}

/**
 * What axe could not decide ("incomplete") and why that is fine here, by rule and axe's message key.
 * Anything else that axe leaves undecided fails the test like a violation.
 */
const EXPLAINED: Record<string, string> = {
  'color-contrast/nonBmp': 'icon glyphs (✓ ⚠ ▸ ▲ ↕), aria-hidden and always beside a text label that is checked',
  'color-contrast/imgNode': 'SVG chart text, whose background axe cannot see: it is --cosell-color-text-weak (or -error) on the widget surface, the same pair axe checks in the legend',
  'color-contrast/bgOverlap': 'text under an opened popup (the partner list, the "Move to…" menu): the popup covers it on purpose',
  'color-contrast/emptyValue': 'an empty field has no text to measure; its label and hint are checked',
  'scrollable-region-focusable': "a column's card list: its cards are reached with the arrow keys through the board's one tab stop (roving tabindex), which scrolls the list",
};

/** Violations, and undecided results without an explanation above, as one readable line per node. */
async function violations(element: Element): Promise<string[]> {
  const { violations, incomplete } = await (await axe()).run(element, { runOnly: { type: 'tag', values: TAGS } });
  const line = (kind: string, v: Axe.Result, n: Axe.NodeResult) =>
    `${kind} ${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.html.slice(0, 120)} — ${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 200)}`;
  const unexplained = incomplete.flatMap((v) =>
    v.nodes
      .filter((n) => {
        const key = (n.any[0]?.data as { messageKey?: string } | null)?.messageKey;
        return !EXPLAINED[v.id] && !(key && EXPLAINED[`${v.id}/${key}`]);
      })
      .map((n) => line('undecided', v, n)),
  );
  return [...violations.flatMap((v) => v.nodes.map((n) => line('violation', v, n))), ...unexplained];
}

const HOSTS = { white: { background: '#ffffff', color: '#1a1a1a' }, dark: { background: '#111111', color: '#eeeeee' } } as const;
const THEMES = ['light', 'dark'] as const;

interface Case {
  name: string;
  user: string;
  widget: TemplateResult;
  /** Brings the widget into the state under test (opened, submitted, expanded) once it has loaded. */
  act?: (root: ShadowRoot) => Promise<void> | void;
  /** Changes the demo data first (no referrals, say). */
  seed?: (demo: DemoData) => DemoData;
  /** The adapter's listReferrals fails (the error state). */
  failListing?: boolean;
}

/** Fills the referral form's required fields with a valid prospect and submits it. */
function fillAndSubmit(root: ShadowRoot): void {
  const set = (field: string, value: string) => {
    const control = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${field}"]`)!;
    control.value = value;
    control.dispatchEvent(new Event(control.localName === 'select' ? 'change' : 'input', { bubbles: true, composed: true }));
  };
  set('contactName', 'Hank Scorpio');
  set('contactEmail', 'hank@globex.example');
  const useCase = root.querySelector<HTMLSelectElement>('[data-field="useCase"]')!;
  set('useCase', [...useCase.options].find((o) => o.value)!.value);
  set('arr', '12500');
  root.querySelector<HTMLInputElement>('[data-field="consent"]')!.click();
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

/** A company the demo data referred to Northwind most recently: referring it again is a duplicate. */
const referredToNorthwind = createDemoData({ seed: 1 })
  .referrals.filter((r) => r.partnerId === 'p-northwind')
  .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0]!.prospect.company;

/** Lifts the board's tab-stop card and chooses the next column. */
async function liftOverNextColumn(root: ShadowRoot): Promise<void> {
  await waitUntil(() => root.querySelector('.card[tabindex="0"]'), 'cards shown');
  root.querySelector<HTMLElement>('.card[tabindex="0"]')!.focus();
  await sendKeys({ press: 'Space' });
  await sendKeys({ press: 'ArrowRight' });
  await waitUntil(() => root.querySelector('[part="drop-indicator"]'), 'drop hint shown');
}

const rootOf = (provider: CosellProvider, tag: string) => provider.querySelector(tag)!.shadowRoot!;

const CASES: Case[] = [
  { name: 'partner card', user: 'u-seller-dana', widget: html`<cosell-partner-card partner-id="p-northwind"></cosell-partner-card>` },
  {
    name: 'referral form',
    user: 'u-seller-dana',
    widget: html`<cosell-referral-form partner-id="p-northwind" prospect-company="Acme Logistics" prospect-country="US" crm-record-id="001xx000003DGb2AAG"></cosell-referral-form>`,
  },
  {
    name: 'referral form with its error summary',
    user: 'u-seller-dana',
    widget: html`<cosell-referral-form partner-id="p-northwind" crm-record-id="001xx000003DGb2AAG"></cosell-referral-form>`,
    act: async (root) => {
      root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitUntil(() => root.querySelector('[part="error-summary"] a'), 'error summary shown');
    },
  },
  {
    name: 'referral form with the partner list open',
    user: 'u-seller-dana',
    widget: html`<cosell-referral-form crm-record-id="001xx000003DGb2AAG"></cosell-referral-form>`,
    act: async (root) => {
      const input = await waitUntil(() => root.querySelector<HTMLInputElement>('[role="combobox"]'), 'combobox shown').then(() => root.querySelector<HTMLInputElement>('[role="combobox"]')!);
      input.focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => root.querySelector('[role="listbox"]:not([hidden]) [role="option"]'), 'partner list open');
    },
  },
  {
    name: 'referral form after a submit, with its confirmation',
    user: 'u-seller-dana',
    widget: html`<cosell-referral-form partner-id="p-northwind" prospect-company="Acme Logistics" prospect-country="US" crm-record-id="001xx000003DGb2AAG"></cosell-referral-form>`,
    act: async (root) => {
      fillAndSubmit(root);
      await waitUntil(() => root.querySelector('#confirmation-heading'), 'confirmation shown', { timeout: 5000 });
    },
  },
  {
    name: 'referral form with the duplicate notice',
    user: 'u-seller-dana',
    widget: html`<cosell-referral-form partner-id="p-northwind" prospect-company=${referredToNorthwind} prospect-country="US" crm-record-id="001xx000003DGb2AAG"></cosell-referral-form>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector('[data-kind="duplicate-early"]'), 'early duplicate warning shown', { timeout: 5000 });
      fillAndSubmit(root);
      await waitUntil(() => root.querySelector('[data-kind="duplicate"]'), 'duplicate notice shown', { timeout: 5000 });
    },
  },
  { name: 'my referrals', user: 'u-seller-dana', widget: html`<cosell-my-referrals page-size="8"></cosell-my-referrals>` },
  {
    name: 'my referrals, none yet',
    user: 'u-seller-dana',
    widget: html`<cosell-my-referrals page-size="8"></cosell-my-referrals>`,
    seed: (demo) => ({ ...demo, referrals: [] }),
    act: async (root) => {
      await waitUntil(() => root.querySelector('[part~="state"][data-kind="empty"]'), 'empty state shown');
    },
  },
  {
    name: 'my referrals that failed to load',
    user: 'u-seller-dana',
    widget: html`<cosell-my-referrals page-size="8"></cosell-my-referrals>`,
    failListing: true,
    act: async (root) => {
      await waitUntil(() => root.querySelector('[part~="state"][data-kind="error"]'), 'error state shown');
    },
  },
  {
    name: 'pipeline board filtered to nothing',
    user: 'u-pm-sofia',
    widget: html`<cosell-pipeline-board partner-id="p-northwind" q="no such prospect anywhere"></cosell-pipeline-board>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector('[part~="state"][data-kind="empty"] button'), 'empty state with "Clear filters" shown');
    },
  },
  {
    name: 'pipeline board at 390 px with its stage switcher',
    user: 'u-pm-sofia',
    widget: html`<cosell-pipeline-board partner-id="p-northwind" style="width: 390px"></cosell-pipeline-board>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector<HTMLElement>('[part="stage-switcher"] select')?.checkVisibility(), 'stage switcher shown');
    },
  },
  {
    name: 'pipeline board at 390 px with a card lifted',
    user: 'u-pm-sofia',
    widget: html`<cosell-pipeline-board partner-id="p-northwind" style="width: 390px"></cosell-pipeline-board>`,
    act: liftOverNextColumn,
  },
  { name: 'pipeline board', user: 'u-pm-sofia', widget: html`<cosell-pipeline-board partner-id="p-northwind"></cosell-pipeline-board>` },
  {
    name: 'pipeline board in review mode',
    user: 'u-pm-sofia',
    widget: html`<cosell-pipeline-board partner-id="p-northwind" review></cosell-pipeline-board>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector('[part~="review"] li button'), 'stuck deals listed');
    },
  },
  {
    name: 'pipeline board with a card lifted over another column',
    user: 'u-pm-sofia',
    widget: html`<cosell-pipeline-board partner-id="p-northwind"></cosell-pipeline-board>`,
    act: liftOverNextColumn,
  },
  {
    name: 'pipeline board with a "Move to…" menu open',
    user: 'u-pm-sofia',
    widget: html`<cosell-pipeline-board partner-id="p-northwind"></cosell-pipeline-board>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector('[data-action="move-menu"]'), 'cards shown');
      root.querySelector<HTMLButtonElement>('[data-action="move-menu"]')!.click();
      await waitUntil(() => root.querySelector('[role="menu"] [role="menuitem"]'), 'menu open');
    },
  },
  {
    name: 'pipeline board asking for a closed-lost reason',
    user: 'u-pm-sofia',
    widget: html`<cosell-pipeline-board partner-id="p-northwind"></cosell-pipeline-board>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector('[data-action="move-menu"]'), 'cards shown');
      root.querySelector<HTMLButtonElement>('[data-action="move-menu"]')!.click();
      await waitUntil(() => root.querySelector('[role="menuitem"][data-stage="closed-lost"]'), 'menu open');
      root.querySelector<HTMLButtonElement>('[role="menuitem"][data-stage="closed-lost"]')!.click();
      await waitUntil(() => root.querySelector('dialog[open]'), 'reason dialog open');
    },
  },
  {
    name: 'revenue-share summary shown as a table',
    user: 'u-fin-grace',
    widget: html`<cosell-revshare-summary partner-id="p-northwind" from="2026-01" to="2026-06"></cosell-revshare-summary>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector('button[aria-pressed]'), 'summary shown');
      root.querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
      await waitUntil(() => root.querySelector('button[aria-pressed="true"]'), 'table shown');
    },
  },
  {
    name: 'revenue-share summary with a statement expanded',
    user: 'u-fin-grace',
    widget: html`<cosell-revshare-summary partner-id="p-northwind" from="2026-01" to="2026-06"></cosell-revshare-summary>`,
    act: async (root) => {
      await waitUntil(() => root.querySelector('button.expand'), 'statements listed');
      root.querySelector<HTMLButtonElement>('button.expand')!.click();
      await waitUntil(() => root.querySelector('button.expand[aria-expanded="true"]'), 'statement expanded');
    },
  },
];

async function mount(c: Case, theme: (typeof THEMES)[number], host: keyof typeof HOSTS, density = 'comfortable'): Promise<CosellProvider> {
  const page = HOSTS[host];
  document.body.style.background = page.background;
  document.body.style.color = page.color;
  const demo = createDemoData({ seed: 1, currentUserId: c.user });
  const memory = new MemoryAdapter(c.seed ? c.seed(demo) : demo);
  const adapter = c.failListing ? new FaultyAdapter(memory).failNext('listReferrals', 'network', 10).adapter : memory;
  const provider = await fixture<CosellProvider>(html`<cosell-provider theme=${theme} density=${density} .adapter=${adapter}>
    <h2 style="font-size: 1rem; font-weight: 400">Partner programme</h2>
    ${c.widget}
  </cosell-provider>`);
  await provider.ready;
  const tag = [...provider.children].find((child) => child.localName.startsWith('cosell-'))!.localName;
  const root = rootOf(provider, tag);
  await waitUntil(() => root.childElementCount > 0 && !root.querySelector('[data-kind="loading"]'), `${c.name} renders`, { timeout: 10_000 });
  await c.act?.(root);
  await new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)));
  return provider;
}

describe('WCAG 2.2 AA (axe-core) in every theme on a light and a dark host page', () => {
  before(async () => {
    await setViewport({ width: 1440, height: 900 });
  });
  after(() => {
    document.body.style.background = '';
    document.body.style.color = '';
  });
  // A form left filled (the duplicate notice) keeps its draft in localStorage: the next form would start from it.
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('cosell')) localStorage.removeItem(key);
  });

  for (const theme of THEMES) {
    for (const host of Object.keys(HOSTS) as (keyof typeof HOSTS)[]) {
      for (const c of CASES) {
        it(`${c.name}: theme ${theme} on a ${host} page has no violations and nothing undecided unexplained`, async () => {
          const provider = await mount(c, theme, host);
          const found = await violations(provider.parentElement!);
          expect(found, found.join('\n')).to.deep.equal([]);
        });
      }
    }
  }

  // Compact density, in the combinations where the host page is the opposite of the theme.
  for (const [theme, host] of [['dark', 'white'], ['light', 'dark']] as const) {
    for (const c of CASES) {
      it(`${c.name}: compact, theme ${theme} on a ${host} page has no violations and nothing undecided unexplained`, async () => {
        const provider = await mount(c, theme, host, 'compact');
        const found = await violations(provider.parentElement!);
        expect(found, found.join('\n')).to.deep.equal([]);
      });
    }
  }
});

/** Each target at least 24 x 24 CSS px (WCAG 2.5.8), also where axe lets it pass for its spacing. */
describe('target size of small controls (WCAG 2.5.8)', () => {
  before(async () => {
    await setViewport({ width: 1440, height: 900 });
  });

  const tooSmall = (elements: Element[]) =>
    elements
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ el, box }) => `${el.outerHTML.slice(0, 80)}: ${box.width.toFixed(1)} x ${box.height.toFixed(1)}`);

  const byName = (name: string) => CASES.find((c) => c.name === name)!;

  it('statement expand buttons and sort buttons of the revenue-share summary', async () => {
    const provider = await mount(byName('revenue-share summary with a statement expanded'), 'light', 'white');
    const root = rootOf(provider, 'cosell-revshare-summary');
    const targets = [...root.querySelectorAll('button.expand, th button.sort')];
    expect(targets.length).to.be.greaterThan(1);
    expect(tooSmall(targets)).to.deep.equal([]);
  });

  it('the stuck-deal buttons of the board in review mode', async () => {
    const provider = await mount(byName('pipeline board in review mode'), 'light', 'white');
    const targets = [...rootOf(provider, 'cosell-pipeline-board').querySelectorAll('[part~="review"] li button')];
    expect(targets.length).to.be.greaterThan(0);
    expect(tooSmall(targets)).to.deep.equal([]);
  });

  it('the error-summary links, the "No" and "Yes" radios and the consent checkbox, each with its label', async () => {
    const provider = await mount(byName('referral form with its error summary'), 'light', 'white');
    const root = rootOf(provider, 'cosell-referral-form');
    const links = [...root.querySelectorAll('[part="error-summary"] a')];
    const labels = [...root.querySelectorAll('input[type="radio"], input[type="checkbox"]')].map((input) => input.closest('label')!);
    expect(links.length).to.be.greaterThan(0);
    expect(labels.length).to.equal(3);
    expect(tooSmall([...links, ...labels])).to.deep.equal([]);
  });
});
