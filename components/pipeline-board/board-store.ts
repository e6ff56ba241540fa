import type { Money } from '../../src/domain/money.js';
import type { Partner } from '../../src/domain/partner.js';
import type { Referral } from '../../src/domain/referral.js';
import type { Stage, StageDefinition } from '../../src/domain/stages.js';
import { groupByStage, indexOfReferral, mergeSorted, tallyOf, tallyTotals, tallyWith, withoutReferral, withReferral, type ColumnTally } from './board-model.js';
import type { KeyboardColumn } from './keyboard-board.js';

/**
 * What the board holds: the referrals it shows (by id and as sorted stage columns), the partners and
 * sellers its filters and cards name, and each column's totals. Every change makes new column arrays
 * (the virtualizers and the caches compare by identity) and asks the board to render again.
 * Columns are sorted by `compareReferrals`, a total order, so a card is found by binary search and a
 * move costs the same at any size.
 */
export class BoardStore {
  /** The stage columns, each sorted. A new Map (and new arrays for the columns that changed) on every change. */
  columns = new Map<Stage, Referral[]>();
  partnersById = new Map<string, Partner>();
  /** Seller id → name, for the seller filter (kept across reloads, so the filter keeps its choices). */
  sellers = new Map<string, string>();
  /** The current run has put its first page on the board (what was there before is gone). */
  received = false;
  /** Every page of the current run is in. */
  allReceived = false;
  /** The adapter whose partners `partnersById` holds (partners are asked for once per adapter). */
  partnersFor: unknown;

  private readonly byId = new Map<string, Referral>();
  /** Per column array: its totals per currency, kept from page to page and move to move instead of summed again. */
  private readonly totals = new WeakMap<readonly Referral[], { tally: ColumnTally; totals: Money[] | undefined }>();
  private keyboardColumnsCache:
    | {
        columns: Map<Stage, Referral[]>;
        stages: readonly StageDefinition[];
        value: KeyboardColumn[];
      }
    | undefined;

  constructor(
    private readonly host: { requestUpdate(): void },
    private readonly stages: () => readonly StageDefinition[],
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Referral | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  column(stage: Stage): readonly Referral[] {
    return this.columns.get(stage) ?? [];
  }

  /** Cards shown, over every shown column. */
  get total(): number {
    return this.stages().reduce((n, s) => n + (this.columns.get(s.id)?.length ?? 0), 0);
  }

  /** Every referral shown, column by column in board order. */
  get shown(): Referral[] {
    return this.stages().flatMap((s) => this.columns.get(s.id) ?? []);
  }

  /** The shown stages with their referrals, for the CSV and the review. */
  get stageColumns(): {
    stage: StageDefinition;
    referrals: readonly Referral[];
  }[] {
    return this.stages().map((stage) => ({
      stage,
      referrals: this.column(stage.id),
    }));
  }

  setPartners(partners: readonly Partner[], from?: unknown): void {
    this.partnersById = new Map(partners.map((p) => [p.id, p]));
    this.partnersFor = from;
    this.host.requestUpdate();
  }

  /** A run starts: nothing of it is in yet. */
  startRun(): void {
    this.received = this.allReceived = false;
    this.host.requestUpdate();
  }

  /** The run has every page (or stopped). */
  finishRun(): void {
    this.allReceived = true;
    this.host.requestUpdate();
  }

  /** Referrals arrived: `first` replaces what the board showed, later pages merge into their columns. */
  addPage(referrals: readonly Referral[], first: boolean): void {
    if (first) this.byId.clear();
    const sellers = first ? new Map<string, string>(this.sellers) : this.sellers;
    for (const r of referrals) {
      this.byId.set(r.id, r);
      sellers.set(r.seller.id, r.seller.name);
    }
    this.sellers = new Map(sellers);
    this.received = true;
    this.host.requestUpdate();
    if (first) {
      this.columns = groupByStage(referrals, this.stages());
      return;
    }
    const next = new Map(this.columns);
    for (const [stage, page] of groupByStage(referrals, this.stages())) {
      if (!page.length) continue;
      const before = next.get(stage) ?? [];
      const merged = mergeSorted(before, page);
      // The column's totals grow by the page's, instead of summing the whole column again on every page.
      this.carryTotals(before, merged, page, []);
      next.set(stage, merged);
    }
    this.columns = next;
  }

  /** The shown stages changed: the same referrals in the new columns. */
  regroup(): void {
    if (!this.byId.size) return;
    this.columns = groupByStage(this.byId.values(), this.stages());
    this.host.requestUpdate();
  }

  /** Put a referral where its stage says (or take it off the board when its stage is hidden). */
  place(referral: Referral): void {
    const previous = this.byId.get(referral.id);
    this.byId.set(referral.id, referral);
    const next = new Map(this.columns);
    // Only the card that moved: binary search and one slice per column, totals carried on.
    const from = previous && next.get(previous.stage);
    if (from) {
      const { column, removed } = withoutReferral(from, previous);
      this.carryTotals(from, column, [], removed ? [removed] : []);
      next.set(previous.stage, column);
    }
    const to = next.get(referral.stage);
    if (to) {
      const column = withReferral(to, referral);
      this.carryTotals(to, column, [referral], []);
      next.set(referral.stage, column);
    }
    this.columns = next;
    this.host.requestUpdate();
  }

  /** A card's position in its column and the column's size. */
  positionOf(id: string): { index: number; size: number } | undefined {
    const referral = this.byId.get(id);
    const column = referral && this.columns.get(referral.stage);
    if (!column) return undefined;
    return { index: indexOfReferral(column, referral), size: column.length };
  }

  /** A card's column (index into the shown stages) and position, for the keyboard. */
  locate(id: string): { column: number; index: number } | undefined {
    const referral = this.byId.get(id);
    if (!referral) return undefined;
    const column = this.stages().findIndex((s) => s.id === referral.stage);
    const position = this.positionOf(id);
    return column >= 0 && position && position.index >= 0 ? { column, index: position.index } : undefined;
  }

  /** The columns as the keyboard sees them: the column arrays themselves, no per-card work. */
  get keyboardColumns(): readonly KeyboardColumn[] {
    const stages = this.stages();
    const cache = this.keyboardColumnsCache;
    if (cache && cache.columns === this.columns && cache.stages === stages) return cache.value;
    const value = stages.map((s) => ({
      stage: s.id,
      label: s.label,
      cards: this.columns.get(s.id) ?? [],
    }));
    this.keyboardColumnsCache = { columns: this.columns, stages, value };
    return value;
  }

  /** Column totals per currency, counted once per column array; later arrays carry them on. */
  totalsOf(column: readonly Referral[]): Money[] {
    let entry = this.totals.get(column);
    if (!entry) this.totals.set(column, (entry = { tally: tallyOf(column), totals: undefined }));
    return (entry.totals ??= tallyTotals(entry.tally));
  }

  /** `after` is `before` with `added` put in and `removed` taken out: its totals follow from those of `before`, when known. */
  private carryTotals(before: readonly Referral[], after: readonly Referral[], added: readonly Referral[], removed: readonly Referral[]): void {
    const known = this.totals.get(before);
    if (known)
      this.totals.set(after, {
        tally: tallyWith(tallyWith(known.tally, added, 1), removed, -1),
        totals: undefined,
      });
  }
}
