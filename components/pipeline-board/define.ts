import { CosellPipelineBoard } from './pipeline-board.js';

if (!customElements.get('cosell-pipeline-board')) customElements.define('cosell-pipeline-board', CosellPipelineBoard);

declare global {
  interface HTMLElementTagNameMap {
    'cosell-pipeline-board': CosellPipelineBoard;
  }
}
