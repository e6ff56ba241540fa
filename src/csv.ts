/**
 * CSV that opens safely in Excel and Sheets (RFC 4180 quoting), with formula injection neutralised:
 * a cell that starts with = + - @ tab or carriage return is prefixed with a single quote (OWASP).
 * Numbers are written as numbers and are not prefixed, so a negative amount stays a number.
 */
export type CsvCell = string | number | boolean | null | undefined | CsvDecimal;

/** An exact decimal written as a number with all its digits ("32080.10", "0.00"), not as text. */
export interface CsvDecimal {
  readonly decimal: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if (!DECIMAL.test(value.decimal)) throw new TypeError(`Not a decimal: ${value.decimal}`);
    return value.decimal;
  }
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return csvRows([header, ...rows]);
}

/** Rows without a header (to append to a CSV), each ended by CRLF. */
export function csvRows(rows: Iterable<readonly CsvCell[]>): string {
  let out = '';
  for (const row of rows) out += `${row.map(csvCell).join(',')}\r\n`;
  return out;
}

/** Offer a CSV as a download (a UTF-8 BOM so Excel reads accents). */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
