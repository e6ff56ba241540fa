import { expect, fixture, html } from '@open-wc/testing';
import { css, html as litHtml } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { CosellElement } from '../../components/base/cosell-element.js';
import { tokens } from '../../components/base/tokens.js';

/** A widget made only for this test: the shared tokens and a button, as every element starts. */
class ThemeProbe extends CosellElement {
  static override styles = [tokens, css`div { background: var(--_surface); padding: var(--_space); }`];
  override render() {
    return litHtml`<div><button class="primary">Refer</button></div>`;
  }
}
customElements.define('test-theme-probe', ThemeProbe);

async function probeIn(attributes: Record<string, string> = {}): Promise<{ box: CSSStyleDeclaration; button: CSSStyleDeclaration }> {
  const provider = await fixture<CosellProvider>(html`<cosell-provider><test-theme-probe></test-theme-probe></cosell-provider>`);
  for (const [name, value] of Object.entries(attributes)) provider.setAttribute(name, value);
  const probe = provider.querySelector<ThemeProbe>('test-theme-probe')!;
  await provider.updateComplete;
  await probe.updateComplete;
  return {
    box: getComputedStyle(probe.shadowRoot!.querySelector('div')!),
    button: getComputedStyle(probe.shadowRoot!.querySelector('button')!),
  };
}

describe('themes and densities on <cosell-provider>', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('uses the SLDS-like light defaults without a theme', async () => {
    const { box, button } = await probeIn();
    expect(box.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(box.color).to.equal('rgb(24, 24, 24)');
    expect(button.backgroundColor).to.equal('rgb(1, 118, 211)');
    expect(button.minHeight).to.equal('32px');
  });

  it('theme="dark" sets the dark tokens, which reach into the widget shadow root', async () => {
    const { box, button } = await probeIn({ theme: 'dark' });
    expect(box.backgroundColor).to.equal('rgb(36, 36, 36)');
    expect(box.color).to.equal('rgb(243, 243, 243)');
    expect(button.backgroundColor).to.equal('rgb(120, 176, 253)');
    expect(box.colorScheme).to.equal('dark');
  });

  it('theme="auto" follows prefers-color-scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect((await probeIn({ theme: 'auto' })).box.backgroundColor).to.equal('rgb(36, 36, 36)');
    expect((await probeIn({ theme: 'light' })).box.backgroundColor).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'light' });
    expect((await probeIn({ theme: 'auto' })).box.backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('density="compact" shrinks spacing, type and controls', async () => {
    const { box, button } = await probeIn({ density: 'compact' });
    expect(box.paddingTop).to.equal('4px');
    expect(box.fontSize).to.equal('12px');
    expect(button.minHeight).to.equal('24px');
  });

  it('a host can still override a token of the dark theme on the provider', async () => {
    const style = document.createElement('style');
    style.textContent = `cosell-provider[theme='dark'] { --cosell-color-surface: rgb(1, 2, 3); }`;
    document.head.append(style);
    try {
      expect((await probeIn({ theme: 'dark' })).box.backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('reflects theme and density so page CSS can hook onto them', async () => {
    const provider = await fixture<CosellProvider>(html`<cosell-provider></cosell-provider>`);
    provider.theme = 'dark';
    provider.density = 'compact';
    await provider.updateComplete;
    expect(provider.getAttribute('theme')).to.equal('dark');
    expect(provider.getAttribute('density')).to.equal('compact');
  });
});
