import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Announcer } from '../../components/base/announcer.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import { currentLanguage, setLanguage } from '../../components/base/localize.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE, type DemoData } from '../../src/demo-data.js';
import { CrmError } from '../../src/errors.js';
import { countryOptions } from '../../src/domain/countries.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';

/**
 * The check that nothing is left behind: every element rendered in the pseudo-locale en-XA (each
 * message wrapped in ⟦…⟧, generated from the XLIFF by `npm run localize`) shows no English outside ⟦…⟧
 * in a text node, aria-label, title, placeholder or live region. Data (names, companies, dates, amounts)
 * is taken out first: it is the CRM's text, not ours.
 */

/** Every string in the data set: partner names, companies, people, use cases, ... */
function dataStrings(data: DemoData): string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(data);
  // Names Intl writes (in en-XA it falls back to English): countries and currencies are not our words.
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  const currencies = new Intl.DisplayNames(['en'], { type: 'currency' });
  for (const code of ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'IE', 'AU', 'JP', 'SG', 'IN', 'BR', 'MX']) out.add(regions.of(code)!);
  for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD']) out.add(currencies.of(code)!);
  for (const { name } of countryOptions('en-XA')) out.add(name);
  return [...out].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
}

/** Month names and the like that Intl writes in en-XA (it formats as English): not ours to translate. */
const INTL_WORDS = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|US dollars|euros|British pounds|Q[1-4])\b/g;

function textsOf(root: Node): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      if (parent && !['STYLE', 'SCRIPT'].includes(parent.tagName)) out.push({ where: `text in <${parent.localName}>`, text: node.textContent ?? '' });
      return;
    }
    if (node instanceof Element) {
      for (const attribute of ['aria-label', 'title', 'placeholder', 'aria-description', 'alt']) {
        const value = node.getAttribute(attribute);
        if (value) out.push({ where: `${attribute} of <${node.localName}>`, text: value });
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return out;
}

/** Texts that still carry English: letters left once the ⟦…⟧ messages, the data and Intl's words are out. */
function untranslated(root: Node, data: readonly string[]): string[] {
  const left: string[] = [];
  for (const { where, text } of textsOf(root)) {
    // The virtualizer's sizer writes the literal text "&nbsp;".
    if (text === '&nbsp;') continue;
    let rest = text;
    // Messages nest (a stage name inside an announcement): take out the innermost until none is left.
    while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    for (const value of data) if (rest.includes(value)) rest = rest.split(value).join(' ');
    rest = rest.replace(INTL_WORDS, ' ').replace(/\b[A-Z]{2,3}\b/g, ' '); // currency codes, initials
    if (/[A-Za-z]{2,}/.test(rest)) left.push(`${where}: "${text.trim()}"`);
  }
  return left;
}

function demo(currentUserId: string): { data: DemoData; adapter: MemoryAdapter } {
  const data = createDemoData({ seed: 1, referrals: 40, currentUserId });
  return { data, adapter: new MemoryAdapter(data, { now: () => new Date(DEMO_REFERENCE_DATE) }) };
}

async function settled(provider: CosellProvider): Promise<void> {
  await provider.ready;
  for (const element of provider.querySelectorAll('*')) {
    await waitUntil(() => !element.shadowRoot?.querySelector('[data-kind="loading"]'), `${element.localName} did not load`, { timeout: 15_000 });
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

describe('pseudo-locale: no English left outside the messages', () => {
  after(() => setLanguage('en'));

  it('partner card, pipeline board (with review mode) and revenue share for an admin', async () => {
    const { data, adapter } = demo('u-admin-robin');
    const partner = data.partners[0]!;
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} locale="en-XA" now=${DEMO_REFERENCE_DATE}>
      <cosell-partner-card partner-id=${partner.id}></cosell-partner-card>
      <cosell-pipeline-board review></cosell-pipeline-board>
      <cosell-revshare-summary from="2026-01" to="2026-10"></cosell-revshare-summary>
    </cosell-provider>`);
    await settled(provider);
    expect(currentLanguage()).to.equal('en-XA');
    const board = provider.querySelector<CosellPipelineBoard>('cosell-pipeline-board')!;
    await waitUntil(() => board.shadowRoot!.querySelector('.card'), 'no card');
    // Open a statement's lines, too.
    const revshare = provider.querySelector('cosell-revshare-summary')!;
    revshare.shadowRoot!.querySelector<HTMLButtonElement>('button.expand')?.click();
    await revshare.updateComplete;
    expect(untranslated(provider, dataStrings(data))).to.deep.equal([]);
    // The CSV headings too.
    expect(board.toCsv().split('\r\n')[0]).to.match(/^⟦/);
  });

  it('the board announces a keyboard lift and a move in the pseudo-locale', async () => {
    const { data, adapter } = demo('u-admin-robin');
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} locale="en-XA" now=${DEMO_REFERENCE_DATE}>
      <cosell-pipeline-board></cosell-pipeline-board>
    </cosell-provider>`);
    await settled(provider);
    const board = provider.querySelector<CosellPipelineBoard>('cosell-pipeline-board')!;
    await waitUntil(() => board.shadowRoot!.querySelector('.card[tabindex="0"]'), 'no card');
    board.shadowRoot!.querySelector<HTMLElement>('.card[tabindex="0"]')!.focus();
    await sendKeys({ press: 'Space' });
    await board.updateComplete;
    const region = Announcer.regionOf(board)!;
    expect(region.textContent).to.match(/⟦/);
    await sendKeys({ press: 'ArrowRight' });
    await board.updateComplete;
    expect(region.textContent).to.match(/⟦/);
    expect(untranslated(region, dataStrings(data))).to.deep.equal([]);
  });

  it('referral form (validation, summary, live region) and my referrals for a seller', async () => {
    const { data, adapter } = demo('u-seller-dana');
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} locale="en-XA" now=${DEMO_REFERENCE_DATE}>
      <cosell-referral-form></cosell-referral-form>
      <cosell-my-referrals></cosell-my-referrals>
    </cosell-provider>`);
    await settled(provider);
    const form = provider.querySelector<CosellReferralForm>('cosell-referral-form')!;
    await form.submit();
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('[part="error-summary"]')).to.exist;
    expect(untranslated(provider, dataStrings(data))).to.deep.equal([]);
  });

  it('error, retry and no-permission states', async () => {
    const { data, adapter } = demo('u-seller-dana');
    const faulty = new FaultyAdapter(adapter);
    faulty.failNext('listPartners', new CrmError('network'));
    faulty.failNext('listReferrals', new CrmError('unavailable'));
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${faulty.adapter} locale="en-XA" now=${DEMO_REFERENCE_DATE}>
      <cosell-my-referrals></cosell-my-referrals>
      <cosell-revshare-summary from="2026-01" to="2026-10"></cosell-revshare-summary>
    </cosell-provider>`);
    await settled(provider);
    await waitUntil(() => provider.querySelector('cosell-my-referrals')!.shadowRoot!.querySelector('[data-kind="error"]'), 'no error state');
    expect(untranslated(provider, dataStrings(data))).to.deep.equal([]);
  });
});
