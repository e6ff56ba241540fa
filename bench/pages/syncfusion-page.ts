/// <reference types="vite/client" />
// Syncfusion EJ2 Kanban (npm @syncfusion/ej2-kanban, a devDependency for this benchmark; its licence
// banner is fine here) with virtualization, on the same cards as the other pages.
import { Kanban } from '@syncfusion/ej2-kanban';
import '@syncfusion/ej2-kanban/styles/material.css';
import { DEFAULT_STAGE_DEFINITIONS } from '../../src/domain/stages.js';
import { formatMoney } from '../../src/format.js';
import { benchData, nextFrame } from './cards.js';

const { data } = benchData();
const partners = new Map(data.partners.map((p) => [p.id, p.name]));
let kanban: Kanban | undefined;
let cards: Record<string, string>[] = [];

window.bench = {
  async render() {
    const start = performance.now();
    // The same card content as Cosell's card: prospect, partner, seller, ARR; built inside the clock, as jKanban's.
    cards = data.referrals.map((r) => ({
      Id: r.id,
      Status: r.stage,
      Summary: `${r.prospect.company} · ${partners.get(r.partnerId) ?? ''} · Referred by ${r.seller.name} · ${formatMoney(r.estimatedArr, 'en-US')}`,
    }));
    const bound = new Promise<void>((resolve) => {
      kanban = new Kanban({
        dataSource: cards,
        keyField: 'Status',
        columns: DEFAULT_STAGE_DEFINITIONS.map((s) => ({ headerText: s.label, keyField: s.id, showItemCount: true })),
        // headerField is Syncfusion's card key (updateCard finds the card by it).
        cardSettings: { headerField: 'Id', contentField: 'Summary' },
        enableVirtualization: true,
        height: '900px',
        dataBound: () => resolve(),
      });
    });
    kanban!.appendTo('#host');
    await bound;
    while (!document.querySelector('.e-kanban .e-card')) await nextFrame();
    await nextFrame();
    const ms = performance.now() - start;
    return { firstMs: ms, fullMs: ms, cards: document.querySelectorAll('.e-kanban .e-card').length };
  },
  async move() {
    const el = document.querySelector<HTMLElement>('.e-content-row .e-content-cells[data-key="qualified"] .e-card')!;
    const id = el.dataset.id!;
    const card = cards.find((c) => c.Id === id)!;
    const start = performance.now();
    kanban!.updateCard({ ...card, Status: 'proposal' });
    await nextFrame();
    const ms = performance.now() - start;
    if (!document.querySelector(`.e-content-cells[data-key="proposal"] .e-card[data-id="${id}"]`)) throw new Error('the card did not move');
    return ms;
  },
};
