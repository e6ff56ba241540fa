import type { CrmAdapter, CrmChange } from '../src/adapters/adapter.js';
import type { Referral } from '../src/domain/referral.js';
import { MemoryAdapter, type MemorySeed } from '../src/adapters/memory-adapter.js';
import { createDemoData } from '../src/demo-data.js';
import type { SessionStore } from './token-vault.js';

/**
 * Sign-in through the CRM (the OAuth web-server flow): what the gateway's `/auth/login`,
 * `/auth/callback` and `/auth/logout` routes run. What it keeps (verifier, tokens) stays server-side.
 */
export interface CrmSignIn {
  /** The CRM's authorization URL to send the browser to, and the state the callback must bring back. */
  begin(returnTo: string): Promise<{ url: string; state: string }>;
  /** Exchange the code; the user signed in, the id of their grant (tokens kept server-side), and where to send them. */
  complete(state: string, code: string): Promise<{ userId: string; grant: string; returnTo: string }>;
  /** Sign out: revoke the grant's tokens at the CRM and forget them. */
  end(grant: string): Promise<void>;
}

/** What the gateway serves: an adapter acting as each signed-in user. */
export interface GatewayBackend {
  /** What it is, for logs and /healthz ("embedded", "salesforce"). */
  readonly name: string;
  /** The user a demo session starts as; undefined when sign-in goes through the CRM. */
  readonly demoUserId?: string;
  /** True when a demo sign-in may name this user. */
  hasUser(userId: string): boolean;
  /** An adapter whose every call runs as this user (with this sign-in's grant, for a CRM sign-in). */
  adapterFor(userId: string, grant?: string): CrmAdapter | Promise<CrmAdapter>;
  /** Set when users sign in through the CRM rather than as a demo user. */
  signIn?: CrmSignIn;
  /** The gateway's session store (memory, or Redis) and its key prefix, given before the first request. */
  attachStore?(store: SessionStore, prefix: string): void;
  /** Every change made to the CRM, by anyone; the gateway subscribes once and fans them out over SSE. */
  subscribe?(listener: (change: CrmChange) => void): () => void;
  /**
   * True when this user may see this referral (the CRM's sharing rules). The gateway sends a user's
   * live-change stream only the changes to referrals they may see; without it, every change goes to
   * everyone (right when, as in the embedded backend, every user reads every referral). `as` is the
   * listener's own adapter (acting with their sign-in).
   */
  maySee?(userId: string, referral: Referral, as?: CrmAdapter): boolean | Promise<boolean>;
  /** The CRM's API usage as it last reported it (Salesforce: `Sforce-Limit-Info`), for `/metrics`. */
  apiUsage?(): { used: number; limit: number } | undefined;
  /** Resolves when the CRM answers (for `/readyz`); without it the backend counts as reachable. */
  ready?(): Promise<void>;
  close?(): Promise<void>;
}

/** The embedded backend, which can also start over from a seed (tests, demos). */
export interface EmbeddedBackend extends GatewayBackend {
  readonly demoUserId: string;
  adapterFor(userId: string): CrmAdapter;
  /** Replace every record with `seed` (default: the one it started with). */
  reset(seed?: MemorySeed): Promise<void>;
}

export interface EmbeddedBackendOptions {
  /** The user demo sessions start as (default: the seed's current user). */
  demoUserId?: string;
  /** The clock of the MemoryAdapter. */
  now?: () => Date;
}

/**
 * The embedded backend: one MemoryAdapter holding the seed (default: the demo data), shared by every
 * session. The adapter acts as one user at a time, so calls run one after another, each as its own
 * session's user; they are in-memory and short, so this costs little.
 */
export function embeddedBackend(seed: MemorySeed = createDemoData({ seed: 1 }), options: EmbeddedBackendOptions = {}): EmbeddedBackend {
  const memory = new MemoryAdapter(seed, options.now ? { now: options.now } : {});
  let userIds = new Set(memory.users.map((u) => u.id));
  const demoUserId = options.demoUserId ?? seed.currentUser.id;
  if (!userIds.has(demoUserId)) throw new Error(`The demo user ${demoUserId} is not in the seed (it has ${[...userIds].join(', ')})`);
  let tail: Promise<unknown> = Promise.resolve();
  const as = <T>(userId: string, call: (adapter: MemoryAdapter) => Promise<T>): Promise<T> => {
    const result = tail.then(() => {
      memory.setCurrentUser(userId);
      return call(memory);
    });
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    name: 'embedded',
    demoUserId,
    hasUser: (userId) => userIds.has(userId),
    adapterFor: (userId): CrmAdapter => ({
      capabilities: memory.capabilities,
      getCurrentUser: (o) => as(userId, (m) => m.getCurrentUser(o)),
      getPartner: (id, o) => as(userId, (m) => m.getPartner(id, o)),
      listPartners: (f, o) => as(userId, (m) => m.listPartners(f, o)),
      searchPartners: (q, f, o) => as(userId, (m) => m.searchPartners(q, f, o)),
      getPartnerStats: (id, o) => as(userId, (m) => m.getPartnerStats(id, o)),
      createReferral: (input, o) => as(userId, (m) => m.createReferral(input, o)),
      findDuplicateReferrals: (probe, o) => as(userId, (m) => m.findDuplicateReferrals(probe, o)),
      getReferral: (id, o) => as(userId, (m) => m.getReferral(id, o)),
      listReferrals: (r, o) => as(userId, (m) => m.listReferrals(r, o)),
      moveReferral: (id, move, o) => as(userId, (m) => m.moveReferral(id, move, o)),
      moveReferrals: (moves, o) => as(userId, (m) => m.moveReferrals(moves, o)),
      listAgreements: (p, o) => as(userId, (m) => m.listAgreements(p, o)),
      listStatements: (q, o) => as(userId, (m) => m.listStatements(q, o)),
    }),
    subscribe: (listener) => memory.subscribe(listener),
    reset: (next = seed) =>
      as(demoUserId, async (m) => {
        await m.reset(next);
        userIds = new Set(m.users.map((u) => u.id));
      }),
    close: () => memory.close(),
  };
}
