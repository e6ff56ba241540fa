// Only what this page uses: the provider and the referral form. Tree-shaking drops the other elements.
import { configureCosell, createDemoData, MemoryAdapter, type CosellProvider, type Referral } from 'cosell';
import 'cosell/define/provider';
import 'cosell/define/referral-form';

configureCosell({ shadowMode: 'open' });

const provider: CosellProvider = document.querySelector('cosell-provider')!;
provider.adapter = new MemoryAdapter(createDemoData({ seed: 1, currentUserId: 'u-seller-dana' }));
provider.theme = 'auto';

provider.addEventListener('cosell-referral-submitted', (event) => {
  const referral: Referral = event.referral;
  document.querySelector('#outcome')!.textContent = `Referral of ${referral.prospect.company} sent (${referral.stage}).`;
});

// The types are Cosell's own, not `any`: `tsc` fails if these lines compile. Never called.
export function typesAreCosells(element: CosellProvider): void {
  // @ts-expect-error locale is a string
  element.locale = 42;
  // @ts-expect-error not a theme
  element.theme = 'sepia';
  // @ts-expect-error a cosell-referral-submitted listener gets a ReferralSubmittedEvent with a referral
  element.addEventListener('cosell-referral-submitted', (event) => event.referral.nope);
}
