// The README's screenshot table lives between `<!-- screenshots -->` and `<!-- /screenshots -->`;
// `npm run screenshots` rewrites it here. Kept apart from the script so a test can run it.

const OPEN = '<!-- screenshots -->';
const CLOSE = '<!-- /screenshots -->';

/** The table block for these elements (tags such as `cosell-partner-card`). */
export function screenshotTable(tags) {
  const rows = tags.map((tag) => {
    const name = tag.replace(/^cosell-/, '');
    return `| \`<${tag}>\` | ![${tag}, light](docs/screenshots/${name}-light.png) | ![${tag}, dark](docs/screenshots/${name}-dark.png) |`;
  });
  return [OPEN, '| element | light | dark |', '| --- | --- | --- |', ...rows, CLOSE].join('\n');
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
