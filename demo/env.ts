import type { TemplateResult } from 'lit';
import type { CrmAdapter } from '../src/adapters/adapter.js';
import type { Role } from '../src/domain/user.js';

/** The host CRM record the demo pretends to be on: an Account page. */
export interface DemoAccount {
  id: string;
  name: string;
  website: string;
  country: string;
  industry: string;
  contact: { name: string; email: string; phone: string; title: string };
}

/** What the demo shell hands each pane. A pane renders inside the shell's <cosell-provider>. */
export interface DemoEnv {
  adapter: CrmAdapter;
  role: Role;
  account: DemoAccount;
}

/** A pane of the demo: one tab of the Account page. Each widget issue fills in its own pane file. */
export type DemoPane = (env: DemoEnv) => TemplateResult;
