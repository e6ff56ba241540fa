import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define.js';
import { Announcer } from '../../components/base/announcer.js';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import type { CosellRevshareSummary } from '../../components/revshare-summary/revshare-summary.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';
import { NOTES_MAX_LENGTH } from '../../src/domain/referral.js';
import { control } from './referral-form-helpers.js';

/**
 * Issue "One truth": every element speaks through the provider's one polite region, so the board, the
 * form and the summary on one page never talk over each other from regions of their own.
 */
describe('one live region for every element under a provider', () => {
  const demo = createDemoData({ seed: 3, referrals: 120 });
  const currentUser = demo.users.find((u) => u.role === 'partner-manager' && u.partnerIds.length === 0)!;
  const partnerId = demo.partners[0]!.id;

  it('the board, the referral form and the revenue-share summary announce through the same region, and none keeps a live region of its own', async () => {
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${new MemoryAdapter({ ...demo, currentUser })} now=${DEMO_REFERENCE_DATE}>
      <cosell-partner-card partner-id=${partnerId}></cosell-partner-card>
      <cosell-referral-form></cosell-referral-form>
      <cosell-my-referrals></cosell-my-referrals>
      <cosell-pipeline-board></cosell-pipeline-board>
      <cosell-revshare-summary from="2024-01" to="2026-12"></cosell-revshare-summary>
    </cosell-provider>`);
    await provider.ready;
    const board = provider.querySelector<CosellPipelineBoard>('cosell-pipeline-board')!;
    const form = provider.querySelector<CosellReferralForm>('cosell-referral-form')!;
    const summary = provider.querySelector<CosellRevshareSummary>('cosell-revshare-summary')!;
    await waitUntil(() => board.shadowRoot!.querySelector('.card'), 'the board shows cards', { timeout: 5000 });
    await waitUntil(() => summary.shadowRoot!.querySelector('button.sort'), 'the summary shows its statements', { timeout: 5000 });
    await waitUntil(() => form.shadowRoot!.querySelector('[data-field="notes"]'), 'the form shows its fields', { timeout: 5000 });

    const widgets = [...provider.children].filter((el) => el.tagName.startsWith('COSELL-')) as HTMLElement[];
    expect(widgets.length).to.equal(5);
    for (const widget of widgets) {
      expect(widget.shadowRoot!.querySelector('[aria-live]:not([data-kind="loading"])'), `${widget.localName} keeps a live region of its own`).to.equal(null);
    }

    const heard: string[] = [];
    const region = () => provider.querySelector<HTMLElement>('[data-cosell-announcer]');

    // The board: lift a card with the keyboard.
    board.shadowRoot!.querySelector<HTMLElement>('.card')!.focus();
    await sendKeys({ press: 'Space' });
    await board.updateComplete;
    await waitUntil(() => region()?.textContent?.trim(), 'the board announces the lifted card');
    heard.push(region()!.textContent.trim());
    await sendKeys({ press: 'Escape' });
    await board.updateComplete;

    // The summary: sort its statements.
    summary.shadowRoot!.querySelector<HTMLButtonElement>('button.sort')!.click();
    await waitUntil(() => region()!.textContent.trim() && !heard.includes(region()!.textContent.trim()), 'the summary announces its sort');
    heard.push(region()!.textContent.trim());

    // The form: notes near their limit announce how many characters are left.
    const notes = control<HTMLTextAreaElement>(form, 'notes');
    notes.value = 'x'.repeat(NOTES_MAX_LENGTH - 150);
    notes.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => /left/.test(region()!.textContent ?? '') && !heard.includes(region()!.textContent.trim()), 'the form announces the notes counter');
    heard.push(region()!.textContent.trim());

    expect(heard.length).to.equal(3);
    expect(provider.querySelectorAll('[data-cosell-announcer]').length, 'one region under the provider').to.equal(1);
    for (const widget of [board, form, summary]) expect(Announcer.regionOf(widget), widget.localName).to.equal(region());
  });
});
