import { css } from 'lit';

/** The styles of <cosell-my-referrals>. */
export const myReferralsStyles = css`
  :host {
    display: block;
  }
  .toolbar {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
    flex-wrap: wrap;
    margin-block-end: var(--_space);
  }
  h3 {
    margin: 0;
    font-size: 1.125em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    gap: var(--_space);
    align-items: center;
  }
  legend {
    float: inline-start;
    margin-inline-end: var(--_space);
    color: var(--_text-weak);
  }
  .scroller {
    overflow-x: auto;
    position: relative;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    background: var(--_surface);
    /* Column widths from the header row, not from every row: a page added to a long list lays out only its rows. */
    table-layout: fixed;
    min-inline-size: 40rem;
  }
  col.prospect {
    inline-size: 24%;
  }
  col.partner {
    inline-size: 18%;
  }
  col.stage {
    inline-size: 12%;
  }
  col.days {
    inline-size: 10%;
  }
  col.acceptance {
    inline-size: 20%;
  }
  col.credit {
    inline-size: 16%;
  }
  th,
  td {
    text-align: start;
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
    overflow-wrap: break-word;
  }
  th {
    color: var(--_text-weak);
    font-weight: 600;
    background: var(--_surface-alt);
  }
  tbody th {
    background: none;
    color: var(--_text);
  }
  .stage {
    white-space: nowrap;
  }
  .num {
    text-align: end;
    white-space: nowrap;
  }
  [data-overdue='true'] {
    color: var(--_warning);
    font-weight: 700;
  }
  .weak {
    color: var(--_text-weak);
  }
  .more {
    margin-block-start: var(--_space);
  }
`;
