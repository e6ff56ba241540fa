// One currency-digit table for the domain (TypeScript) and the Apex controller: both are generated
// by scripts/currency-digits.mjs from Intl, and this test fails when either drifts from Intl or the other.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENCY_DIGITS } from '../../src/domain/currency-digits.js';
import { currencyDigits } from '../../src/domain/money.js';
import { moneyFrom, moneyTo } from '../../src/salesforce/records.js';

const APEX = join(import.meta.dirname, '../../salesforce/force-app/main/default/classes/CosellController.cls');
const REGENERATE = 'Run `npm run currency-digits` and commit both files.';

/** The entries of `Map<String, Integer> CURRENCY_DIGITS = new Map<String, Integer>{ 'JPY' => 0, ... }` in the .cls. */
function apexTable(source: string): Record<string, number> {
  const declaration = /Map<String,\s*Integer>\s+CURRENCY_DIGITS\s*=\s*new\s+Map<String,\s*Integer>\s*\{([^}]*)\}/.exec(source);
  assert.ok(declaration, 'CosellController.cls declares Map<String, Integer> CURRENCY_DIGITS');
  const body = declaration[1]!.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim();
  const table: Record<string, number> = {};
  for (const entry of body.split(',')) {
    const match = /^\s*'([A-Z]{3})'\s*=>\s*(\d+)\s*$/.exec(entry);
    assert.ok(match, `an entry the test can read: ${entry.trim()}`);
    assert.ok(!(match[1]! in table), `${match[1]} is listed once`);
    table[match[1]!] = Number(match[2]);
  }
  return table;
}

const intlDigits = (code: string) => new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;

describe('currency digits: one table for TypeScript and Apex', () => {
  it('the Apex CURRENCY_DIGITS map is the domain table, entry for entry', () => {
    const apex = apexTable(readFileSync(APEX, 'utf8'));
    assert.deepEqual(apex, { ...CURRENCY_DIGITS }, REGENERATE);
    assert.doesNotMatch(readFileSync(APEX, 'utf8'), /ZERO_DECIMAL_CURRENCIES/, 'no second table left behind');
  });

  it('the table is what Intl says, for every three-letter code', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const differ: string[] = [];
    for (const a of letters) for (const b of letters) for (const c of letters) {
      const code = a + b + c;
      if (currencyDigits(code) !== intlDigits(code)) differ.push(`${code}: table ${currencyDigits(code)}, Intl ${intlDigits(code)}`);
    }
    assert.deepEqual(differ, [], REGENERATE);
  });

  it('names the currencies Apex and TypeScript used to disagree on, and the 3- and 4-digit ones', () => {
    const expected = {
      USD: 2, EUR: 2, TWD: 2, JPY: 0, KRW: 0, PYG: 0, RWF: 0, IQD: 0, HUF: 0, VND: 0, CLP: 0, ISK: 0, UGX: 0, XAF: 0, XOF: 0,
      BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3, LYD: 3, CLF: 4, UYW: 4,
    };
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((code) => [code, currencyDigits(code)])), expected);
    assert.ok(Object.values(CURRENCY_DIGITS).every((d) => d !== 2), 'only the exceptions are listed');
  });

  it('the Salesforce records convert with the domain’s digits', () => {
    assert.deepEqual(moneyFrom(1.234, 'KWD'), { amountMinor: 1234, currency: 'KWD' });
    assert.equal(moneyTo({ amountMinor: 1234, currency: 'BHD' }), 1.234);
    assert.deepEqual(moneyFrom(1500, 'PYG'), { amountMinor: 1500, currency: 'PYG' });
    assert.equal(moneyTo({ amountMinor: 1234, currency: 'TWD' }), 12.34);
  });
});
