import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { Money } from '../../src/domain/money.js';
import type { PeriodBucket } from '../../src/revshare/summary.js';

/**
 * The due-vs-remitted chart, drawn as SVG by the element (no chart library: two bars per period and an
 * axis do not earn one). The SVG is decoration for sighted readers (aria-hidden); the table rendered
 * next to it carries the same figures for everyone, visually hidden until "Show as table".
 * Overdue periods are marked by more than colour: a hatched bar, a "!" badge and the word "Overdue";
 * disputed periods by a dashed outline, a "⚑" badge and the word "Disputed", and both are in the legend.
 * In a right-to-left page the SVG keeps direction="ltr", so its axis labels stay anchored where they are drawn.
 */

export interface ChartLabels {
  /** Short axis label of a bucket ("Mar", "Q1") and its year, shown under the first bucket of each year. */
  axis: (bucket: PeriodBucket) => { short: string; year: string };
  money: (m: Money, compact?: boolean) => string;
  overdue: string;
  disputed: string;
  due: string;
  remitted: string;
}

/** The width drawn when the container's is not known yet; the chart is drawn at its container's width. */
const DEFAULT_WIDTH = 880;
/** Narrower than this, the chart is drawn at this width and scaled down (a few px of a 320 px sidebar). */
const MIN_WIDTH = 240;
const HEIGHT = 260;
/** Room for an axis label ("€120K") at 11 px, and for the year and "Overdue" lines under the bars. */
const M = { top: 16, right: 8, bottom: 56, left: 64 };
/** Room per axis label ("Mar", "Q1") and for the word "Overdue" under a bar, in px at 11 px text. */
const LABEL_ROOM = 30;
const OVERDUE_ROOM = 52;

/** Round axis steps (1, 2, 2.5 or 5 × a power of ten, in minor units) and at most 5 of them above 0. */
export function niceScale(max: number): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
  return { max: Math.ceil(max / step) * step, step };
}

/**
 * Drawn at `width` (the container's, in CSS px): text keeps its size and the bars, the axis labels
 * shown and the "Overdue" words adapt to the room, instead of the whole picture shrinking.
 */
export function renderChart(buckets: readonly PeriodBucket[], labels: ChartLabels, patternId: string, width = DEFAULT_WIDTH): TemplateResult {
  const chartWidth = Math.max(MIN_WIDTH, Math.round(width));
  const currency = buckets[0]?.currency ?? 'USD';
  // 8 % headroom so the overdue badge above the tallest bar stays inside.
  const scale = niceScale(1.08 * Math.max(0, ...buckets.map((b) => Math.max(b.due.amountMinor, b.remitted.amountMinor))));
  const max = scale.max;
  const plotW = chartWidth - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const band = plotW / Math.max(1, buckets.length);
  const barW = Math.max(2, Math.min(28, band * 0.36));
  const y = (minor: number) => M.top + plotH - (Math.max(0, minor) / max) * plotH;
  const ticks = Array.from({ length: Math.round(max / scale.step) + 1 }, (_, i) => i * scale.step);
  // As many axis labels as fit (every second, third… period); the word "Overdue" under a bar where it
  // fits (past that the badge and hatch say it).
  const everyLabel = Math.max(1, Math.ceil(LABEL_ROOM / band));
  const overdueWord = band >= OVERDUE_ROOM;

  const tickMarks: SVGTemplateResult[] = ticks.map(
    (t) => svg`<g class="tick">
      <line x1=${M.left} x2=${chartWidth - M.right} y1=${y(t)} y2=${y(t)}></line>
      <text x=${M.left - 6} y=${y(t)} dy="0.32em" text-anchor="end">${labels.money({ amountMinor: t, currency }, true)}</text>
    </g>`,
  );
  const bars: SVGTemplateResult[] = buckets.map((b, i) => {
    const x = M.left + band * i + band / 2;
    const overdue = b.overdueCount > 0;
    const disputed = b.disputedCount > 0;
    const dueY = y(b.due.amountMinor);
    const remittedY = y(b.remitted.amountMinor);
    return svg`<g class="bucket" data-key=${b.key} data-overdue=${overdue ? 'true' : 'false'} data-disputed=${disputed ? 'true' : 'false'}>
      <rect class="due" x=${x - barW - 1} y=${dueY} width=${barW} height=${M.top + plotH - dueY}></rect>
      ${overdue ? svg`<rect class="overdue-hatch" x=${x - barW - 1} y=${dueY} width=${barW} height=${M.top + plotH - dueY} fill=${`url(#${patternId})`}></rect>
        <g class="overdue-badge" transform=${`translate(${x - barW / 2 - 1}, ${Math.max(M.top + 7, dueY - 9)})`}>
          <circle r="7"></circle><text text-anchor="middle" dy="0.35em">!</text>
        </g>` : nothing}
      ${disputed ? svg`<rect class="disputed-mark" x=${x - barW - 1} y=${dueY} width=${barW} height=${M.top + plotH - dueY}></rect>
        <g class="disputed-badge" transform=${`translate(${x - barW / 2 - 1}, ${Math.max(M.top + 7, dueY - (overdue ? 25 : 9))})`}>
          <circle r="7"></circle><text text-anchor="middle" dy="0.35em">⚑</text>
        </g>` : nothing}
      <rect class="remitted" x=${x + 1} y=${remittedY} width=${barW} height=${M.top + plotH - remittedY}></rect>
      ${i % everyLabel === 0 ? svg`<text class="x-label" x=${x} y=${HEIGHT - M.bottom + 15} text-anchor="middle">${labels.axis(b).short}</text>` : nothing}
      ${i === 0 || labels.axis(b).year !== labels.axis(buckets[i - 1] as PeriodBucket).year
        ? svg`<text class="x-year" x=${x} y=${HEIGHT - M.bottom + 29} text-anchor="middle">${labels.axis(b).year}</text>`
        : nothing}
      ${overdue && overdueWord ? svg`<text class="x-overdue" x=${x} y=${HEIGHT - M.bottom + 45} text-anchor="middle">${labels.overdue}</text>` : nothing}
      ${disputed && !overdue && overdueWord ? svg`<text class="x-disputed" x=${x} y=${HEIGHT - M.bottom + 45} text-anchor="middle">${labels.disputed}</text>` : nothing}
    </g>`;
  });

  return html`<svg class="chart" part="chart" direction="ltr" viewBox="0 0 ${chartWidth} ${HEIGHT}" aria-hidden="true" focusable="false">
      <defs>
        <pattern id=${patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" class="hatch-bg"></rect>
          <line x1="0" y1="0" x2="0" y2="6" class="hatch-line"></line>
        </pattern>
      </defs>
      ${tickMarks}
      <line class="axis" x1=${M.left} x2=${chartWidth - M.right} y1=${M.top + plotH} y2=${M.top + plotH}></line>
      ${bars}
    </svg>
    <div class="legend" aria-hidden="true">
      <span><i class="swatch due"></i>${labels.due}</span>
      <span><i class="swatch remitted"></i>${labels.remitted}</span>
      <span><i class="swatch overdue"></i>! ${labels.overdue}</span>
      <span data-legend="disputed"><i class="swatch disputed"></i>⚑ ${labels.disputed}</span>
    </div>`;
}
