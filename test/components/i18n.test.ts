import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { currentLanguage, overrideMessages, resolveLanguage, setLanguage } from '../../components/base/localize.js';
import { cardOf, columnOfCard, focusedCard, mountBoard, referral, settle } from '../fixtures/board.js';

const cards = () => [
  referral('r-acme', 'Acme', 'qualified', { submitted: 3 }),
  referral('r-cedar', 'Cedar Health', 'proposal', { submitted: 4 }),
];

describe('languages', () => {
  afterEach(async () => {
    overrideMessages({});
    await setLanguage('en');
  });

  it('falls back by language tag: de-AT → de, ar-EG → ar; an unknown locale → en with one warning', () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      expect(resolveLanguage('de-AT')).to.equal('de');
      expect(resolveLanguage('ar-EG')).to.equal('ar');
      expect(resolveLanguage('ja')).to.equal('ja');
      expect(resolveLanguage('xx-YY')).to.equal('en');
      expect(resolveLanguage('xx-YY')).to.equal('en');
      expect(resolveLanguage('not a tag')).to.equal('en');
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(2);
  });

  it('switching the provider’s locale re-renders every widget in the new language, without a reload', async () => {
    const { board, provider } = await mountBoard({ referrals: cards() });
    const heading = () => board.shadowRoot!.querySelector('.column[data-stage="qualified"] .label')!.textContent;
    expect(heading()).to.equal('Qualified');
    provider.locale = 'de-DE';
    await provider.updateComplete;
    await provider.ready;
    await settle(board);
    expect(currentLanguage()).to.equal('de');
    expect(heading()).to.equal('Qualifiziert');
    expect(provider.getAttribute('lang')).to.equal('de-DE');
    // A card rendered by the virtualizer follows too.
    expect(cardOf(board, 'r-acme')!.querySelector('.move')!.textContent).to.contain('Verschieben nach');
    provider.locale = 'en-US';
    await provider.updateComplete;
    await provider.ready;
    await settle(board);
    expect(heading()).to.equal('Qualified');
  });

  it('a company brings its own wording (its stage names, its word for a referral) without forking', async () => {
    const { board, provider } = await mountBoard({ referrals: cards() });
    provider.messages = { en: { 'stage.qualified': 'Vetted', 'board.total.other': '{0} deal registrations' }, '*': { 'stage.proposal': 'Quote sent' } };
    await provider.updateComplete;
    await provider.ready;
    await waitUntil(() => board.shadowRoot!.querySelector('.column[data-stage="qualified"] .label')!.textContent === 'Vetted', 'the override was not shown');
    expect(board.shadowRoot!.querySelector('.column[data-stage="proposal"] .label')!.textContent).to.equal('Quote sent');
    expect(board.shadowRoot!.querySelector('.summary [role="status"]')!.textContent.trim()).to.equal('2 deal registrations');
    // In German the "*" override applies, the English one does not, the rest is German.
    provider.locale = 'de';
    await provider.updateComplete;
    await provider.ready;
    await settle(board);
    expect(board.shadowRoot!.querySelector('.column[data-stage="proposal"] .label')!.textContent).to.equal('Quote sent');
    expect(board.shadowRoot!.querySelector('.column[data-stage="qualified"] .label')!.textContent).to.equal('Qualifiziert');
  });

  it('in Arabic the provider is right to left and Left/Right arrows follow the reading direction on the board', async () => {
    const { board, provider } = await mountBoard({ referrals: cards(), locale: 'ar' });
    await settle(board);
    expect(provider.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(board).direction).to.equal('rtl');
    // Columns run right to left: Proposal (after Qualified) is to the left of Qualified.
    const qualified = board.shadowRoot!.querySelector('.column[data-stage="qualified"]')!.getBoundingClientRect();
    const proposal = board.shadowRoot!.querySelector('.column[data-stage="proposal"]')!.getBoundingClientRect();
    expect(proposal.right).to.be.at.most(qualified.left + 1);
    cardOf(board, 'r-acme')!.focus();
    // Left is "next" in right-to-left: from Qualified to Proposal.
    await sendKeys({ press: 'ArrowLeft' });
    await settle(board);
    expect(focusedCard(board)).to.equal('r-cedar');
    await sendKeys({ press: 'ArrowRight' });
    await settle(board);
    expect(focusedCard(board)).to.equal('r-acme');
    // A keyboard move: lift, Left, drop → the card is in Proposal.
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Space' });
    await waitUntil(() => columnOfCard(board, 'r-acme') === 'proposal', 'Left did not move the card to the next stage');
  });

  it('every locale shows its own words on the board: stage names, counts, buttons', async () => {
    const expected: Record<string, { stage: string; total: string; exportButton: string }> = {
      de: { stage: 'Qualifiziert', total: '2 Empfehlungen', exportButton: 'CSV exportieren' },
      fr: { stage: 'Qualifiée', total: '2 recommandations', exportButton: 'Exporter en CSV' },
      es: { stage: 'Calificada', total: '2 referencias', exportButton: 'Exportar CSV' },
      ja: { stage: '見込み確認済み', total: '紹介 2 件', exportButton: 'CSV をエクスポート' },
      ar: { stage: 'مؤهَّلة', total: '2 إحالتان', exportButton: 'تصدير CSV' },
    };
    const { board, provider } = await mountBoard({ referrals: cards() });
    for (const [locale, words] of Object.entries(expected)) {
      provider.locale = locale;
      await provider.updateComplete;
      await provider.ready;
      await settle(board);
      const root = board.shadowRoot!;
      expect(root.querySelector('.column[data-stage="qualified"] .label')!.textContent, locale).to.equal(words.stage);
      expect(root.querySelector('.summary [role="status"]')!.textContent.trim(), locale).to.equal(words.total);
      expect(root.querySelector('[part="export-button"]')!.textContent.trim(), locale).to.equal(words.exportButton);
    }
  });

  it('respects a dir the host set on the provider', async () => {
    const provider = await fixture<CosellProvider>(html`<cosell-provider locale="ar" dir="ltr"></cosell-provider>`);
    await provider.ready;
    expect(provider.getAttribute('dir')).to.equal('ltr');
  });
});
