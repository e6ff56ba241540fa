import { html } from 'lit';
import type { DemoPane } from '../env.js';

/** Placeholder until the widget lands. */
export const partnersPane: DemoPane = () => html`<p class="placeholder">&lt;cosell-partner-card&gt; will live here.</p>`;
