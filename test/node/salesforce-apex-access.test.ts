// CosellController promises that every query and DML runs in user mode, and that the one exception
// says why. Read from the source: each static SOQL names its mode (WITH USER_MODE / WITH SYSTEM_MODE),
// each Database.* call passes AccessLevel.USER_MODE, and there is no bare DML statement.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTROLLER = join(import.meta.dirname, '../../salesforce/force-app/main/default/classes/CosellController.cls');

/** Comments and string literals blanked out (same length, so offsets and line numbers hold). */
function codeOnly(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\])*'/g, (m) => (m.startsWith("'") ? `'${' '.repeat(m.length - 2)}'` : m.replace(/[^\n]/g, ' ')));
}

const lineOf = (source: string, offset: number) => source.slice(0, offset).split('\n').length;

/** The argument text of the call whose "(" is at `open`. */
function argumentsAt(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return code.slice(open + 1, i);
  }
  throw new Error(`unbalanced call at ${open}`);
}

function accessModeProblems(source: string): { problems: string[]; systemMode: { line: number; soql: string }[] } {
  const code = codeOnly(source);
  const problems: string[] = [];
  const systemMode: { line: number; soql: string }[] = [];
  for (const m of code.matchAll(/\[\s*SELECT\b[^\]]*\]/gi)) {
    const soql = source.slice(m.index, m.index + m[0].length).replace(/\s+/g, ' ');
    if (/\bWITH\s+SYSTEM_MODE\b/i.test(m[0])) systemMode.push({ line: lineOf(source, m.index), soql });
    else if (!/\bWITH\s+USER_MODE\b/i.test(m[0])) problems.push(`line ${lineOf(source, m.index)}: ${soql} names no access mode`);
  }
  for (const m of code.matchAll(/\bDatabase\s*\.\s*(query|queryWithBinds|countQuery|countQueryWithBinds|getQueryLocator|insert|update|upsert|delete|undelete|merge)\s*\(/gi)) {
    const args = argumentsAt(code, m.index + m[0].length - 1);
    if (!/\bAccessLevel\s*\.\s*USER_MODE\b/.test(args)) problems.push(`line ${lineOf(source, m.index)}: Database.${m[1]} without AccessLevel.USER_MODE`);
  }
  for (const m of code.matchAll(/(^|[;{}]\s*)(insert|update|upsert|delete|undelete|merge)\s+(?!as\s+user\b)[\w(]/gim)) {
    problems.push(`line ${lineOf(source, m.index + m[1]!.length)}: a bare ${m[2]} statement (system mode)`);
  }
  return { problems, systemMode };
}

describe('CosellController: user mode everywhere, or a comment that says why not', () => {
  const source = readFileSync(CONTROLLER, 'utf8');

  it('finds a query, a Database call or a DML statement with no user mode (so a pass below means something)', () => {
    const { problems, systemMode } = accessModeProblems(`public class T {
      void a() { List<Account> x = [SELECT Id FROM Account WHERE Name = 'WITH USER_MODE']; }
      void b() { Database.query('SELECT Id FROM Account'); Database.update(x, true, AccessLevel.SYSTEM_MODE); insert x; update as user x; }
      void c() { Database.query('SELECT Id FROM Account', AccessLevel.USER_MODE); List<User> u = [SELECT Id FROM User WITH SYSTEM_MODE]; }
    }`);
    assert.deepEqual(problems.map((p) => p.replace(/^line \d+: /, '')), [
      `[SELECT Id FROM Account WHERE Name = 'WITH USER_MODE'] names no access mode`,
      'Database.query without AccessLevel.USER_MODE',
      'Database.update without AccessLevel.USER_MODE',
      'a bare insert statement (system mode)',
    ]);
    assert.equal(systemMode.length, 1);
  });

  it('runs every query and write in user mode but roleOfCurrentUser, which explains why', () => {
    const { problems, systemMode } = accessModeProblems(source);
    assert.deepEqual(problems, []);
    assert.deepEqual(systemMode.map((s) => /FROM (\w+)/.exec(s.soql)?.[1]), ['PermissionSetAssignment']);
    assert.match(systemMode[0]!.soql, /AssigneeId = :UserInfo\.getUserId\(\)/, 'only the running user’s own assignments');
    const before = source.split('\n').slice(Math.max(0, systemMode[0]!.line - 25), systemMode[0]!.line).join('\n');
    assert.match(before, /system mode, on purpose/, 'a comment says why');
    assert.match(before, /View Setup and Configuration/);
  });
});
