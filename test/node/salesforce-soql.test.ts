import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CrmError } from '../../src/errors.js';
import {
  and, assertSalesforceId, contains, eq, escapeSoqlLike, escapeSoqlString, identifier, idEq, inList, isSalesforceId, literal, or, select,
} from '../../src/salesforce/soql.js';
import { parse, matches, type Expr } from '../fixtures/salesforce/soql-engine.js';

const HOSTILE = [
  "O'Brien & Sons",
  "' OR Name != '",
  "x' OR '1'='1",
  "\\' OR Name != \\'",
  'back\\slash',
  'trailing backslash\\',
  '\\\\double',
  '"double quotes"',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'form\ffeed',
  'back\bspace',
  '100% sure',
  'under_score',
  '%_%',
  '\\%',
  "'); DELETE FROM Referral__c; --",
  'Ünïcødé Gmbh — 株式会社 🚀',
  '\u2028line separator\u2029',
  "'".repeat(50),
  'a'.repeat(10_000) + "'" + 'b'.repeat(10_000),
  '',
];

/** The literal's body has no quote that is not escaped. */
function quotesAreEscaped(body: string): boolean {
  return !body.replace(/\\./g, '').includes("'");
}

describe('SOQL string escaping', () => {
  it('escapes each character exactly as Salesforce documents, backslash first', () => {
    assert.equal(escapeSoqlString('\\'), '\\\\');
    assert.equal(escapeSoqlString("'"), "\\'");
    assert.equal(escapeSoqlString('"'), '\\"');
    assert.equal(escapeSoqlString('\n'), '\\n');
    assert.equal(escapeSoqlString('\r'), '\\r');
    assert.equal(escapeSoqlString('\t'), '\\t');
    assert.equal(escapeSoqlString('\b'), '\\b');
    assert.equal(escapeSoqlString('\f'), '\\f');
    // Backslash first: an escaped quote's backslash is not doubled again.
    assert.equal(escapeSoqlString("\\'"), "\\\\\\'");
    // % and _ only inside LIKE.
    assert.equal(escapeSoqlString('100%_x'), '100%_x');
    assert.equal(escapeSoqlLike('100%_x'), '100\\%\\_x');
    assert.equal(escapeSoqlLike("a\\%'"), "a\\\\\\%\\'");
  });

  it('refuses control characters Salesforce has no escape for', () => {
    for (const bad of ['nul\u0000', 'bell\u0007', 'esc\u001b[0m', 'del\u007f', 'vt\u000b']) {
      assert.throws(() => escapeSoqlString(bad), (e: unknown) => CrmError.is(e, 'validation'), JSON.stringify(bad));
    }
  });

  for (const [i, value] of HOSTILE.entries()) {
    it(`keeps hostile string #${i} a single literal that round-trips (${JSON.stringify(value.slice(0, 30))})`, () => {
      const body = escapeSoqlString(value);
      assert.ok(quotesAreEscaped(body));
      const soql = select({ fields: ['Id', 'Company__c'], from: 'Referral__c', where: eq('Company__c', value) });
      const query = parse(soql);
      assert.equal(query.where?.k, 'cmp', 'one comparison, nothing injected');
      assert.deepEqual(query.where, { k: 'cmp', field: 'Company__c', op: '=', value });
      assert.equal(query.fields.length, 2);
      assert.equal(query.from, 'Referral__c');
    });

    it(`matches hostile string #${i} literally inside LIKE`, () => {
      const where = parse(select({ fields: ['Id'], from: 'Referral__c', where: contains('Company__c', value) })).where as Expr;
      const get = (text: string) => () => text;
      assert.ok(matches(where, get(`before ${value} after`), new Date()));
      if (/[%_]/.test(value)) {
        // A wildcard in the input is literal: a text without it does not match.
        assert.equal(matches(where, get(value.replace(/[%_]/g, 'x')), new Date()), false);
      }
    });
  }

  it('keeps the boolean structure of conditions with hostile values', () => {
    const where = and(eq('Stage__c', "a' OR Stage__c != 'b"), or(eq('Company_Key__c', "x') OR (Id != '"), eq('Website_Key__c', 'y')));
    const q = parse(select({ fields: ['Id'], from: 'Referral__c', where }));
    assert.equal(q.where?.k, 'and');
    const top = q.where as { l: Expr; r: Expr };
    assert.equal(top.l.k, 'cmp');
    assert.equal(top.r.k, 'or');
  });

  it('writes IN lists, numbers, booleans, null and dates as literals', () => {
    assert.equal(literal(3), '3');
    assert.equal(literal(true), 'true');
    assert.equal(literal(null), 'null');
    assert.equal(literal(new Date('2026-03-01T10:00:00.123Z')), '2026-03-01T10:00:00Z');
    assert.throws(() => literal(Number.NaN), (e: unknown) => CrmError.is(e, 'validation'));
    assert.equal(inList('Stage__c', ['a', "b'"]).text, "Stage__c IN ('a', 'b\\'')");
  });
});

describe('record ids and identifiers', () => {
  it('accepts 15 and 18 character alphanumeric ids only', () => {
    for (const id of ['001000000000001', '001000000000001AAA', 'a02Dn00000000AbCdE']) assert.ok(isSalesforceId(id), id);
    for (const id of ['', '00100000000001', '0010000000000012', '00100000000000123', '0010000000000012345', "001000000000001'", '001000000000 01', '00100000000000é', "' OR Id != '", '001000000000001\n']) {
      assert.equal(isSalesforceId(id), false, JSON.stringify(id));
      assert.throws(() => assertSalesforceId(id), (e: unknown) => CrmError.is(e, 'not-found'));
      assert.throws(() => idEq('Id', id), (e: unknown) => CrmError.is(e, 'not-found'));
    }
  });

  it('refuses anything that is not a field or object name', () => {
    for (const bad of ['Name; DELETE', "Name' OR", 'Name Name', '1Name', 'Name__c)', '', 'a.b.c.d.e.f.g', 'Na\u00efve']) {
      assert.throws(() => identifier(bad), (e: unknown) => CrmError.is(e, 'bad-data'), bad);
    }
    assert.equal(identifier('Partner__r.Name'), 'Partner__r.Name');
  });
});
