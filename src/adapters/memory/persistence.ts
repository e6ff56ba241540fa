import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ReferralSchema, type Referral } from '../../domain/referral.js';
import { synthesiseStageHistory } from '../../domain/stage-history.js';

/**
 * MemoryAdapter's persistence: the referrals people changed, kept in IndexedDB (through idb's
 * `openDB`) so a reload keeps them, and a BroadcastChannel so adapters in other tabs on the same
 * database hear of each other's changes. Anything that fails here leaves the adapter working in
 * memory, with one warning.
 *
 * The database (`dbName`, version 2): `referrals` (key path `id`) and `meta`, whose `seed` entry is
 * the fingerprint of the seed the saved referrals were made over. Version 1 had no `meta`: its
 * referrals belong to an unknown seed, so the upgrade to 2 adds the store and they are dropped, as
 * they are whenever the seed changes. Referrals saved before stage history was kept are read with a
 * history reconstructed from their dates, and saved back once.
 */

export interface MemoryDb extends DBSchema {
  referrals: { key: string; value: Referral };
  /** 'seed': the fingerprint of the seed the saved referrals were made over. */
  meta: { key: string; value: string };
}

export const DB_VERSION = 2;

export class MemoryPersistence {
  private db: IDBPDatabase<MemoryDb> | undefined;
  private channel: BroadcastChannel | undefined;
  private warned = false;

  /** `receive` hears what adapters in other tabs on the same database broadcast. */
  constructor(
    private readonly dbName: string,
    private readonly receive: (message: unknown) => void,
  ) {}

  /** True while referrals are saved to IndexedDB. */
  get open(): boolean {
    return this.db !== undefined;
  }

  /**
   * Open the database and read the referrals saved over the seed `seedPrint` (none when they were
   * saved over another seed: the saved copy then starts clean over this one). Resolves to [] when
   * IndexedDB is unavailable or fails; the adapter then keeps working in memory.
   */
  async load(seedPrint: string, available: boolean): Promise<Referral[]> {
    if (!available) {
      this.fallBack('IndexedDB is not available here');
      return [];
    }
    try {
      let lost = false;
      const db = await openDB<MemoryDb>(this.dbName, DB_VERSION, {
        upgrade(database, oldVersion) {
          if (oldVersion < 1) database.createObjectStore('referrals', { keyPath: 'id' });
          if (oldVersion < 2) database.createObjectStore('meta');
        },
        // A newer version of this database opening elsewhere must not wait for this tab forever (this
        // may come while the saved referrals are still being read, before `this.db` is set).
        blocking: (_current, _blocked, event) => {
          lost = true;
          (event.target as IDBDatabase).close();
          this.fallBack('another tab upgraded the saved demo data');
        },
        terminated: () => {
          lost = true;
          this.fallBack('the browser closed the saved demo data');
        },
      });
      const saved = await this.readSaved(db, seedPrint);
      if (lost) return saved;
      this.db = db;
      if (typeof BroadcastChannel === 'function') {
        this.channel = new BroadcastChannel(`cosell-memory:${this.dbName}`);
        this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
      }
      return saved;
    } catch (error) {
      this.fallBack('could not open IndexedDB', error);
      return [];
    }
  }

  /** Save referrals (created or moved). */
  async save(...referrals: Referral[]): Promise<void> {
    const db = this.db;
    if (!db || referrals.length === 0) return;
    try {
      const tx = db.transaction('referrals', 'readwrite');
      await Promise.all([...referrals.map((r) => tx.store.put(r)), tx.done]);
    } catch (error) {
      this.fallBack('could not save to IndexedDB', error);
    }
  }

  /**
   * Save moved referrals, each only if no other tab saved that referral at its version or later first
   * (read and written in one transaction, so two tabs cannot both win). Answers the saved referrals
   * that won instead, by id: those moves were not saved.
   */
  async saveMoves(referrals: Referral[]): Promise<Map<string, Referral>> {
    const newer = new Map<string, Referral>();
    const db = this.db;
    if (!db || referrals.length === 0) return newer;
    try {
      const tx = db.transaction('referrals', 'readwrite');
      const puts: Promise<unknown>[] = [];
      for (const referral of referrals) {
        const saved = ReferralSchema.safeParse(await tx.store.get(referral.id));
        if (saved.success && saved.data.version >= referral.version) newer.set(referral.id, saved.data);
        else puts.push(tx.store.put(referral));
      }
      await Promise.all([...puts, tx.done]);
    } catch (error) {
      this.fallBack('could not save to IndexedDB', error);
    }
    return newer;
  }

  /** Forget every saved referral; what is saved from now on belongs to the seed `seedPrint`. */
  async clear(seedPrint: string): Promise<void> {
    if (!this.db) return;
    try {
      const tx = this.db.transaction(['referrals', 'meta'], 'readwrite');
      await Promise.all([tx.objectStore('referrals').clear(), tx.objectStore('meta').put(seedPrint, 'seed'), tx.done]);
    } catch (error) {
      this.fallBack('could not clear the saved demo data', error);
    }
  }

  /** Tell adapters in other tabs on the same database (a no-op without persistence). */
  broadcast(message: unknown): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // Another tab simply will not hear of it; this one is unaffected.
    }
  }

  /** Close the connection (so the database can be deleted) and stop hearing other tabs. */
  close(): void {
    this.db?.close();
    this.db = undefined;
    this.channel?.close();
    this.channel = undefined;
  }

  /** Stop saving; the adapter keeps its records in memory. Warns once. */
  fallBack(why: string, error?: unknown): void {
    this.db?.close();
    this.db = undefined;
    if (this.warned) return;
    this.warned = true;
    console.warn(`MemoryAdapter: ${why}; keeping data in memory only, so it will not survive a reload.`, error ?? '');
  }

  private async readSaved(db: IDBPDatabase<MemoryDb>, seedPrint: string): Promise<Referral[]> {
    const tx = db.transaction(['referrals', 'meta'], 'readwrite');
    const savedOver = await tx.objectStore('meta').get('seed');
    let stored: unknown[] = [];
    if (savedOver === seedPrint) {
      stored = await tx.objectStore('referrals').getAll();
    } else {
      // Saved referrals from another seed (or none yet): start clean over this one.
      await Promise.all([tx.objectStore('referrals').clear(), tx.objectStore('meta').put(seedPrint, 'seed')]);
    }
    await tx.done;
    const referrals: Referral[] = [];
    const migrated: Referral[] = [];
    for (const value of stored) {
      const result = ReferralSchema.safeParse(value);
      if (!result.success) {
        console.warn(`MemoryAdapter: skipped a saved referral that is no longer valid (${String((value as { id?: unknown } | null)?.id)})`);
        continue;
      }
      let referral = result.data;
      if (!referral.stageHistory?.length) {
        // Saved before stage history was kept: reconstruct it from the referral's own dates. Only
        // the submission is known; the acceptance and the change to the current stage are marked
        // `inferred` (moves between may be missing, their author is unknown). Saved back once.
        referral = { ...referral, stageHistory: synthesiseStageHistory(referral) };
        migrated.push(referral);
      }
      referrals.push(referral);
    }
    if (migrated.length) {
      const write = db.transaction('referrals', 'readwrite');
      await Promise.all([...migrated.map((r) => write.store.put(r)), write.done]);
    }
    return referrals;
  }
}
