import type { Partner } from '../domain/partner.js';
import type { CallOptions, CrmAdapter, PartnerFilter } from './adapter.js';

/** The partner reads a widget makes: an adapter, or a provider's directory in front of one. */
export type PartnerSource = Pick<CrmAdapter, 'getPartner' | 'listPartners' | 'searchPartners'>;

/** `promise`, or the caller's AbortError as soon as its own signal aborts (the shared call goes on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** One adapter's partner reads, shared: the same question asks the CRM once. */
class SharedPartnerReads implements PartnerSource {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly adapter: CrmAdapter) {}

  getPartner(id: string, options: CallOptions = {}): Promise<Partner> {
    return this.shared(`partner:${id}`, () => this.adapter.getPartner(id), options.signal);
  }

  async listPartners(filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    return [...(await this.shared(`list:${JSON.stringify(filter)}`, () => this.adapter.listPartners(filter).then((list) => this.known(list)), options.signal))];
  }

  async searchPartners(query: string, filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    return [...(await this.shared(`search:${JSON.stringify([query, filter])}`, () => this.adapter.searchPartners(query, filter).then((list) => this.known(list)), options.signal))];
  }

  /** Partners a list or a search returned are known: picking one of them loads nothing more. */
  private known(partners: Partner[]): Partner[] {
    for (const partner of partners) if (!this.answers.has(`partner:${partner.id}`)) this.answers.set(`partner:${partner.id}`, Promise.resolve(partner));
    return partners;
  }

  clear(): void {
    this.answers.clear();
  }

  /** The answer to this question, asked once; a failed answer is forgotten so Retry asks again. */
  private shared<T>(key: string, ask: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      const asked = ask();
      answer = asked;
      this.answers.set(key, asked);
      asked.catch(() => {
        if (this.answers.get(key) === asked) this.answers.delete(key);
      });
    }
    return abortable(answer, signal);
  }
}

/**
 * What the widgets under one provider have read about partners, per adapter, shared: two widgets
 * that show the same partner load it once. The provider forgets it all when the signed-in user
 * changes or the CRM says its data was reset (a live `reset` change); a new adapter starts empty.
 */
export class PartnerDirectory {
  private reads = new WeakMap<CrmAdapter, SharedPartnerReads>();

  /** The shared partner reads over `adapter`. */
  for(adapter: CrmAdapter): PartnerSource {
    let reads = this.reads.get(adapter);
    if (!reads) {
      reads = new SharedPartnerReads(adapter);
      this.reads.set(adapter, reads);
    }
    return reads;
  }

  /** Forget every answer (the next read asks the CRM again). */
  clear(): void {
    this.reads = new WeakMap();
  }
}
