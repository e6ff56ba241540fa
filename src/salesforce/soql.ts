/**
 * A small SOQL builder. No query is ever built by concatenating raw input: every value goes through
 * `literal()` (strings escaped exactly as Salesforce documents, ids validated, dates formatted) and
 * every field or object name through `identifier()`.
 *
 * Salesforce's escape sequences for string literals: `\n \r \t \b \f \" \' \\`; `\%` and `\_` are
 * only valid inside a LIKE pattern. The backslash is escaped first so no later escape is doubled.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */
import { CrmError } from '../errors.js';

/** A Salesforce record id: 15 (case-sensitive) or 18 (case-insensitive) alphanumeric characters. */
export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isSalesforceId(value: unknown): value is string {
  return typeof value === 'string' && SALESFORCE_ID.test(value);
}

/** Refuses anything that is not a record id (a `not-found`: no record can have that id). */
export function assertSalesforceId(value: string, what = 'record'): string {
  if (!isSalesforceId(value)) {
    throw new CrmError('not-found', `No ${what} has the id "${String(value).slice(0, 40)}": Salesforce ids are 15 or 18 letters and digits.`);
  }
  return value;
}

// Control characters Salesforce has no escape for (anything below U+0020 other than \t \n \r \b \f, and DEL).
// eslint-disable-next-line no-control-regex
const UNESCAPABLE = /[\u0000-\u0007\u000b\u000e-\u001f\u007f]/;

/** The body of a quoted SOQL string literal (without the quotes). */
export function escapeSoqlString(value: string): string {
  if (UNESCAPABLE.test(value)) {
    throw new CrmError('validation', 'The text contains control characters that cannot be searched for.');
  }
  return value
    .replace(/\\/g, '\\\\') // backslash first
    .replace(/'/g, "\\'")
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\u0008/g, '\\b') // eslint-disable-line no-control-regex
    .replace(/\f/g, '\\f');
}

/** The body of a LIKE pattern that matches `value` literally: `%` and `_` escaped as well. */
export function escapeSoqlLike(value: string): string {
  return escapeSoqlString(value).replace(/%/g, '\\%').replace(/_/g, '\\_');
}

/** A field path ("Name", "Partner__r.Name") or object name; anything else is refused. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,79}(?:\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}$/;
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name) || name.includes('___')) {
    throw new CrmError('bad-data', `"${name.slice(0, 80)}" is not a Salesforce field or object name.`);
  }
  return name;
}

/** A date literal that needs no quoting (`LAST_N_DAYS:180`). */
export interface DateLiteral {
  readonly dateLiteral: string;
}
export const lastNDays = (n: number): DateLiteral => {
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new CrmError('validation', `Not a number of days: ${n}`);
  return { dateLiteral: `LAST_N_DAYS:${n}` };
};

export type SoqlValue = string | number | boolean | null | Date | DateLiteral | { id: string } | { date: string };

/** Salesforce date-time literal: 2026-01-31T00:00:00Z (unquoted). */
function dateTimeLiteral(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new CrmError('validation', 'Not a valid date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function literal(value: SoqlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${escapeSoqlString(value)}'`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CrmError('validation', `Not a finite number: ${value}`);
    return String(value);
  }
  if (value instanceof Date) return dateTimeLiteral(value);
  if ('dateLiteral' in value) return value.dateLiteral;
  if ('date' in value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value.date)) throw new CrmError('validation', `Not a date: ${value.date.slice(0, 40)}`);
    return value.date;
  }
  return `'${assertSalesforceId(value.id)}'`;
}

/** A WHERE condition, already safe. Built only by the helpers below. */
export class Condition {
  /** @internal */
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';
export const cmp = (field: string, op: Op, value: SoqlValue): Condition =>
  new Condition(`${identifier(field)} ${op} ${literal(value)}`);
export const eq = (field: string, value: SoqlValue): Condition => cmp(field, '=', value);
export const idEq = (field: string, id: string): Condition => cmp(field, '=', { id });
export function inList(field: string, values: readonly SoqlValue[]): Condition {
  if (values.length === 0) return new Condition(`${identifier(field)} = null AND ${identifier(field)} != null`);
  return new Condition(`${identifier(field)} IN (${values.map(literal).join(', ')})`);
}
export const idIn = (field: string, ids: readonly string[]): Condition => inList(field, ids.map((id) => ({ id })));
/** `field LIKE '%text%'`: the text matched literally, case-insensitively (as SOQL LIKE is). */
export const contains = (field: string, text: string): Condition =>
  new Condition(`${identifier(field)} LIKE '%${escapeSoqlLike(text)}%'`);
/** Multi-select picklist contains this value. */
export const includes = (field: string, value: string): Condition =>
  new Condition(`${identifier(field)} INCLUDES (${literal(value)})`);
export function and(...conditions: (Condition | undefined)[]): Condition | undefined {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  if (present.length <= 1) return present[0];
  return new Condition(present.map((c) => `(${c.text})`).join(' AND '));
}
export function or(...conditions: (Condition | undefined)[]): Condition | undefined {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  if (present.length <= 1) return present[0];
  return new Condition(present.map((c) => `(${c.text})`).join(' OR '));
}

export interface SelectQuery {
  fields: readonly string[];
  from: string;
  where?: Condition | undefined;
  orderBy?: readonly { field: string; direction?: 'ASC' | 'DESC'; nulls?: 'FIRST' | 'LAST' }[];
  limit?: number | undefined;
  /** Parent-child subqueries, each `from` a child relationship name (Stage_Changes__r). */
  children?: readonly Omit<SelectQuery, 'children'>[];
}

export function select(query: SelectQuery): string {
  const fields = [...new Set(query.fields)].map(identifier);
  if (fields.length === 0) throw new CrmError('bad-data', 'A query needs at least one field');
  for (const child of query.children ?? []) fields.push(`(${select(child)})`);
  let text = `SELECT ${fields.join(', ')} FROM ${identifier(query.from)}`;
  if (query.where) text += ` WHERE ${query.where.text}`;
  if (query.orderBy?.length) {
    text += ` ORDER BY ${query.orderBy
      .map((o) => `${identifier(o.field)} ${o.direction ?? 'ASC'}${o.nulls ? ` NULLS ${o.nulls}` : ''}`)
      .join(', ')}`;
  }
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 50_000) {
      throw new CrmError('validation', `Not a query limit: ${query.limit}`);
    }
    text += ` LIMIT ${query.limit}`;
  }
  return text;
}
