import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { StageChangeEvent } from '../../src/events.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import { CSV_HEADER } from '../../components/pipeline-board/board-model.js';
import { loaded, cardOf, column, columnOfCard, daysAgo, mountBoard, NOW, PARTNERS, referral, settle, shownIds } from '../fixtures/board.js';

const totalsOf = (board: CosellPipelineBoard, stage: string) =>
  [...board.shadowRoot!.querySelectorAll(`.column[data-stage="${stage}"] .totals li`)].map((li) => li.textContent.replace(/\s/g, ' ').trim());
const countOf = (board: CosellPipelineBoard, stage: string) =>
  board.shadowRoot!.querySelector(`.column[data-stage="${stage}"] .count`)!.textContent.trim();
const badgesOf = (board: CosellPipelineBoard, id: string) =>
  [...cardOf(board, id)!.querySelectorAll<HTMLElement>('.badge')].map((b) => b.dataset.badge);

const world = () => [
  referral('r-acme', 'Acme', 'qualified', { arr: { amountMinor: 1_000_000, currency: 'USD' }, seller: { id: 's-aiko', name: 'Aiko Tanaka' }, country: 'US', submitted: 20 }),
  referral('r-bolt', 'Bolt GmbH', 'qualified', { arr: { amountMinor: 500_000, currency: 'EUR' }, partnerId: 'p-quorum', seller: { id: 's-marco', name: 'Marco Ruiz' }, country: 'DE', submitted: 40 }),
  referral('r-cedar', 'Cedar Health', 'qualified', { arr: { amountMinor: 250_050, currency: 'USD' }, seller: { id: 's-marco', name: 'Marco Ruiz' }, country: 'GB', submitted: 70 }),
  referral('r-dune', 'Dune Logistics', 'proposal', { partnerId: 'p-quorum', country: 'DE', submitted: 100 }),
];

describe('<cosell-pipeline-board>', () => {
  it('shows a column per stage with the count and the estimated ARR per currency, in the provider locale', async () => {
    const { board } = await mountBoard({ referrals: world() });
    const stages = [...board.shadowRoot!.querySelectorAll<HTMLElement>('.column')].map((c) => c.dataset.stage);
    expect(stages).to.deep.equal(['submitted', 'accepted', 'qualified', 'proposal', 'negotiation', 'closed-won', 'closed-lost', 'rejected']);
    expect(countOf(board, 'qualified')).to.equal('3');
    // Never a sum of two currencies: one total per currency.
    expect(totalsOf(board, 'qualified')).to.deep.equal(['€5,000.00', '$12,500.50']);
    expect(totalsOf(board, 'proposal')).to.deep.equal(['$10,000.00']);
    expect(totalsOf(board, 'submitted')).to.deep.equal([]);
    expect(column(board, 'submitted').querySelector('.column-empty')!.textContent).to.equal('No referrals');

    board.parentElement!.remove(); // one board on screen at a time: off-screen columns render no cards
    const german = await mountBoard({ referrals: world(), locale: 'de-DE' });
    expect(totalsOf(german.board, 'qualified')).to.deep.equal(['5.000,00 €', '12.500,50 $']);
  });

  it('shows each card’s prospect, partner, seller, ARR and days in stage', async () => {
    const { board } = await mountBoard({ referrals: world() });
    const card = cardOf(board, 'r-bolt')!;
    expect(card.querySelector('.prospect')!.textContent).to.equal('Bolt GmbH');
    expect(card.querySelector('.partner')!.textContent).to.equal('Quorum Surveys');
    expect(card.querySelector('.seller')!.textContent).to.equal('Referred by Marco Ruiz');
    expect(card.querySelector('.arr')!.textContent).to.equal('€5,000.00');
    expect(card.querySelector('.days')!.textContent).to.equal('2 days in stage');
    expect(card.getAttribute('aria-posinset')).to.equal('2');
    expect(card.getAttribute('aria-setsize')).to.equal('3');
  });

  it('marks acceptance due and overdue (per partner window, business days), expired and stale cards', async () => {
    // NOW is Monday 2 November 2026.
    const referrals = [
      referral('r-overdue', 'Overdue Co', 'submitted', { submitted: 8, changed: 8 }), // 6 business days > 5
      referral('r-due', 'Due Co', 'submitted', { submitted: 6, changed: 6 }), // 4 business days: 1 left
      referral('r-fresh', 'Fresh Co', 'submitted', { submitted: 1, changed: 1 }),
      referral('r-quorum', 'Short Window Co', 'submitted', { partnerId: 'p-quorum', submitted: 6, changed: 6 }), // 4 > 3
      referral('r-expired', 'Expired Co', 'submitted', { submitted: 45, changed: 45 }),
      referral('r-stale', 'Stale Co', 'qualified', { submitted: 60, changed: 31 }),
      referral('r-won', 'Won Co', 'closed-won', { submitted: 90, changed: 60 }),
    ];
    const { board } = await mountBoard({ referrals });
    expect(badgesOf(board, 'r-overdue')).to.deep.equal(['acceptance-overdue']);
    expect(badgesOf(board, 'r-due')).to.deep.equal(['acceptance-due']);
    expect(badgesOf(board, 'r-fresh')).to.deep.equal([]);
    expect(badgesOf(board, 'r-quorum')).to.deep.equal(['acceptance-overdue']);
    expect(badgesOf(board, 'r-expired')).to.deep.equal(['expired']);
    expect(badgesOf(board, 'r-stale')).to.deep.equal(['stale']);
    expect(badgesOf(board, 'r-won'), 'closed referrals are never stale').to.deep.equal([]);
    board.staleDays = 45;
    await settle(board);
    expect(badgesOf(board, 'r-stale')).to.deep.equal([]);
  });

  it('hides and reorders columns through the stages property', async () => {
    const { board } = await mountBoard({
      referrals: world(),
      board: ({ now }) => html`<cosell-pipeline-board .now=${now} .stages=${[{ id: 'proposal', label: 'Offer' }, { id: 'qualified', label: 'Qualified' }]}></cosell-pipeline-board>`,
    });
    const headings = [...board.shadowRoot!.querySelectorAll('.column h3 .label')].map((h) => h.textContent);
    expect(headings).to.deep.equal(['Offer', 'Qualified']);
    expect(shownIds(board)).to.deep.equal(['r-acme', 'r-bolt', 'r-cedar', 'r-dune']);
  });

  it('refuses invalid stages (unknown id, twice the same) with cosell-error and shows every stage', async () => {
    const { board } = await mountBoard({ referrals: world() });
    const errors: string[] = [];
    board.addEventListener('cosell-error', (e) => errors.push(e.error.kind));
    board.stages = [{ id: 'qualified', label: 'Qualified' }, { id: 'qualified', label: 'Again' }];
    await settle(board);
    expect(errors).to.deep.equal(['bad-data']);
    expect(board.shadowRoot!.querySelectorAll('.column')).to.have.length(8);
  });

  describe('filters', () => {
    const cases: { attribute: string; value: string; ids: string[] }[] = [
      { attribute: 'partner-id', value: 'p-quorum', ids: ['r-bolt', 'r-dune'] },
      { attribute: 'seller-id', value: 's-marco', ids: ['r-bolt', 'r-cedar'] },
      { attribute: 'market', value: 'GB', ids: ['r-cedar'] },
      { attribute: 'from', value: '2026-09-15', ids: ['r-acme', 'r-bolt'] },
      { attribute: 'to', value: '2026-09-01', ids: ['r-cedar', 'r-dune'] },
      { attribute: 'q', value: 'health', ids: ['r-cedar'] },
      { attribute: 'q', value: 'quorum', ids: ['r-bolt', 'r-dune'] },
    ];
    for (const { attribute, value, ids } of cases) {
      it(`${attribute}="${value}" shows only the matching referrals`, async () => {
        const { board } = await mountBoard({ referrals: world() });
        board.setAttribute(attribute, value);
        await board.updateComplete;
        await loaded(board);
        expect(shownIds(board)).to.deep.equal(ids);
      });
    }

    it('hides the partner on cards when the board shows one partner', async () => {
      const { board } = await mountBoard({
        referrals: world(),
        board: ({ now }) => html`<cosell-pipeline-board .now=${now} partner-id="p-parrot"></cosell-pipeline-board>`,
      });
      expect(shownIds(board)).to.deep.equal(['r-acme', 'r-cedar']);
      expect(cardOf(board, 'r-acme')!.querySelector('.partner')).to.equal(null);
    });

    it('reflects filters chosen in the filter bar into attributes, and clears them', async () => {
      const { board } = await mountBoard({ referrals: world() });
      const root = board.shadowRoot!;
      const partner = root.querySelector<HTMLSelectElement>('select[name="partner"]')!;
      partner.value = 'p-quorum';
      partner.dispatchEvent(new Event('change'));
      await loaded(board);
      expect(board.getAttribute('partner-id')).to.equal('p-quorum');
      expect(shownIds(board)).to.deep.equal(['r-bolt', 'r-dune']);

      const seller = root.querySelector<HTMLSelectElement>('select[name="seller"]')!;
      expect([...seller.options].map((o) => o.textContent)).to.include('Marco Ruiz');
      seller.value = 's-marco';
      seller.dispatchEvent(new Event('change'));
      await loaded(board);
      expect(board.getAttribute('seller-id')).to.equal('s-marco');
      expect(shownIds(board)).to.deep.equal(['r-bolt']);

      root.querySelector<HTMLInputElement>('input[name="q"]')!.focus();
      await sendKeys({ type: 'nothing like this' });
      await waitUntil(() => board.getAttribute('q') === 'nothing like this', 'q was not reflected');
      await loaded(board);
      expect(root.querySelector('[data-kind="empty"]')!.textContent).to.contain('No referrals match these filters.');
      root.querySelector<HTMLButtonElement>('[data-kind="empty"] button')!.click();
      await loaded(board);
      for (const name of ['partner-id', 'seller-id', 'market', 'from', 'to', 'q']) expect(board.hasAttribute(name), name).to.equal(false);
      expect(shownIds(board)).to.have.length(4);
    });
  });

  it('exports exactly what the filters show as CSV, quoted and formula-safe', async () => {
    const referrals = [
      referral('r-1', '=HYPERLINK("http://evil.example","Click")', 'qualified', { submitted: 3 }),
      referral('r-2', 'Smith, Jones & "Partners"', 'proposal', { submitted: 4 }),
      referral('r-3', '@home Inc', 'submitted', { submitted: 5 }),
      referral('r-4', 'Other Partner Co', 'qualified', { partnerId: 'p-quorum', submitted: 6 }),
    ];
    const { board } = await mountBoard({
      referrals,
      board: ({ now }) => html`<cosell-pipeline-board .now=${now} partner-id="p-parrot"></cosell-pipeline-board>`,
    });
    const csv = board.toCsv();
    const lines = csv.split('\r\n');
    expect(csv.endsWith('\r\n')).to.equal(true);
    expect(lines[0]).to.equal(CSV_HEADER.join(','));
    expect(lines).to.have.length(5); // header, three rows, trailing empty
    expect(lines[1]).to.match(/^r-3,"'@home Inc",US,Parrot AI,Aiko Tanaka,Submitted,10000\.00,USD,/);
    expect(lines[2]).to.contain(`r-1,"'=HYPERLINK(""http://evil.example"",""Click"")",US,Parrot AI`);
    expect(lines[3]).to.contain('r-2,"Smith, Jones & ""Partners""",US,Parrot AI,Aiko Tanaka,Proposal');
    expect(csv).not.to.contain('Other Partner Co');
  });

  it('review mode highlights what changed since the review date, lists stuck deals and totals then and now', async () => {
    const referrals = [
      referral('r-new', 'New Co', 'accepted', { submitted: 10, changed: 2 }),
      referral('r-moved', 'Moved Co', 'qualified', { submitted: 60, changed: 5 }),
      referral('r-closed', 'Closed Co', 'closed-won', { submitted: 60, changed: 3 }),
      referral('r-still', 'Still Co', 'proposal', { submitted: 60, changed: 40, arr: { amountMinor: 2_000_000, currency: 'USD' } }),
      // Recorded history: in Qualified at the review date (Oct 1), in Proposal since 5 days ago.
      {
        ...referral('r-hist', 'History Co', 'proposal', { submitted: 60, changed: 5 }),
        acceptedAt: daysAgo(50),
        stageHistory: [
          { from: null, to: 'submitted' as const, at: daysAgo(60), by: 's-aiko' },
          { from: 'submitted' as const, to: 'accepted' as const, at: daysAgo(50), by: 'u-partner' },
          { from: 'accepted' as const, to: 'qualified' as const, at: daysAgo(40), by: 'u-partner' },
          { from: 'qualified' as const, to: 'proposal' as const, at: daysAgo(5), by: 'u-partner' },
        ],
      },
    ];
    const { board } = await mountBoard({ referrals });
    const toggle = board.shadowRoot!.querySelector<HTMLButtonElement>('[part="review-toggle"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await settle(board);
    expect(board.hasAttribute('review')).to.equal(true);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const panel = board.shadowRoot!.querySelector('[part="review"]')!;
    expect(panel.querySelector('.review-counts')!.textContent.replace(/\s+/g, ' ').trim()).to.equal('Since Oct 1, 2026: 1 new, 2 moved, 1 closed.');
    const row = (stage: string) => [...panel.querySelectorAll(`tr[data-stage="${stage}"] td`)].map((td) => td.textContent.trim());
    // At the review date each referral is in the stage its history puts it in: History Co in Qualified,
    // Moved Co and Closed Co (no recorded history: reconstructed from their dates) still in Submitted.
    expect(row('proposal')).to.deep.equal(['1 · $20,000.00', '2 · $30,000.00']);
    expect(row('qualified')).to.deep.equal(['1 · $10,000.00', '1 · $10,000.00']);
    expect(row('submitted')).to.deep.equal(['2 · $20,000.00', '0 · —']);
    expect(panel.textContent).to.contain('2 of the referrals that changed since have no recorded history');
    const stuck = [...panel.querySelectorAll('li button')].map((b) => b.textContent.replace(/\s+/g, ' ').trim());
    expect(stuck).to.deep.equal(['Still Co — Proposal, 40 days in stage']);
    // Columns scrolled out of view render no cards (virtualized): bring Closed won into view to look at it.
    column(board, 'closed-won').scrollIntoView();
    await settle(board);
    await waitUntil(() => cardOf(board, 'r-closed'), 'Closed won rendered no card');
    const mark = (id: string) => cardOf(board, id)!.querySelector<HTMLElement>('[data-review]')?.dataset.review;
    expect([mark('r-new'), mark('r-moved'), mark('r-closed'), mark('r-still')]).to.deep.equal(['new', 'moved', 'closed', undefined]);
    panel.querySelector<HTMLButtonElement>('li button')!.click();
    await waitUntil(() => board.shadowRoot!.activeElement === cardOf(board, 'r-still'), 'the stuck deal was not focused');

    const since = panel.querySelector<HTMLInputElement>('input[name="review-since"]')!;
    since.value = '2026-10-29';
    since.dispatchEvent(new Event('change'));
    await settle(board);
    expect(board.getAttribute('review-since')).to.equal('2026-10-29');
    column(board, 'closed-won').scrollIntoView();
    await settle(board);
    await waitUntil(() => cardOf(board, 'r-closed'));
    expect([mark('r-new'), mark('r-moved'), mark('r-closed')]).to.deep.equal(['moved', undefined, 'closed']);
    await expect(board).to.be.accessible();
  });

  it('takes referrals and partners as data, checks them with the schema, filters and moves them without an adapter', async () => {
    const events: StageChangeEvent[] = [];
    const given: unknown[] = [...world(), { id: 'r-broken', stage: 'qualified' }];
    const board = await fixture<CosellPipelineBoard>(html`<cosell-pipeline-board
      style="--cosell-board-column-width: 11rem; --cosell-board-column-height: 20rem"
      .now=${NOW}
      .partners=${PARTNERS}
      .referrals=${given}
      @cosell-stage-change=${(e: StageChangeEvent) => events.push(e)}
    ></cosell-pipeline-board>`);
    await loaded(board);
    expect(shownIds(board)).to.deep.equal(['r-acme', 'r-bolt', 'r-cedar', 'r-dune']);
    expect(board.shadowRoot!.querySelector('[part="message"]')!.textContent).to.contain('1 referrals could not be read');
    expect(cardOf(board, 'r-bolt')!.querySelector('.partner')!.textContent).to.equal('Quorum Surveys');
    expect(cardOf(board, 'r-bolt')!.querySelector('.move'), 'movable: a Move to… button').to.not.equal(null);

    board.q = 'quorum';
    await loaded(board);
    expect(shownIds(board)).to.deep.equal(['r-bolt', 'r-dune']);

    cardOf(board, 'r-bolt')!.querySelector<HTMLButtonElement>('.move')!.click();
    await board.updateComplete;
    board.shadowRoot!.querySelector<HTMLButtonElement>('[role="menuitem"][data-stage="proposal"]')!.click();
    await settle(board);
    expect(columnOfCard(board, 'r-bolt')).to.equal('proposal');
    expect(events.map((e) => [e.referral.id, e.from, e.to])).to.deep.equal([['r-bolt', 'qualified', 'proposal']]);
  });

  describe('states', () => {
    it('shows a loading skeleton until the first page arrives', async () => {
      const { board, faulty } = await mountBoard({ referrals: world() });
      const release = faulty.hold('listReferrals');
      board.reload();
      await board.updateComplete;
      const loading = board.shadowRoot!.querySelector('[data-kind="loading"]')!;
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(loading.textContent).to.contain('Loading the pipeline');
      release();
      await loaded(board);
      expect(shownIds(board)).to.have.length(4);
    });

    it('says so when there are no referrals at all', async () => {
      const { board } = await mountBoard({ referrals: [] });
      expect(board.shadowRoot!.querySelector('[data-kind="empty"]')!.textContent).to.contain('No referrals yet.');
      await expect(board).to.be.accessible();
    });

    it('shows an error with a retry that works', async () => {
      const { board, faulty } = await mountBoard({ referrals: world() });
      faulty.failNext('listReferrals', 'unavailable');
      board.reload();
      await waitUntil(() => board.shadowRoot!.querySelector('[data-kind="error"]'), 'no error state');
      const error = board.shadowRoot!.querySelector('[data-kind="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('The CRM is unavailable right now.');
      expect(board.shadowRoot!.querySelectorAll('select[name="partner"] option'), 'the filters stay usable').to.have.length(3);
      error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await loaded(board);
      expect(shownIds(board)).to.have.length(4);
    });

    it('shows no-permission when the CRM refuses', async () => {
      const { board, faulty } = await mountBoard({ referrals: world() });
      faulty.failNext('listReferrals', 'permission');
      board.reload();
      await waitUntil(() => board.shadowRoot!.querySelector('[data-kind="no-permission"]'), 'no no-permission state');
      expect(board.shadowRoot!.querySelector('[data-kind="no-permission"]')!.textContent).to.contain('You do not have permission');
    });
  });

  describe('accessibility', () => {
    it('has no axe violations in review mode when the review panel pushes the columns below the fold', async () => {
      // A short window: the review panel fills it, so the columns' virtualizers see an empty viewport.
      // Each column must still render a card, or it is a scroller (tabindex -1) with nothing focusable.
      await setViewport({ width: 900, height: 480 });
      try {
        const stages = ['submitted', 'accepted', 'qualified', 'proposal', 'negotiation', 'closed-won', 'closed-lost', 'rejected'] as const;
        const referrals = stages.flatMap((stage) =>
          Array.from({ length: 3 }, (_, i) => referral(`r-${stage}-${i}`, `${stage} ${i}`, stage, { submitted: 20 + i, changed: 40 + i })),
        );
        const { board } = await mountBoard({ referrals });
        board.shadowRoot!.querySelector<HTMLButtonElement>('[part="review-toggle"]')!.click();
        await settle(board);
        const columns = board.shadowRoot!.querySelector<HTMLElement>('[part="board"]')!;
        expect(columns.getBoundingClientRect().top, 'the columns are below the fold').to.be.at.least(window.innerHeight);
        const scroller = column(board, 'submitted').querySelector<HTMLElement>('lit-virtualizer')!;
        expect(scroller.scrollHeight, 'the column scrolls').to.be.greaterThan(scroller.clientHeight);
        await expect(board).to.be.accessible();
        expect(board.shadowRoot!.querySelectorAll('.card[tabindex="0"]'), 'one tab stop, rendered').to.have.length(1);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('has no axe violations for a partner manager', async () => {
      const { board } = await mountBoard({ referrals: world() });
      await expect(board).to.be.accessible();
    });

    it('has no axe violations read-only for a seller, with the menu open for a manager too', async () => {
      const seller = await mountBoard({ referrals: world(), role: 'seller' });
      await expect(seller.board).to.be.accessible();
      seller.provider.remove();
      const { board } = await mountBoard({ referrals: world() });
      cardOf(board, 'r-acme')!.querySelector<HTMLButtonElement>('.move')!.click();
      await board.updateComplete;
      await expect(board).to.be.accessible();
    });
  });
});
