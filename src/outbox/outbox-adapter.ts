import type { CallOptions, CrmAdapter, DuplicateProbe } from '../adapters/adapter.js';
import { ReferralInputSchema, type Referral, type ReferralInput } from '../domain/referral.js';
import { CrmError, parseRecord } from '../errors.js';
import type { OutboxReferral, ReferralOutbox } from './outbox.js';

/**
 * Thrown by an adapter wrapped in an outbox when the CRM could not be reached: the referral was not
 * saved in the CRM but is kept in the outbox (on disk), and will be sent with the same externalId.
 */
export class ReferralQueuedError extends CrmError {
  override name = 'ReferralQueuedError';

  constructor(readonly queued: OutboxReferral) {
    super('network', 'The CRM could not be reached: the referral is waiting to send, and will be sent when you are back online.', { details: queued });
  }

  static queuedIn(error: unknown): error is ReferralQueuedError {
    return error instanceof ReferralQueuedError;
  }
}

/**
 * `adapter` with an outbox around its `createReferral`: a create that fails because the CRM cannot be
 * reached (a `network` error, never validation, permission or conflict) is kept in `outbox` and
 * rejects with `ReferralQueuedError`. Offline, the duplicate check cannot reach the CRM either: it
 * answers no duplicates, so the referral is kept unchecked (the CRM's own duplicate rules still apply
 * when it is sent). Everything else is the adapter's own.
 */
export function withOutbox(adapter: CrmAdapter, outbox: ReferralOutbox): CrmAdapter {
  const createReferral = async (input: ReferralInput, options?: CallOptions): Promise<Referral> => {
    try {
      return await adapter.createReferral(input, options);
    } catch (error) {
      if (!CrmError.is(error, 'network') || options?.signal?.aborted) throw error;
      const kept = await outbox.add(parseRecord(ReferralInputSchema, input, { record: 'Referral', source: 'input' }));
      throw new ReferralQueuedError(kept);
    }
  };
  const findDuplicateReferrals = async (probe: DuplicateProbe, options?: CallOptions): Promise<Referral[]> => {
    try {
      return await adapter.findDuplicateReferrals(probe, options);
    } catch (error) {
      if (CrmError.is(error, 'network') && !options?.signal?.aborted) return [];
      throw error;
    }
  };
  const own: Partial<CrmAdapter> = { createReferral, findDuplicateReferrals };
  return new Proxy(adapter, {
    get(target, property) {
      if (property in own) return own[property as keyof typeof own];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
