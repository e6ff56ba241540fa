import { randomBytes } from 'node:crypto';
import type { CrmChange } from '../src/adapters/adapter.js';

export interface FeedEntry {
  /** The SSE event id: `<epoch>.<sequence>`; the epoch names this process, so an id from another one is not mistaken for ours. */
  id: string;
  change: CrmChange;
}

/**
 * The changes the backend reported, numbered, with the last `size` kept so a browser that
 * reconnects with `Last-Event-ID` gets what it missed. Too old, or from another process: a `reset`,
 * which tells the browser to reload.
 */
export class ChangeFeed {
  private readonly epoch = randomBytes(6).toString('base64url');
  private sequence = 0;
  private readonly log: { sequence: number; change: CrmChange }[] = [];
  private readonly listeners = new Set<(entry: FeedEntry) => void>();

  constructor(private readonly size = 1000) {}

  publish(change: CrmChange): void {
    const sequence = ++this.sequence;
    this.log.push({ sequence, change });
    if (this.log.length > this.size) this.log.shift();
    const entry = { id: `${this.epoch}.${sequence}`, change };
    for (const listener of [...this.listeners]) listener(entry);
  }

  /** What a client that last saw `lastEventId` missed (nothing for a first connection), or 'reset'. */
  since(lastEventId: string | null | undefined): FeedEntry[] | 'reset' {
    if (!lastEventId) return [];
    const [epoch, seq] = lastEventId.split('.');
    const seen = Number(seq);
    if (epoch !== this.epoch || !Number.isInteger(seen) || seen > this.sequence) return 'reset';
    const oldest = this.log[0]?.sequence ?? this.sequence + 1;
    if (seen < oldest - 1) return 'reset';
    return this.log.filter((e) => e.sequence > seen).map((e) => ({ id: `${this.epoch}.${e.sequence}`, change: e.change }));
  }

  /** The id of the latest change (what a client that gets a reset now has seen). */
  get lastId(): string {
    return `${this.epoch}.${this.sequence}`;
  }

  subscribe(listener: (entry: FeedEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
