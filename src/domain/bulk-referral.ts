import { z } from './zod.js';
import { ReferralSchema } from './referral.js';

// A module of its own, and a chunk of its own in the drop-in (vite.bundle.config.ts): zod's compiler
// is about 11 kB gzip, and only the widgets that take referrals in bulk (MemoryAdapter, the board's
// `.referrals`) load it; a referral form does not.

let compiledReferral: typeof ReferralSchema | undefined;
/**
 * `ReferralSchema` compiled by zod (`z.compile`) for records in bulk (a seed, `.referrals` given as
 * data): the same rules run as generated code, and any record it does not accept is parsed again by
 * the runtime parser, so the errors are the same. Compiled on first use (about 10 ms), not on
 * import; where `new Function` is not allowed (a strict CSP) zod hands back the schema uncompiled.
 */
export function bulkReferralSchema(): typeof ReferralSchema {
  return (compiledReferral ??= z.compile(ReferralSchema));
}
