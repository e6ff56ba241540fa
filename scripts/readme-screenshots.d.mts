export function screenshotTable(tags: readonly string[]): string;
export function replaceScreenshotTable(readme: string, table: string): string;
