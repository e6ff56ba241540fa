import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync, version } from '@lwc/compiler';
import ts from 'typescript';

// The LWC wrappers compiled by Salesforce's own compiler, as the platform compiles them on deploy:
// namespace `c`, the package's API version, Lightning Web Security transforms on. A template or a
// module the platform would reject fails here, without an org.
const lwcRoot = join(import.meta.dirname, '../../salesforce/force-app/main/default/lwc');
const bundles = readdirSync(lwcRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('__'))
  .map((entry) => entry.name);

function apiVersionOf(bundle: string): number {
  const meta = readFileSync(join(lwcRoot, bundle, `${bundle}.js-meta.xml`), 'utf8');
  const match = /<apiVersion>([\d.]+)<\/apiVersion>/.exec(meta);
  assert.ok(match, `${bundle}.js-meta.xml has an apiVersion`);
  return Math.round(Number(match[1]));
}

/** What a compiled module may import in an org: the engine, the `c` namespace, base components, Salesforce modules. */
const PLATFORM_IMPORT = /^(lwc|c\/\w+|lightning\/\w+|@salesforce\/[\w/.-]+|\.\/[\w.]+(\?scoped=true)?)$/;

function importsOf(code: string): string[] {
  return [...code.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

function compile(source: string, filename: string, bundle: string, apiVersion: number) {
  return transformSync(source, filename, { namespace: 'c', name: bundle, apiVersion, enableLightningWebSecurityTransforms: true });
}

describe(`Salesforce LWC: every wrapper compiles with @lwc/compiler ${version}`, () => {
  test('finds the six wrappers', () => {
    assert.deepEqual(bundles.sort(), ['cosellHost', 'cosellMyReferrals', 'cosellPartnerCard', 'cosellPipelineBoard', 'cosellReferralForm', 'cosellRevshareSummary']);
  });

  for (const bundle of bundles) {
    test(bundle, () => {
      const apiVersion = apiVersionOf(bundle);
      const files = readdirSync(join(lwcRoot, bundle)).filter((file) => /\.(js|html|css)$/.test(file));
      assert.ok(files.includes(`${bundle}.js`), `${bundle} has its module`);
      for (const file of files) {
        const result = compile(readFileSync(join(lwcRoot, bundle, file), 'utf8'), file, bundle, apiVersion);
        assert.ok(result.code.length > 0, `${bundle}/${file} compiled to code`);
        const errors = result.warnings?.filter((w) => w.level !== undefined && Number(w.level) <= 1 /* Fatal or Error */) ?? [];
        assert.deepEqual(errors, [], `${bundle}/${file} compiles without errors`);
        // A cosell-* element without lwc:external compiles into an import of "cosell/<name>", a module no org has.
        const foreign = importsOf(result.code).filter((specifier) => !PLATFORM_IMPORT.test(specifier));
        assert.deepEqual(foreign, [], `${bundle}/${file} imports only what an org has`);
      }
    });
  }

  test('the check is live: a third-party element without lwc:external and a bad directive are rejected', () => {
    const broken = '<template><cosell-provider lwc:bogus={x}></cosell-provider></template>';
    assert.throws(() => compile(broken, 'broken.html', 'broken', 62), /lwc:bogus|Invalid directive|Unknown/i);
    assert.throws(() => compile('export default class extends { }', 'broken.js', 'broken', 62));
    const withoutExternal = compile('<template><cosell-provider></cosell-provider></template>', 'plain.html', 'plain', 62);
    assert.deepEqual(importsOf(withoutExternal.code).filter((specifier) => !PLATFORM_IMPORT.test(specifier)), ['cosell/provider']);
  });
});

// Lightning passes an Apex method its arguments by name: a key that is not the Apex parameter's name
// arrives as null in the org. Each call the wrapper makes names exactly the parameters of an
// @AuraEnabled method of CosellController.
describe('Salesforce LWC: every Apex call names the parameters of an @AuraEnabled method', () => {
  const apex = readFileSync(join(lwcRoot, '../classes/CosellController.cls'), 'utf8');
  const auraEnabled = new Map<string, string[]>();
  for (const m of apex.matchAll(/@AuraEnabled(?:\([^)]*\))?\s+(?:public|global)\s+static\s+[\w<>, .]+?\s+(\w+)\s*\(([^)]*)\)/g)) {
    const params = m[2]!.split(',').map((p) => p.trim()).filter(Boolean).map((p) => p.split(/\s+/).at(-1)!);
    auraEnabled.set(m[1]!, params);
  }
  const hostFile = join(lwcRoot, 'cosellHost/cosellHost.js');
  const source = ts.createSourceFile(hostFile, readFileSync(hostFile, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);

  /** Imported Apex methods: local name → method name. */
  const imported = new Map<string, string>();
  /** Arrow functions returning an object literal, by name (the wrapper spreads one of them). */
  const objectMakers = new Map<string, ts.ObjectLiteralExpression>();
  const calls: { method: string; keys: string[] }[] = [];
  const keysOf = (object: ts.ObjectLiteralExpression): string[] =>
    object.properties.flatMap((p) => {
      if (ts.isSpreadAssignment(p) && ts.isCallExpression(p.expression) && ts.isIdentifier(p.expression.expression)) {
        const maker = objectMakers.get(p.expression.expression.text);
        assert.ok(maker, `the spread ${p.expression.expression.text}() is an object literal in the file`);
        return keysOf(maker);
      }
      assert.ok(p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)), `a plain key in ${object.getText()}`);
      return [p.name.text];
    });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const match = /^@salesforce\/apex\/CosellController\.(\w+)$/.exec(node.moduleSpecifier.text);
      const local = node.importClause?.name?.text;
      if (match && local) imported.set(local, match[1]!);
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isArrowFunction(node.initializer)) {
      let body: ts.Node = node.initializer.body;
      while (ts.isParenthesizedExpression(body)) body = body.expression;
      if (ts.isObjectLiteralExpression(body)) objectMakers.set(node.name.text, body);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && imported.has(node.expression.text)) {
      const [argument] = node.arguments;
      const method = imported.get(node.expression.text)!;
      calls.push({ method, keys: argument && ts.isObjectLiteralExpression(argument) ? keysOf(argument) : [] });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  test('reads the Apex class and the wrapper', () => {
    assert.ok(auraEnabled.size >= 10, `found ${auraEnabled.size} @AuraEnabled methods`);
    assert.equal(calls.length, imported.size, 'each imported Apex method is called once');
  });

  for (const [local, method] of imported) {
    test(`${method}`, () => {
      assert.ok(auraEnabled.has(method), `CosellController.${method} is @AuraEnabled public static`);
      const call = calls.find((c) => c.method === method);
      assert.ok(call, `${local} is called`);
      assert.deepEqual([...call.keys].sort(), [...auraEnabled.get(method)!].sort());
    });
  }
});
