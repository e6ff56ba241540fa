/**
 * Where the gateway keeps what must never reach a browser (a signed-in user's Salesforce tokens, a
 * sign-in's PKCE verifier): in the session store it already has (this process's memory, or Redis
 * when REDIS_URL is set), each value sealed with AES-256-GCM under the configured key. The record's
 * key is the additional authenticated data, so a sealed value moved to another key does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** A key-value store with expiry: the gateway's session store. */
export interface SessionStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Set `key` only if it is absent (a lock held for `ttlSeconds` at most); true when this call set it. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
}

/** This process's memory (one gateway, or tests). */
export class MemorySessionStore implements SessionStore {
  private readonly values = new LRUCache<string, string>({ max: 100_000, ttlAutopurge: false });
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.values.set(key, value, { ttl: ttlSeconds * 1000 });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
  claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.values.has(key)) return Promise.resolve(false);
    this.values.set(key, '1', { ttl: ttlSeconds * 1000 });
    return Promise.resolve(true);
  }
  /** The raw (sealed) values, for tests that check nothing is kept in the clear. */
  rawValues(): string[] {
    return [...this.values.values()];
  }
}

/** Shared by every gateway on the same Redis. */
export class RedisSessionStore implements SessionStore {
  constructor(private readonly redis: Redis) {}
  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key)) ?? undefined;
  }
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', Math.max(1, Math.floor(ttlSeconds)));
  }
  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }
  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(key, '1', 'EX', Math.max(1, Math.floor(ttlSeconds)), 'NX')) === 'OK';
  }
}

const VERSION = 'v1';

/** Reads COSELL_TOKEN_KEY: 32 bytes as 64 hex digits or 43/44 characters of base64 / base64url. */
export function parseTokenKey(text: string): Buffer | undefined {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return key.length === 32 ? key : undefined;
}

/** Seal and open values with AES-256-GCM (random 96-bit IV per value, 128-bit tag). */
export class TokenVault {
  private readonly key: Buffer;

  constructor(
    key: Uint8Array,
    private readonly store: SessionStore,
  ) {
    if (key.length !== 32) throw new Error('The token-encryption key must be 32 bytes (AES-256)');
    this.key = Buffer.from(key);
  }

  seal(key: string, plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(key));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** The plaintext, or undefined when the value was not sealed under this key for this record. */
  open(key: string, value: string): string | undefined {
    const [version, iv, tag, sealed] = value.split('.');
    if (version !== VERSION || !iv || !tag || sealed === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(key));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  async read<T>(key: string): Promise<T | undefined> {
    const value = await this.store.get(key);
    const text = value === undefined ? undefined : this.open(key, value);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async write(key: string, record: unknown, ttlSeconds: number): Promise<void> {
    await this.store.set(key, this.seal(key, JSON.stringify(record)), ttlSeconds);
  }

  /** Read and remove (a one-time value such as a sign-in's verifier). */
  async take<T>(key: string): Promise<T | undefined> {
    const record = await this.read<T>(key);
    await this.store.delete(key);
    return record;
  }

  delete(key: string): Promise<void> {
    return this.store.delete(key);
  }
}
