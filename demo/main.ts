import { html, render } from 'lit';
import type { CrmAdapter } from '../src/adapters/adapter.js';
import { MemoryAdapter } from '../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../src/demo-data.js';
import { clockStartingAt, systemClock } from '../src/domain/clock.js';
import { ROLE_LABELS, type Role } from '../src/domain/user.js';
import { countryName } from '../src/format.js';
import '../components/define.js';
import type { DemoAccount, DemoEnv, DemoPane } from './env.js';
import { partnersPane } from './panes/partners.js';
import { referPane } from './panes/refer.js';
import { pipelinePane } from './panes/pipeline.js';
import { revsharePane } from './panes/revshare.js';

/** The Account record the demo pretends to be on. */
const account: DemoAccount = {
  id: '001DEMO0000000001',
  name: 'Northwind Traders',
  website: 'northwind-traders.example',
  country: 'GB',
  industry: 'Retail',
  contact: { name: 'Maria Anders', email: 'maria.anders@northwind-traders.example', phone: '+44 20 7946 0958', title: 'Head of Customer Service' },
};

const DB_NAME = 'cosell-demo';
const DEMO_ROLES: Role[] = ['seller', 'partner-manager', 'finance'];
const tabs: { id: string; label: string; pane: DemoPane }[] = [
  { id: 'partners', label: 'Partners', pane: partnersPane },
  { id: 'refer', label: 'Refer', pane: referPane },
  { id: 'pipeline', label: 'Pipeline', pane: pipelinePane },
  { id: 'revshare', label: 'Revenue share', pane: revsharePane },
];

/** True when `npm start` runs with SF_INSTANCE_URL and SF_ACCESS_TOKEN (demo/vite.config.ts). */
declare const __COSELL_SALESFORCE__: boolean;

const demoData = createDemoData({ seed: 1, referrals: 500 });
/**
 * One "today" for every widget and for the embedded CRM: the demo data's reference date, running on
 * from there at real speed, so its acceptance and ageing flags mean what they say and moves stay in order.
 * On a real org the real time is used.
 */
const demoClock = clockStartingAt(DEMO_REFERENCE_DATE);
const params = new URLSearchParams(location.search);
let role: Role = (DEMO_ROLES as string[]).includes(params.get('role') ?? '') ? (params.get('role') as Role) : 'seller';
let activeTab = tabs.some((t) => t.id === params.get('tab')) ? params.get('tab')! : 'partners';
let notice: string | undefined;
let adapter: CrmAdapter = __COSELL_SALESFORCE__ ? await salesforceAdapter() : makeAdapter(role);

/**
 * On a real org: jsforce is loaded only here, and talks to the dev server's /services proxy, which
 * adds the token. The signed-in user's role comes from the org, so the role switch is hidden.
 */
async function salesforceAdapter(): Promise<CrmAdapter> {
  const { SalesforceAdapter, connectWithToken } = await import('../src/salesforce/index.js');
  const salesforce = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: location.origin, accessToken: 'added-by-the-dev-server-proxy' }) });
  try {
    role = (await salesforce.getCurrentUser()).role;
  } catch (error) {
    notice = `Could not read your Salesforce user: ${error instanceof Error ? error.message : String(error)}`;
  }
  return salesforce;
}

function makeAdapter(forRole: Role): MemoryAdapter {
  const currentUser = demoData.users.find((u) => u.role === forRole) ?? demoData.currentUser;
  return new MemoryAdapter({ ...demoData, currentUser }, { persistence: 'indexeddb', dbName: DB_NAME, now: demoClock });
}

function syncUrl(): void {
  const url = new URL(location.href);
  url.searchParams.set('role', role);
  url.searchParams.set('tab', activeTab);
  history.replaceState(null, '', url);
}

function selectTab(id: string, focus = false): void {
  activeTab = id;
  syncUrl();
  update();
  if (focus) document.getElementById(`tab-${id}`)?.focus();
}

/** Arrow keys, Home and End move between tabs (WAI-ARIA tabs, automatic activation). */
function onTabKeydown(event: KeyboardEvent): void {
  const index = tabs.findIndex((t) => t.id === activeTab);
  const next =
    event.key === 'ArrowRight' ? (index + 1) % tabs.length
    : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
    : event.key === 'Home' ? 0
    : event.key === 'End' ? tabs.length - 1
    : -1;
  if (next < 0) return;
  event.preventDefault();
  selectTab(tabs[next]!.id, true);
}

function switchRole(event: Event): void {
  role = (event.target as HTMLSelectElement).value as Role;
  notice = undefined;
  const previous = adapter;
  adapter = makeAdapter(role);
  if (previous instanceof MemoryAdapter) void previous.close();
  syncUrl();
  update();
}

async function resetDemo(): Promise<void> {
  if (!(adapter instanceof MemoryAdapter)) return;
  await adapter.reset();
  for (const key of Object.keys(localStorage)) if (key.startsWith('cosell')) localStorage.removeItem(key);
  notice = 'Demo data reset: the referrals and moves you made are gone.';
  update();
}

function update(): void {
  const env: DemoEnv = { adapter, role, account };
  const active = tabs.find((t) => t.id === activeTab) ?? tabs[0]!;
  render(
    html`
      <header class="global-header">
        <span class="app">Acme CRM</span>
        <span class="spacer"></span>
        ${__COSELL_SALESFORCE__
          ? html`<span>Connected to Salesforce</span>`
          : html`<label>View as
                <select @change=${switchRole}>
                  ${DEMO_ROLES.map((r) => html`<option value=${r} ?selected=${r === role}>${ROLE_LABELS[r]}</option>`)}
                </select>
              </label>
              <button type="button" @click=${() => void resetDemo()}>Reset demo data</button>`}
      </header>
      <p class="notice" role="status">${notice ?? ''}</p>
      <section class="record-header" aria-label="Account">
        <div class="record-icon" aria-hidden="true">A</div>
        <div>
          <div class="eyebrow">Account</div>
          <h1>${account.name}</h1>
        </div>
        <dl class="record-fields">
          <div><dt>Website</dt><dd>${account.website}</dd></div>
          <div><dt>Country</dt><dd>${countryName(account.country, 'en-US')}</dd></div>
          <div><dt>Industry</dt><dd>${account.industry}</dd></div>
        </dl>
      </section>
      <div class="layout">
        <main class="main">
          <div role="tablist" aria-label="Account tabs" @keydown=${onTabKeydown}>
            ${tabs.map(
              (t) => html`<button role="tab" id="tab-${t.id}" aria-controls="panel-${t.id}"
                aria-selected=${t.id === active.id ? 'true' : 'false'} tabindex=${t.id === active.id ? 0 : -1}
                @click=${() => selectTab(t.id)}>${t.label}</button>`,
            )}
          </div>
          <cosell-provider .adapter=${adapter} .clock=${__COSELL_SALESFORCE__ ? systemClock : demoClock} locale="en-US" currency="USD">
            <div role="tabpanel" id="panel-${active.id}" aria-labelledby="tab-${active.id}">${active.pane(env)}</div>
          </cosell-provider>
        </main>
        <aside class="side" aria-label="Account details">
          <h2>Primary contact</h2>
          <dl>
            <dt>Name</dt><dd>${account.contact.name}</dd>
            <dt>Title</dt><dd>${account.contact.title}</dd>
            <dt>Email</dt><dd>${account.contact.email}</dd>
            <dt>Phone</dt><dd>${account.contact.phone}</dd>
          </dl>
        </aside>
      </div>
    `,
    document.getElementById('app')!,
  );
}

update();
