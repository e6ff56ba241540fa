// The README's screenshot table lives between `<!-- screenshots -->` and `<!-- /screenshots -->`;
// `npm run screenshots` rewrites it here. Kept apart from the script so a test can run it.

const OPEN = '<!-- screenshots -->';
const CLOSE = '<!-- /screenshots -->';

/** The captured variants (scripts/screenshots.mjs) and their column headings. */
const COLUMNS = [
  ['light', 'light'],
  ['dark', 'dark'],
  ['390-light', '390 px, light'],
  ['390-dark', '390 px, dark'],
  ['ar', 'Arabic'],
  ['ja', 'Japanese'],
];

/** The table block for these elements (tags such as `cosell-partner-card`). */
export function screenshotTable(tags) {
  const rows = tags.map((tag) => {
    const name = tag.replace(/^cosell-/, '');
    const cells = COLUMNS.map(([variant, label]) => `![${tag}, ${label}](docs/screenshots/${name}-${variant}.png)`);
    return `| \`<${tag}>\` | ${cells.join(' | ')} |`;
  });
  const header = `| element | ${COLUMNS.map(([, label]) => label).join(' | ')} |`;
  return [OPEN, header, `| --- |${' --- |'.repeat(COLUMNS.length)}`, ...rows, CLOSE].join('\n');
}

/**
 * The README with its one screenshot block replaced by `table` (every block, if a bad run left
 * several, collapses into one). Without an opening marker the README is returned unchanged.
 */
export function replaceScreenshotTable(readme, table) {
  const start = readme.indexOf(OPEN);
  if (start < 0) return readme;
  const lastClose = readme.lastIndexOf(CLOSE);
  const end = lastClose > start ? lastClose + CLOSE.length : start + OPEN.length;
  return readme.slice(0, start) + table + readme.slice(end);
}
