// src/domain/zod.ts configures zod/mini with a short English error map instead of zod's English
// locale (smaller in the drop-in). It must word every issue Cosell's schemas raise as the locale does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from 'zod/locales';
import { englishIssue, z } from '../../src/domain/zod.js';
import { ReferralInputSchema, ReferralSchema } from '../../src/domain/referral.js';
import { PartnerSchema } from '../../src/domain/partner.js';
import { UserSchema } from '../../src/domain/user.js';
import { RevshareStatementSchema } from '../../src/domain/revshare.js';
import { MoneySchema } from '../../src/domain/money.js';

const locale = en().localeError as (issue: z.core.$ZodRawIssue) => string;

/** Invalid records of every kind: wrong types, empty and too long strings, bad formats, enums, numbers. */
const cases: [string, z.core.$ZodType, unknown][] = [
  ['a user with an empty id and an unknown role', UserSchema, { id: '', name: 'Jo', role: 'owner' }],
  ['a user that is not an object', UserSchema, 'jo'],
  ['a user with numbers for strings', UserSchema, { id: 7, name: null, role: 3 }],
  ['money with a fraction and a bad currency', MoneySchema, { amountMinor: 1.5, currency: 'euro' }],
  ['money that is NaN', MoneySchema, { amountMinor: Number.NaN, currency: 'EUR' }],
  ['a partner with nothing right', PartnerSchema, { id: '', name: 'x'.repeat(300), markets: ['usa'], links: [{ kind: 'blog' }] }],
  ['a referral input with a long title and a bad email', ReferralInputSchema, { partnerId: '', prospect: { company: '', country: 'US', contactName: 'A', contactEmail: 'a@', contactTitle: 'x'.repeat(129) }, estimatedArr: { amountMinor: -1, currency: 'USD' }, consentToContact: 'yes' }],
  ['a referral with a bad date and a negative version', ReferralSchema, { id: 'r', submittedAt: 'yesterday', version: -1, stage: 'won-ish', stageHistory: 'none' }],
  ['a statement that is an array', RevshareStatementSchema, []],
  ['a statement with wrong fields', RevshareStatementSchema, { partnerId: 5, period: '2026-13', lines: [{}] }],
];

test('each issue reads as zod\'s English locale words it', () => {
  let compared = 0;
  const codes = new Set<string>();
  for (const [what, schema, value] of cases) {
    const result = z.safeParse(schema, value, { reportInput: true });
    assert.equal(result.success, false, what);
    const issues = result.error.issues as unknown as z.core.$ZodRawIssue[];
    for (const issue of issues) {
      assert.equal(englishIssue(issue), locale(issue), `${what}: ${issue.code} at ${issue.path?.join('.')}`);
      compared += 1;
      codes.add(`${issue.code}${'format' in issue && issue.code === 'invalid_format' ? `:${String(issue.format)}` : ''}`);
    }
  }
  assert.ok(compared > 20, `compared ${compared} issues`);
  for (const code of ['invalid_type', 'invalid_value', 'too_big', 'too_small', 'invalid_format:email', 'invalid_format:datetime', 'invalid_format:regex']) {
    assert.ok(codes.has(code), `the cases raise ${code} (they raised ${[...codes].join(', ')})`);
  }
});

test('zod/mini is configured with it: a message without a schema text is English, not "Invalid input"', () => {
  const result = UserSchema.safeParse({ id: '', name: 'Jo Park', role: 'seller' });
  assert.equal(result.error?.issues[0]?.message, 'Too small: expected string to have >=1 characters');
});
