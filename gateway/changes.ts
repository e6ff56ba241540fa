import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CrmChange } from '../src/adapters/adapter.js';
import { CrmChangeSchema } from '../src/rest/contract.js';

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

/** Where the gateway's SSE streams read changes from: this process's feed, or one shared through Redis. */
export interface LiveFeed {
  /** Report a change the backend made known to this gateway. */
  publish(change: CrmChange): void;
  /** What a client that last saw `lastEventId` missed (nothing for a first connection), or 'reset'. */
  since(lastEventId: string | null | undefined): Promise<FeedEntry[] | 'reset'>;
  /** The id of the latest change (what a client that gets a reset now has seen). */
  lastId(): Promise<string>;
  subscribe(listener: (entry: FeedEntry) => void): () => void;
  close(): Promise<void>;
}

/** This process's ChangeFeed as a LiveFeed (no REDIS_URL). */
export function localFeed(feed = new ChangeFeed()): LiveFeed {
  return {
    publish: (change) => feed.publish(change),
    since: (lastEventId) => Promise.resolve(feed.since(lastEventId)),
    lastId: () => Promise.resolve(feed.lastId),
    subscribe: (listener) => feed.subscribe(listener),
    close: () => Promise.resolve(),
  };
}

export interface RedisFeedOptions {
  /** The stream's key (default `cosell:changes`). */
  key?: string;
  /** About how many changes the stream keeps for replay (default 1000). */
  size?: number;
  /** A change that several gateways hear (one CRM behind them all) is added once within this window (default 60 s). */
  dedupeSeconds?: number;
}

// Add the change once: the first gateway to claim its fingerprint adds it to the stream.
const PUBLISH_ONCE = `
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then
  return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'change', ARGV[1])
end
return false`;

const STREAM_ID = /^(\d+)-(\d+)$/;
const compareIds = (a: string, b: string): number => {
  const [, am = '0', as = '0'] = STREAM_ID.exec(a) ?? [];
  const [, bm = '0', bs = '0'] = STREAM_ID.exec(b) ?? [];
  const d = BigInt(am) - BigInt(bm) || BigInt(as) - BigInt(bs);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
};
type StreamEntry = [id: string, fields: string[]];

/**
 * Live changes shared by every gateway on one Redis: each change is added once to a Redis stream
 * (XADD, trimmed to about `size`), every gateway reads the stream (XREAD BLOCK on its own connection)
 * and forwards what it reads to its SSE listeners, and the stream's entry ids are the SSE event ids,
 * so a browser that reconnects to any gateway with `Last-Event-ID` gets what it missed (XRANGE).
 */
export class RedisChangeFeed implements LiveFeed {
  private readonly key: string;
  private readonly size: number;
  private readonly dedupeSeconds: number;
  private readonly reader: Redis;
  private readonly listeners = new Set<(entry: FeedEntry) => void>();
  private closed = false;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    options: RedisFeedOptions = {},
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.key = options.key ?? 'cosell:changes';
    this.size = options.size ?? 1000;
    this.dedupeSeconds = options.dedupeSeconds ?? 60;
    // A blocking read holds its connection, so it gets one of its own.
    this.reader = redis.duplicate();
    this.reader.on('error', onError);
  }

  /** Start reading the stream from its current end. */
  async start(): Promise<void> {
    if (this.reader.status === 'wait') await this.reader.connect();
    let cursor = await this.lastId();
    this.reading = (async () => {
      while (!this.closed) {
        let reply: [string, StreamEntry[]][] | null;
        try {
          reply = (await this.reader.xread('COUNT', 100, 'BLOCK', 5000, 'STREAMS', this.key, cursor));
        } catch (error) {
          if (this.closed) return;
          this.onError(error);
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        for (const [, entries] of reply ?? []) {
          for (const raw of entries) {
            cursor = raw[0];
            const entry = this.parse(raw);
            if (entry) for (const listener of [...this.listeners]) listener(entry);
          }
        }
      }
    })();
  }

  publish(change: CrmChange): void {
    const body = JSON.stringify(change);
    const fingerprint = createHash('sha256').update(body).digest('base64url');
    this.redis
      .eval(PUBLISH_ONCE, 2, this.key, `${this.key}:seen:${fingerprint}`, body, String(this.size), String(this.dedupeSeconds))
      .catch(this.onError);
  }

  async since(lastEventId: string | null | undefined): Promise<FeedEntry[] | 'reset'> {
    if (!lastEventId) return [];
    if (!STREAM_ID.test(lastEventId)) return 'reset';
    const info = await this.info();
    // Newer than anything here (another Redis, or one that was flushed), or something after it was trimmed.
    if (compareIds(lastEventId, info.lastId) > 0 || compareIds(info.maxDeletedId, lastEventId) > 0) return 'reset';
    const entries = (await this.redis.xrange(this.key, `(${lastEventId}`, '+')) as StreamEntry[];
    return entries.flatMap((raw) => this.parse(raw) ?? []);
  }

  async lastId(): Promise<string> {
    return (await this.info()).lastId;
  }

  subscribe(listener: (entry: FeedEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.reading;
  }

  private async info(): Promise<{ lastId: string; maxDeletedId: string }> {
    const exists = await this.redis.exists(this.key);
    if (!exists) return { lastId: '0-0', maxDeletedId: '0-0' };
    const flat = (await this.redis.xinfo('STREAM', this.key)) as unknown[];
    const field = (name: string) => {
      const at = flat.indexOf(name);
      return at >= 0 && typeof flat[at + 1] === 'string' ? (flat[at + 1] as string) : '0-0';
    };
    return { lastId: field('last-generated-id'), maxDeletedId: field('max-deleted-entry-id') };
  }

  /** An entry read back from Redis, checked like any record from outside; a bad one is skipped. */
  private parse([id, fields]: StreamEntry): FeedEntry | undefined {
    const at = fields.indexOf('change');
    try {
      const parsed = CrmChangeSchema.safeParse(JSON.parse(fields[at + 1] ?? ''));
      if (parsed.success) return { id, change: parsed.data };
    } catch {
      // not JSON: skipped below
    }
    this.onError(new Error(`Skipped a malformed change ${id} in ${this.key}`));
    return undefined;
  }
}
