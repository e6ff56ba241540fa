import { html } from 'lit';
import type { DemoPane } from '../env.js';

/** Placeholder until the widget lands. */
export const referPane: DemoPane = () => html`<p class="placeholder">&lt;cosell-referral-form&gt; and &lt;cosell-my-referrals&gt; will live here.</p>`;
