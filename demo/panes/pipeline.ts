import { html } from 'lit';
import '../../components/pipeline-board/define.js';
import type { DemoPane } from '../env.js';

/**
 * The Pipeline tab: the partner manager's monthly pipeline review on the board. Sellers see it
 * read-only (the board checks the signed-in user's role itself).
 */
export const pipelinePane: DemoPane = ({ role }) => html`
  <section aria-labelledby="pipeline-title">
    <h2 id="pipeline-title">Partner pipeline</h2>
    <p class="hint">
      ${role === 'seller'
        ? 'You see the pipeline read-only. Partner managers move deals between stages here.'
        : 'Drag a card, use its “Move to…” menu, or focus a card and press Space, the arrow keys and Space again to move it. Filters are kept in the element’s attributes.'}
    </p>
    <cosell-pipeline-board></cosell-pipeline-board>
  </section>
`;
