import type { CrmAdapter } from '../src/adapters/adapter.js';
import { MemoryAdapter } from '../src/adapters/memory-adapter.js';
import { createDemoData } from '../src/demo-data.js';
import type { PartnerInput } from '../src/domain/partner.js';
import type { Role } from '../src/domain/user.js';
import { CrmError, type CrmErrorKind } from '../src/errors.js';

/** Story-only adapters for the seller elements' states: each wraps a real MemoryAdapter. */
const demo = createDemoData({ seed: 1, referrals: 300 });

export function demoAdapter(role: Role = 'seller', extraPartners: PartnerInput[] = []): MemoryAdapter {
  const currentUser = demo.users.find((u) => u.role === role) ?? demo.currentUser;
  return new MemoryAdapter({ ...demo, partners: [...demo.partners, ...extraPartners], currentUser });
}

/** Every call of `methods` never settles (the loading state), or fails with `kind`. */
export function stalledAdapter(methods: (keyof CrmAdapter)[], failWith?: CrmErrorKind, role: Role = 'seller'): CrmAdapter {
  const inner = demoAdapter(role);
  return new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || !methods.includes(key as keyof CrmAdapter)) return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return () => (failWith ? Promise.reject(new CrmError(failWith)) : new Promise(() => {}));
    },
  });
}

/** A seller whose referral list is empty: a new seller id with no referrals. */
export function newSellerAdapter(): MemoryAdapter {
  return new MemoryAdapter({ ...demo, currentUser: { id: 'u-new-seller', name: 'Nia New', role: 'seller', partnerIds: [] } });
}

/** A referral by the demo's first seller, to trigger the duplicate check. */
export function duplicateCompany(): { company: string; partnerId: string; country: string } {
  const recent = demo.referrals.find((r) => r.stage !== 'closed-lost' && Date.parse(r.submittedAt) > Date.now() - 150 * 86_400_000) ?? demo.referrals[0]!;
  return { company: recent.prospect.company, partnerId: recent.partnerId, country: recent.prospect.country };
}

export const demoPartners = demo.partners;

/** A partner with long texts, hostile strings and unsafe links. */
export const longPartner: PartnerInput = {
  id: 'p-long',
  name: 'The Extraordinarily Long-Named International Contact-Centre Workforce Optimisation Company <img src=x onerror=alert(1)>',
  summary:
    'A summary that goes on and on to show how the card wraps text that a partner manager pasted from a slide deck without editing it, including <script>alert("x")</script> markup that must render as text.',
  integration: { name: 'A very long integration name for the contact centre and unified communications platform', status: 'in-development' },
  lifecycle: { step: 'launch-prep', activePrograms: [] },
  partnerManager: { name: 'Bartholomew Featherstonehaugh-Cholmondeley', email: 'bartholomew.featherstonehaugh@partner.example' },
  markets: ['US', 'CA', 'GB', 'IE', 'DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'NO', 'DK', 'FI', 'AU', 'NZ', 'SG', 'JP'],
  useCases: ['Workforce forecasting', 'Scheduling', 'Real-time adherence', 'Quality management', 'Speech analytics'],
  supportSla: 'P1 response within 30 minutes, 24×7×365, with a named technical account manager for strategic accounts',
  links: [
    { kind: 'landing-page', label: 'Partner page', url: 'https://partner.example/8x8' },
    { kind: 'demo-environment', label: 'Demo', url: 'javascript:alert(document.cookie)' },
  ],
};
