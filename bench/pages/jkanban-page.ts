import { DEFAULT_STAGE_DEFINITIONS } from '../../src/domain/stages.js';
import { formatMoney } from '../../src/format.js';
import { benchData, nextFrame } from './cards.js';

interface JKanbanItem {
  id: string;
  title: string;
}
interface JKanban {
  addElement(boardId: string, item: JKanbanItem): void;
  removeElement(id: string): void;
}
declare const jKanban: new (options: {
  element: string;
  gutter?: string;
  widthBoard?: string;
  boards: { id: string; title: string; item: JKanbanItem[] }[];
}) => JKanban;

const { data } = benchData();
const partners = new Map(data.partners.map((p) => [p.id, p.name]));
/** The same card content as Cosell's card: prospect, partner, seller, ARR. jKanban titles are HTML. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const item = (r: (typeof data.referrals)[number]): JKanbanItem => ({
  id: r.id,
  title: `<strong>${escape(r.prospect.company)}</strong><div>${escape(partners.get(r.partnerId) ?? '')}</div><div>Referred by ${escape(r.seller.name)}</div><div>${formatMoney(r.estimatedArr, 'en-US')}</div>`,
});
let kanban: JKanban | undefined;

window.bench = {
  async render() {
    const boards = DEFAULT_STAGE_DEFINITIONS.map((s) => ({ id: s.id, title: s.label, item: [] as JKanbanItem[] }));
    const start = performance.now();
    for (const r of data.referrals) boards.find((b) => b.id === r.stage)!.item.push(item(r));
    kanban = new jKanban({ element: '#host', gutter: '8px', widthBoard: '250px', boards });
    await nextFrame();
    const ms = performance.now() - start;
    return { firstMs: ms, fullMs: ms, cards: document.querySelectorAll('.kanban-item').length };
  },
  async move() {
    const el = document.querySelector<HTMLElement>('.kanban-board[data-id="qualified"] .kanban-item')!;
    const id = el.dataset.eid!;
    const r = data.referrals.find((x) => x.id === id)!;
    const start = performance.now();
    kanban!.removeElement(id);
    kanban!.addElement('proposal', item(r));
    await nextFrame();
    const ms = performance.now() - start;
    if (!document.querySelector(`.kanban-board[data-id="proposal"] .kanban-item[data-eid="${id}"]`)) throw new Error('the card did not move');
    return ms;
  },
};
