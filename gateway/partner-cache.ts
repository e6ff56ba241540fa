/**
 * Partners read per user, kept a short while so a page of widgets asking for partners costs the CRM
 * one call: the same read in flight is shared in this process, and with Redis the answer is shared
 * with every gateway on it (a browser that the load balancer sends to another gateway costs no
 * second call). An answer read back from Redis is parsed with the domain schema like any record
 * from outside; a bad one, or Redis not answering, means reading the CRM again. Nothing the gateway
 * writes changes a partner, so there is nothing to invalidate: an answer is at most `ttlMs` old,
 * wherever it is kept.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** A schema's parse without throwing (zod's safeParse). */
export interface Parses<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export interface PartnerCacheOptions {
  ttlMs: number;
  /** Share the answers through this Redis. */
  redis?: Redis;
  /** Prefix of the Redis keys (default `cosell:`). */
  prefix?: string;
  onError?: (error: unknown) => void;
}

export class PartnerCache {
  private readonly local: LRUCache<string, { value: unknown }, (set: { ttl?: number }) => Promise<unknown>>;
  private readonly prefix: string;
  private readonly onError: (error: unknown) => void;

  constructor(private readonly options: PartnerCacheOptions) {
    this.prefix = options.prefix ?? 'cosell:';
    this.onError = options.onError ?? (() => undefined);
    this.local = new LRUCache({
      max: 5000,
      ttl: options.ttlMs,
      // The context loads it (from Redis, or the CRM) and says how long it has left to live.
      fetchMethod: async (_key, _stale, { context, options: set }) => ({ value: await context(set) }),
    });
  }

  /** The answer of `read` for this user: kept, or loaded (once, however many ask at once). */
  async read<T>(userId: string, read: string, schema: Parses<T>, load: () => Promise<T>): Promise<T> {
    const key = `${userId}\u0000${read}`;
    const entry = await this.local.fetch(key, { context: (set: { ttl?: number }) => this.shared(key, schema, load, set) });
    return entry!.value as T;
  }

  private async shared<T>(key: string, schema: Parses<T>, load: () => Promise<T>, set: { ttl?: number }): Promise<T> {
    const { redis, ttlMs } = this.options;
    if (!redis) return load();
    const redisKey = `${this.prefix}partners:${createHash('sha256').update(key).digest('base64url')}`;
    try {
      const [[, text], [, left]] = (await redis.multi().get(redisKey).pttl(redisKey).exec()) as [[unknown, string | null], [unknown, number]];
      if (text !== null && left > 0) {
        const parsed = schema.safeParse(JSON.parse(text));
        if (parsed.success) {
          // Kept here no longer than it has left in Redis.
          set.ttl = Math.min(ttlMs, left);
          return parsed.data;
        }
        this.onError(new Error('Skipped a malformed cached partner answer'));
      }
    } catch (error) {
      this.onError(error);
    }
    const value = await load();
    redis.set(redisKey, JSON.stringify(value), 'PX', ttlMs).catch(this.onError);
    return value;
  }
}
