import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import { ReferralSchema, type Referral } from '../../src/domain/referral.js';
import { needsReason, type ReasonStage, type Stage } from '../../src/domain/stages.js';
import { CrmError } from '../../src/errors.js';
import { StageChangeEvent } from '../../src/events.js';
import { errorMessage } from '../base/messages.js';
import type { BoardMessage } from './board-paging.js';
import type { BoardStore } from './board-store.js';
import type { ReasonRequest } from './reason-prompt.js';

/** What a move needs from the board. */
export interface MoveWorkflowHost extends ReactiveControllerHost {
  readonly store: BoardStore;
  readonly adapter: CrmAdapter | undefined;
  readonly readOnly: boolean;
  today(): Date;
  stageLabel(stage: Stage): string;
  /** The reasons offered for a move to Closed lost or Rejected. */
  reasonsFor(stage: ReasonStage): readonly string[];
  announce(text: string): void;
  showMessage(message: BoardMessage | undefined): void;
  /** Fires `cosell-error`. */
  reportError(error: unknown): void;
  /** Fires the cancelable `cosell-stage-change`; false when the host canceled it. */
  confirmMove(event: StageChangeEvent): boolean;
  /** The card (or a control in it) has focus, or focus is nowhere. */
  cardHasFocus(id: string): boolean;
  /**
   * The card was just placed in another column (not rendered yet): keep focus in the board (never on
   * <body>) until the card is rendered there, then focus it and give it the board's tab stop.
   */
  followCard(id: string, stage: Stage): Promise<void>;
  focusCard(id: string): Promise<void>;
}

/**
 * A move, as the pointer, the menu and the keyboard all make it: ask for a reason where one is
 * needed, fire the cancelable `cosell-stage-change`, move the card at once, announce it, save it with
 * the version the board holds, and put it back (or show the CRM's record on a conflict) on failure.
 */
export class MoveWorkflow implements ReactiveController {
  /** Cards whose move is being saved. */
  saving: ReadonlySet<string> = new Set();
  /** The open reason prompt. */
  reasonRequest: ReasonRequest | undefined;

  constructor(private readonly host: MoveWorkflowHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  async requestMove(id: string, to: Stage): Promise<void> {
    const { host } = this;
    const referral = host.store.get(id);
    if (!referral || referral.stage === to || this.saving.has(id) || host.readOnly) return;
    const from = referral.stage;
    const company = referral.prospect.company;
    const fromLabel = host.stageLabel(from);
    const toLabel = host.stageLabel(to);
    let reason: string | undefined;
    if (needsReason(to)) {
      reason = await this.askReason(company, toLabel, to);
      if (reason === undefined) {
        host.announce(
          msg(str`Move canceled. ${company} stays in ${fromLabel}.`, {
            id: 'board.announce.cancel',
          }),
        );
        await host.focusCard(id);
        return;
      }
    }
    if (!host.confirmMove(new StageChangeEvent(referral, from, to, reason))) {
      host.announce(msg(str`The move of ${company} to ${toLabel} was canceled. It stays in ${fromLabel}.`, { id: 'board.announce.host-canceled' }));
      await host.focusCard(id);
      return;
    }

    const optimistic: Referral = {
      ...referral,
      stage: to,
      stageChangedAt: host.today().toISOString(),
      ...(reason ? { closeReason: reason } : {}),
    };
    host.store.place(optimistic);
    // Focus goes with the card to its new column (before the next render takes it out of the old one).
    void host.followCard(id, to);
    this.setSaving(id, true);
    host.showMessage(undefined);
    const position = host.store.positionOf(id);
    if (position) {
      const index = position.index + 1;
      const size = position.size;
      host.announce(msg(str`${company} moved from ${fromLabel} to ${toLabel}, position ${index} of ${size}.`, { id: 'board.announce.moved-position' }));
    } else {
      host.announce(
        msg(str`${company} moved from ${fromLabel} to ${toLabel}.`, {
          id: 'board.announce.moved',
        }),
      );
    }

    try {
      if (host.adapter) {
        const saved = await host.adapter.moveReferral(id, {
          to,
          expectedVersion: referral.version,
          ...(reason ? { reason } : {}),
        });
        host.store.place(saved);
      }
    } catch (error) {
      const crmError = CrmError.from(error);
      const hadFocus = host.cardHasFocus(id);
      // Back where it was (or where the CRM says it is), focus going with it.
      if (crmError.kind === 'conflict') {
        const current = await this.currentRecord(id, crmError.details);
        host.store.place(current ?? referral);
        if (hadFocus) void host.followCard(id, (current ?? referral).stage);
        host.showMessage({
          kind: 'error',
          text: conflictMessage(company, toLabel, from, current, host.stageLabel.bind(host)),
        });
      } else {
        host.store.place(referral);
        if (hadFocus) void host.followCard(id, from);
        host.showMessage({
          kind: 'error',
          text: msg(str`${company} could not be moved to ${toLabel}: ${errorMessage(crmError)} It is back in ${fromLabel}.`, { id: 'board.move-failed' }),
        });
      }
      host.reportError(crmError);
    } finally {
      this.setSaving(id, false);
    }
  }

  private setSaving(id: string, saving: boolean): void {
    const next = new Set(this.saving);
    if (saving) next.add(id);
    else next.delete(id);
    this.saving = next;
    this.host.requestUpdate();
  }

  /** The record as it is now, from the conflict's details or from the adapter. */
  private async currentRecord(id: string, details: unknown): Promise<Referral | undefined> {
    const parsed = ReferralSchema.safeParse(details);
    if (parsed.success && parsed.data.id === id) return parsed.data;
    try {
      return await this.host.adapter?.getReferral(id);
    } catch {
      return undefined;
    }
  }

  private askReason(company: string, stageLabel: string, stage: ReasonStage): Promise<string | undefined> {
    return new Promise((resolve) => {
      const request: ReasonRequest = {
        company,
        stageLabel,
        reasons: this.host.reasonsFor(stage),
        resolve: (reason) => {
          this.reasonRequest = undefined;
          this.host.requestUpdate();
          resolve(reason);
        },
        refuse: (problem) => {
          this.reasonRequest = { ...request, problem };
          this.host.requestUpdate();
          return this.host.updateComplete;
        },
      };
      this.reasonRequest = request;
      this.host.requestUpdate();
    });
  }
}

/** What the board says when someone else changed the referral first. */
function conflictMessage(company: string, toLabel: string, from: Stage, current: Referral | undefined, stageLabel: (stage: Stage) => string): string {
  const by = current?.lastModifiedBy;
  const moved = Boolean(current && current.stage !== from);
  const where = stageLabel(current?.stage ?? from);
  return by
    ? moved
      ? msg(str`Someone else (${by}) changed ${company}: it is now in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.by.moved' })
      : msg(str`Someone else (${by}) changed ${company}: it is still in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.by.same' })
    : moved
      ? msg(str`Someone else changed ${company}: it is now in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.moved' })
      : msg(str`Someone else changed ${company}: it is still in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.same' });
}
