import type { Partner } from './domain/partner.js';
import type { Referral } from './domain/referral.js';
import type { Stage } from './domain/stages.js';
import type { CrmError } from './errors.js';

/** All Cosell events bubble and are composed, so a host hears them from outside every shadow root. */
const init = (cancelable: boolean): EventInit => ({ bubbles: true, composed: true, cancelable });

/** A seller asked to refer a customer to `partner`. Cancel it to open your own form. */
export class ReferEvent extends Event {
  static readonly type = 'cosell-refer';
  constructor(readonly partner: Partner) {
    super(ReferEvent.type, init(true));
  }
  get detail(): { partner: Partner } {
    return { partner: this.partner };
  }
}

/** A referral was saved by the CRM. */
export class ReferralSubmittedEvent extends Event {
  static readonly type = 'cosell-referral-submitted';
  constructor(readonly referral: Referral) {
    super(ReferralSubmittedEvent.type, init(false));
  }
  get detail(): { referral: Referral } {
    return { referral: this.referral };
  }
}

/** A referral is about to move from one stage to another. Fired before the move is saved; cancel it to veto. */
export class StageChangeEvent extends Event {
  static readonly type = 'cosell-stage-change';
  constructor(
    readonly referral: Referral,
    readonly from: Stage,
    readonly to: Stage,
    /** The reason given in the built-in prompt (Closed lost, Rejected). */
    readonly reason?: string,
  ) {
    super(StageChangeEvent.type, init(true));
  }
  get detail(): { referral: Referral; from: Stage; to: Stage; reason?: string } {
    return { referral: this.referral, from: this.from, to: this.to, ...(this.reason ? { reason: this.reason } : {}) };
  }
}

/** Something failed; the element shows it too. A host can react (sign in again, report). */
export class CosellErrorEvent extends Event {
  static readonly type = 'cosell-error';
  constructor(readonly error: CrmError) {
    super(CosellErrorEvent.type, init(false));
  }
  get detail(): CrmError {
    return this.error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cosell-refer': ReferEvent;
    'cosell-referral-submitted': ReferralSubmittedEvent;
    'cosell-stage-change': StageChangeEvent;
    'cosell-error': CosellErrorEvent;
  }
}
