import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from '../domain/zod.js';
import { ReferralInputSchema, ReferralSchema, type Referral, type ReferralInput } from '../domain/referral.js';
import type { CallOptions, CrmAdapter } from '../adapters/adapter.js';
import { CRM_ERROR_KINDS, CrmError } from '../errors.js';

/**
 * `waiting` to be sent; `sending` by the tab that holds the lock (or by a tab that closed mid-send:
 * the next sender sends it again, with the same externalId, so it is still one referral); `refused`
 * by the CRM when it was sent (validation, permission...): kept, with the CRM's words, until the seller
 * cancels it.
 */
export const OUTBOX_STATES = ['waiting', 'sending', 'refused'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A referral the CRM could not be reached for, kept in this browser until it is sent or cancelled. */
export const OutboxReferralSchema = z.object({
  externalId: z.uuid(),
  input: ReferralInputSchema,
  queuedAt: z.iso.datetime({ offset: true }),
  state: z.enum(OUTBOX_STATES),
  /** Times a sender has tried it. */
  attempts: z.number().check(z.int(), z.nonnegative()),
  refusal: z.optional(z.object({ kind: z.enum(CRM_ERROR_KINDS), message: z.string() })),
});
export type OutboxReferral = z.infer<typeof OutboxReferralSchema>;

/** What one tab tells the others over the BroadcastChannel (parsed: it crosses a boundary). */
const OutboxSignalSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queued') }),
  z.object({ type: z.literal('cancelled') }),
  z.object({ type: z.literal('changed') }),
  z.object({ type: z.literal('sent'), referral: ReferralSchema }),
]);
type OutboxSignal = z.infer<typeof OutboxSignalSchema>;

/** `cancelled`; `gone`: it was already sent (or cancelled elsewhere); `sending`: it is on its way right now. */
export type CancelOutcome = 'cancelled' | 'gone' | 'sending';

export interface SendReport {
  /** Referrals the CRM saved in this run. */
  sent: Referral[];
}

interface OutboxDb extends DBSchema {
  referrals: { key: string; value: OutboxReferral };
}

const STORE = 'referrals';
export const DEFAULT_OUTBOX_NAME = 'cosell-outbox';

/**
 * The outbox for referrals: an IndexedDB database of its own (default `cosell-outbox`) that keeps a
 * referral made while the CRM cannot be reached, and sends it with the same externalId when asked
 * (`send`). Every tab of the origin shares it: one sender at a time holds the Web Lock named after the
 * database, and the tabs tell each other of every change over a BroadcastChannel of the same name.
 *
 * Events: `change` (the list changed, here or in another tab) and `sent` (`CustomEvent<Referral>`,
 * a referral the CRM saved, sent by this tab or another).
 */
export class ReferralOutbox extends EventTarget {
  readonly name: string;
  private db: Promise<IDBPDatabase<OutboxDb>> | undefined;
  private channel: BroadcastChannel | undefined;
  /** Held by this tab, when the browser has no Web Locks. */
  private locked = false;
  private lastSend: Promise<SendReport> | undefined;
  private nextSend: Promise<SendReport> | undefined;

  constructor(name: string = DEFAULT_OUTBOX_NAME) {
    super();
    this.name = name;
  }

  /** Listen to the other tabs (and open the database) until `close()`. */
  open(): void {
    if (this.channel || typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(this.name);
    this.channel.onmessage = (event: MessageEvent) => {
      const signal = OutboxSignalSchema.safeParse(event.data);
      if (!signal.success) return;
      if (signal.data.type === 'sent') this.dispatchEvent(new CustomEvent<Referral>('sent', { detail: signal.data.referral }));
      this.dispatchEvent(new CustomEvent<OutboxSignal['type']>('change', { detail: signal.data.type }));
    };
  }

  close(): void {
    this.channel?.close();
    this.channel = undefined;
    const db = this.db;
    this.db = undefined;
    void db?.then((d) => d.close(), () => undefined);
  }

  /** Keep a referral to send later. It is on disk when this settles. */
  async add(input: ReferralInput, now: Date = new Date()): Promise<OutboxReferral> {
    const entry = OutboxReferralSchema.parse({ externalId: input.externalId, input, queuedAt: now.toISOString(), state: 'waiting', attempts: 0 });
    const db = await this.database();
    await db.put(STORE, entry);
    this.tell({ type: 'queued' });
    return entry;
  }

  /** Every kept referral, oldest first. A row that no longer reads is left alone, not sent and not lost. */
  async list(): Promise<OutboxReferral[]> {
    const rows = await (await this.database()).getAll(STORE);
    return rows
      .flatMap((row) => {
        const parsed = OutboxReferralSchema.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      })
      .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  /**
   * Never send it. A referral a sender has taken is on its way and cannot be cancelled (`sending`),
   * unless no sender holds the lock (its tab closed mid-send).
   */
  async cancel(externalId: string): Promise<CancelOutcome> {
    const outcome = await this.withLock(async (held) => {
      const tx = (await this.database()).transaction(STORE, 'readwrite');
      const entry = await tx.store.get(externalId);
      let result: CancelOutcome = 'gone';
      if (entry && entry.state === 'sending' && !held) result = 'sending';
      else if (entry) {
        await tx.store.delete(externalId);
        result = 'cancelled';
      }
      await tx.done;
      return result;
    });
    if (outcome === 'cancelled') this.tell({ type: 'cancelled' });
    return outcome;
  }

  /**
   * Send every waiting referral through `adapter` (the CRM's own, not one wrapped in this outbox),
   * oldest first, holding the outbox's Web Lock: a tab that asks while another sends waits for it, then
   * finds only what is left. Stops at the first that cannot reach the CRM; one the CRM refuses is kept
   * as `refused` and the others are still sent. Asked again while a send waits, this tab adds no other.
   */
  send(adapter: CrmAdapter, options: CallOptions = {}): Promise<SendReport> {
    if (this.nextSend) return this.nextSend;
    const next: Promise<SendReport> = (this.lastSend ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        if (this.nextSend === next) this.nextSend = undefined;
        return this.sendNow(adapter, options);
      });
    this.nextSend = next;
    this.lastSend = next;
    return next;
  }

  private async sendNow(adapter: CrmAdapter, options: CallOptions): Promise<SendReport> {
    const report = await this.withLock<SendReport>(async () => {
      const sent: Referral[] = [];
      const tried = new Set<string>();
      for (;;) {
        const next = (await this.list()).find((e) => e.state !== 'refused' && !tried.has(e.externalId));
        if (!next) break;
        tried.add(next.externalId);
        const claimed = await this.claim(next.externalId);
        if (!claimed) continue;
        let referral: Referral;
        try {
          referral = await adapter.createReferral(claimed.input, options);
        } catch (error) {
          const crmError = options.signal?.aborted ? undefined : CrmError.from(error);
          const keep = !crmError || crmError.retryable || crmError.kind === 'auth';
          await this.settle(claimed, keep ? { state: 'waiting' } : { state: 'refused', refusal: { kind: crmError.kind, message: crmError.message } });
          if (keep) break;
          continue;
        }
        await (await this.database()).delete(STORE, claimed.externalId);
        sent.push(referral);
        this.dispatchEvent(new CustomEvent<Referral>('sent', { detail: referral }));
        this.tell({ type: 'sent', referral });
      }
      return { sent };
    }, true);
    return report;
  }

  // ---- internals ----

  private database(): Promise<IDBPDatabase<OutboxDb>> {
    this.db ??= openDB<OutboxDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'externalId' });
      },
    });
    return this.db;
  }

  /** Mark it `sending`, unless it was cancelled or refused meanwhile (one transaction, so a cancel cannot slip between). */
  private async claim(externalId: string): Promise<OutboxReferral | undefined> {
    const tx = (await this.database()).transaction(STORE, 'readwrite');
    const parsed = OutboxReferralSchema.safeParse(await tx.store.get(externalId));
    let claimed: OutboxReferral | undefined;
    if (parsed.success && parsed.data.state !== 'refused') {
      claimed = { ...parsed.data, state: 'sending', attempts: parsed.data.attempts + 1 };
      await tx.store.put(claimed);
    }
    await tx.done;
    if (claimed) this.tell({ type: 'changed' });
    return claimed;
  }

  private async settle(entry: OutboxReferral, next: Pick<OutboxReferral, 'state' | 'refusal'>): Promise<void> {
    const tx = (await this.database()).transaction(STORE, 'readwrite');
    if (await tx.store.get(entry.externalId)) await tx.store.put({ ...entry, ...next });
    await tx.done;
    this.tell({ type: 'changed' });
  }

  /**
   * Run `body` holding the outbox's Web Lock (`wait`: once it is free), or, when another holds it,
   * without (`held` false). Without Web Locks (an insecure context) the lock is this tab's alone.
   */
  private async withLock<T>(body: (held: boolean) => Promise<T>, wait = false): Promise<T> {
    const name = `${this.name}:sender`;
    if ('locks' in navigator) {
      return wait ? navigator.locks.request(name, () => body(true)) : navigator.locks.request(name, { ifAvailable: true }, (lock) => body(lock !== null));
    }
    if (this.locked) return body(false); // this tab sends one at a time already (`send` chains them)
    this.locked = true;
    try {
      return await body(true);
    } finally {
      this.locked = false;
    }
  }

  /** Tell this tab's listeners and the other tabs. */
  private tell(signal: OutboxSignal): void {
    this.dispatchEvent(new CustomEvent<OutboxSignal['type']>('change', { detail: signal.type }));
    this.channel?.postMessage(signal);
  }
}
