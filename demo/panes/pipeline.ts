import { html } from 'lit';
import type { DemoPane } from '../env.js';

/** Placeholder until the widget lands. */
export const pipelinePane: DemoPane = () => html`<p class="placeholder">&lt;cosell-pipeline-board&gt; will live here.</p>`;
