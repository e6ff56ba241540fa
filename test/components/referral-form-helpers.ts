import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../components/provider/define.js';
import '../../components/referral-form/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import type { CrmAdapter } from '../../src/adapters/adapter.js';

export interface FormAttrs {
  partnerId?: string;
  company?: string;
  country?: string;
  crmRecordId?: string;
  locale?: string;
  currency?: string;
}

/** A referral form inside a provider, ready (user and partner loaded). */
export async function mountForm(adapter: CrmAdapter, attrs: FormAttrs = {}, container?: HTMLElement): Promise<CosellReferralForm> {
  const template = html`<cosell-provider .adapter=${adapter} locale=${attrs.locale ?? 'en-US'} currency=${attrs.currency ?? 'USD'}>
    <cosell-referral-form
      partner-id=${ifDefined(attrs.partnerId)}
      prospect-company=${attrs.company ?? nothing}
      prospect-country=${attrs.country ?? nothing}
      crm-record-id=${attrs.crmRecordId ?? 'acc-1'}
    ></cosell-referral-form>
  </cosell-provider>`;
  const provider = await fixture<CosellProvider>(template, container ? { parentNode: container } : {});
  await provider.ready;
  const form = provider.querySelector('cosell-referral-form')!;
  await form.ready;
  return form;
}

export function control<T extends HTMLElement = HTMLInputElement>(form: CosellReferralForm, field: string): T {
  const el = form.shadowRoot!.querySelector<T>(`[data-field="${field}"]`);
  if (!el) throw new Error(`No control for ${field}`);
  return el;
}

/** Set a text control's value the way typing does (input event), then leave it (blur). */
export async function typeInto(form: CosellReferralForm, field: string, value: string, blur = true): Promise<void> {
  const el = control<HTMLInputElement | HTMLTextAreaElement>(form, field);
  el.focus();
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await form.updateComplete;
  if (blur) {
    el.blur();
    await form.updateComplete;
  }
}

export async function choose(form: CosellReferralForm, field: string, value: string): Promise<void> {
  const el = control<HTMLSelectElement>(form, field);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  await form.updateComplete;
}

export async function check(form: CosellReferralForm, field: string, checked = true): Promise<void> {
  const el = control<HTMLInputElement>(form, field);
  if (el.checked !== checked) el.click();
  await form.updateComplete;
}

/** Fill every required field with valid values (partner fixed by partner-id). */
export async function fillValid(form: CosellReferralForm, company = 'Globex Corporation'): Promise<void> {
  await typeInto(form, 'company', company);
  await choose(form, 'country', 'US');
  await typeInto(form, 'contactName', 'Hank Scorpio');
  await typeInto(form, 'contactEmail', 'hank@globex.example');
  await choose(form, 'useCase', 'Contact centre analytics');
  await typeInto(form, 'arr', '12,500');
  await check(form, 'consent');
}

export function messageFor(form: CosellReferralForm, field: string): string | undefined {
  return form.shadowRoot!.querySelector(`#${field}-error`)?.textContent?.trim();
}

export function submitButton(form: CosellReferralForm): HTMLButtonElement {
  return form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
}

export function waitForShadow(form: CosellReferralForm, selector: string, message?: string): Promise<void> {
  return waitUntil(() => form.shadowRoot!.querySelector(selector), message ?? `${selector} never appeared`, { timeout: 5000 });
}

/** The element focused inside the form's shadow root (or nested shadow roots). */
export function focusedField(form: CosellReferralForm): string | undefined {
  return (form.shadowRoot!.activeElement as HTMLElement | null)?.dataset['field'];
}
