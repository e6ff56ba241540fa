import { z } from 'zod/mini';

// Cosell's schemas use zod/mini: the same parser as `zod`, about a third of its size in the drop-in
// bundle (issue 7). Unlike `zod`, zod/mini loads no locale, so its issues would read "Invalid input".
// The messages a person reads come from the schemas' own texts and @lit/localize (the form maps them,
// components/referral-form/fields.ts); zod's own are for developers and logs (a CRM record refused as
// `bad-data`, a gateway's problem document). So instead of zod's English locale (1.3 kB gzip in the
// drop-in, mostly names of formats Cosell never checks) this short map says the same English for the
// issues Cosell's schemas raise, set once before any schema parses. (package.json lists this module
// in `sideEffects` so that bundlers keep this call.)
type Issue = z.core.$ZodRawIssue;

const UNITS: Record<string, string> = { string: 'characters', array: 'items', set: 'items', file: 'bytes', map: 'entries' };
const FORMATS: Record<string, string> = { email: 'email address', datetime: 'ISO datetime', date: 'ISO date', url: 'URL', uuid: 'UUID' };

function size(lead: 'Too big: expected' | 'Too small: expected', origin: string, bound: number | bigint, adjective: string): string {
  const unit = UNITS[origin];
  return unit ? `${lead} ${origin} to have ${adjective}${bound} ${unit}` : `${lead} ${origin || 'value'} to be ${adjective}${bound}`;
}

const received = (input: unknown): string => (typeof input === 'number' && !Number.isFinite(input) ? String(input) : z.util.parsedType(input));

/** zod's English messages (as `zod/locales` `en` words them) for the issues Cosell's schemas raise. */
export function englishIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${received(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${z.util.stringifyPrimitive(issue.values[0])}`
        : `Invalid option: expected one of ${z.util.joinValues(issue.values, '|')}`;
    case 'too_big':
      return size('Too big: expected', issue.origin, issue.maximum, issue.exact ? 'exactly ' : issue.inclusive ? '<=' : '<');
    case 'too_small':
      return size('Too small: expected', issue.origin, issue.minimum, issue.exact ? 'exactly ' : issue.inclusive ? '>=' : '>');
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `Invalid string: must match pattern ${String(issue.pattern)}` : `Invalid ${FORMATS[issue.format] ?? issue.format}`;
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${z.util.joinValues(issue.keys, ', ')}`;
    case 'invalid_element':
      return `Invalid value in ${issue.origin}`;
    default:
      return 'Invalid input';
  }
}

z.config({ localeError: englishIssue });

export { z };
