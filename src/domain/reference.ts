/**
 * A short reference a seller can read out to a partner ("REF-7K3Q9X"), derived from the referral's
 * externalId. The externalId (a UUID) stays the idempotency key and the record's identity; the
 * reference is for people, so it uses Crockford's base-32 alphabet (no I, L, O or U to misread).
 * Six characters give about a billion values: two of one seller's referrals sharing a reference is
 * very unlikely, but it is not a key — look referrals up by externalId.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** FNV-1a over the id's characters, 32 bits. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** `REF-` and six base-32 characters (30 bits of the id's hash); the same id gives the same reference. */
export function referralReference(externalId: string): string {
  let value = fnv1a(externalId.trim().toLowerCase());
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += CROCKFORD[value & 31];
    value >>>= 5;
  }
  return `REF-${out}`;
}
