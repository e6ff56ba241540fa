// The intranet page's only script: every element, and a RestAdapter on the gateway. The browser holds
// the gateway's session cookie and CSRF token, never a CRM token.
import 'cosell/define';
import { RestAdapter } from 'cosell/rest';

// Where `npx cosell-gateway` listens (its default), or ?gateway=http://host:port.
const gateway = new URLSearchParams(location.search).get('gateway') ?? 'http://127.0.0.1:8787';
const adapter = new RestAdapter({ baseUrl: gateway });
const provider = document.querySelector('cosell-provider');

document.querySelector('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = document.querySelector('#signed-in');
  try {
    const user = await adapter.signInAsDemoUser(new FormData(event.target).get('user'));
    status.textContent = `Signed in as ${user.name}`;
    provider.adapter = adapter;
    provider.hidden = false;
  } catch (error) {
    status.textContent = `Could not sign in: ${error.message}`;
  }
});

provider.addEventListener('cosell-referral-submitted', (event) => {
  document.querySelector('#outcome').textContent = `Referral of ${event.detail.referral.prospect.company} sent (${event.detail.referral.id}).`;
});
provider.addEventListener('cosell-error', (event) => console.warn('cosell-error', event.detail));
