import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createDemoData, MemoryAdapter, type CosellErrorEvent, type ReferralSubmittedEvent } from 'cosell';
import 'cosell/define';

const adapter = new MemoryAdapter(createDemoData({ seed: 1, currentUserId: 'u-seller-dana' }));

function AccountPage() {
  const [outcome, setOutcome] = useState('');
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  return (
    <>
      <button type="button" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
        Switch to {theme === 'light' ? 'dark' : 'light'}
      </button>
      {/* Objects go in as properties (adapter), strings as attributes; cosell-* events as oncosell-*. */}
      <cosell-provider
        adapter={adapter}
        locale="en-US"
        theme={theme}
        oncosell-referral-submitted={(event: ReferralSubmittedEvent) =>
          setOutcome(`Referral of ${event.referral.prospect.company} sent.`)
        }
        oncosell-error={(event: CosellErrorEvent) => setOutcome(`Error: ${event.error.message}`)}
      >
        <cosell-partner-card partner-id="p-northwind" variant="compact"></cosell-partner-card>
        <cosell-referral-form partner-id="p-northwind" prospect-company="Acme Logistics" prospect-country="US"></cosell-referral-form>
      </cosell-provider>
      <p id="outcome" role="status">{outcome}</p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AccountPage />
  </StrictMode>,
);
