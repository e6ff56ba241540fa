import { css } from 'lit';

export const summaryStyles = css`
  :host {
    display: block;
    --_kpi-bg: var(--cosell-revshare-kpi-background, var(--_surface-alt));
    --_due: var(--cosell-revshare-due-color, var(--_brand));
    --_remitted: var(--cosell-revshare-remitted-color, var(--_success));
    --_overdue: var(--cosell-revshare-overdue-color, var(--_error));
  }
  h2,
  h3,
  h4 {
    margin: 0 0 var(--_space);
    font-size: 1rem;
  }
  h3 {
    font-size: 0.9375rem;
  }
  section {
    margin-block: calc(var(--_space) * 2);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
  }
  .toolbar .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .range {
    color: var(--_text-weak);
    margin: 0;
  }
  .kpis {
    display: grid;
    /* Tiles wrap to as many columns as fit, down to one in a very narrow container. */
    grid-template-columns: repeat(auto-fit, minmax(min(8.5rem, 100%), 1fr));
    gap: var(--_space);
    margin: 0;
  }
  .kpi {
    min-width: 0;
    overflow-wrap: anywhere;
    background: var(--_kpi-bg);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .kpi dt {
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .kpi dd {
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .kpi dd small {
    display: block;
    font-size: 0.75rem;
    font-weight: 400;
    color: var(--_text-weak);
  }
  .kpi[data-alert] {
    box-shadow: inset 3px 0 0 var(--_overdue);
  }
  .chart {
    width: 100%;
    height: auto;
    max-height: 20rem;
    display: block;
  }
  .chart .tick line {
    stroke: var(--_border);
    stroke-dasharray: 2 3;
  }
  .chart text {
    fill: var(--_text-weak);
    font-size: 11px;
  }
  .chart text.x-year {
    font-weight: 600;
  }
  .chart .axis {
    stroke: var(--_text-weak);
  }
  .chart rect.due,
  .swatch.due {
    fill: var(--_due);
    background: var(--_due);
  }
  .chart rect.remitted,
  .swatch.remitted {
    fill: var(--_remitted);
    background: var(--_remitted);
  }
  .chart .hatch-bg {
    fill: var(--_overdue);
  }
  .chart .hatch-line {
    stroke: var(--_surface);
    stroke-width: 3;
  }
  .chart .overdue-badge circle {
    fill: var(--_overdue);
  }
  .chart .overdue-badge text {
    fill: var(--_surface);
    font-weight: 700;
  }
  .chart text.x-overdue {
    fill: var(--_overdue);
    font-weight: 600;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .swatch {
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    margin-inline-end: 0.25rem;
    vertical-align: -0.1em;
    border-radius: 2px;
  }
  .swatch.overdue {
    background: repeating-linear-gradient(45deg, var(--_overdue) 0 3px, var(--_surface) 3px 5px);
  }
  .table-wrap {
    overflow-x: auto;
    /* Contains absolutely positioned descendants (visually hidden labels) so they scroll with the
       table instead of widening the page. */
    position: relative;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block: calc(var(--_space) * 0.5);
  }
  th,
  td {
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  th {
    background: var(--_surface-alt);
    font-weight: 600;
    white-space: nowrap;
  }
  tbody th,
  tfoot th {
    background: none;
  }
  tbody th {
    font-weight: 400;
  }
  .num {
    text-align: end;
    white-space: nowrap;
  }
  th.num {
    text-align: end;
  }
  th button.sort {
    border: 0;
    background: none;
    color: inherit;
    font-weight: 600;
    padding: 0;
    min-height: 24px;
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
  }
  th button.sort .arrow {
    color: var(--_text-weak);
    width: 0.75em;
  }
  /* At least 24 x 24 px (WCAG 2.5.8), also where the rows stack. */
  button.expand {
    border: 0;
    background: none;
    padding: 0 0.25rem;
    min-height: 24px;
    min-width: 24px;
    color: var(--_brand);
  }
  .status {
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
    white-space: nowrap;
  }
  .status[data-status='overdue'] {
    color: var(--_overdue);
    font-weight: 600;
  }
  .status[data-status='disputed'] {
    color: var(--_warning);
    font-weight: 600;
  }
  .status[data-status='remitted'] {
    color: var(--_success);
  }
  tr.overdue td:first-child {
    box-shadow: inset 3px 0 0 var(--_overdue);
  }
  tr.lines > td {
    background: var(--_surface-alt);
    padding: var(--_space) calc(var(--_space) * 2);
  }
  tr.lines table {
    background: var(--_surface);
  }
  .lines-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .note {
    color: var(--_text-weak);
    font-size: 0.75rem;
    margin: calc(var(--_space) * 0.5) 0 0;
  }
  .quota ul {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .quota li {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    padding: calc(var(--_space) * 0.5) 0;
    border-bottom: 1px solid var(--_border);
  }
  .quota .amounts {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    text-align: end;
  }

  /* Disputed months: a dashed outline and a flag, in the chart and its legend (not colour alone). */
  .chart rect.disputed-mark {
    fill: none;
    stroke: var(--_warning);
    stroke-width: 2;
    stroke-dasharray: 4 2;
  }
  .chart .disputed-badge circle {
    fill: var(--_warning);
  }
  .chart .disputed-badge text {
    fill: var(--_surface);
    font-size: 9px;
  }
  .chart text.x-disputed {
    fill: var(--_warning);
    font-weight: 600;
  }
  .swatch.disputed {
    background: transparent;
    border: 2px dashed var(--_warning);
    box-sizing: border-box;
  }
  /* Partner row groups of the statements table. */
  tr.partner > * {
    background: var(--_surface-alt);
    font-weight: 600;
    vertical-align: top;
  }
  tr.partner .note {
    font-weight: 400;
  }
  .partner-toggle,
  .partner-export {
    min-height: 24px;
    text-align: start;
  }
  .per-currency {
    display: block;
  }
  [data-ageing] {
    margin-block: var(--_space) calc(var(--_space) * 2);
  }
  table.ageing caption {
    text-align: start;
    font-weight: 600;
  }
  /* Ageing of what is unpaid. */
  table.ageing td,
  table.ageing th {
    font-variant-numeric: tabular-nums;
  }
`;
