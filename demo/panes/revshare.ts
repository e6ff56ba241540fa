import { html } from 'lit';
import type { DemoPane } from '../env.js';

/** Placeholder until the widget lands. */
export const revsharePane: DemoPane = () => html`<p class="placeholder">&lt;cosell-revshare-summary&gt; will live here.</p>`;
