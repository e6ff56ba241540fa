// The org side: salesforce/force-app is well-formed XML, holds every field the default mapping
// names, and agrees field by field with the schema the fake org describes (org-schema.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEFAULT_MAPPING, fieldNeeds, type MappedObject } from '../../src/salesforce/mapping.js';
import { VERSION_CONFLICT_MARKER } from '../../src/salesforce/errors.js';
import { ORG_SCHEMA, type FieldType } from '../fixtures/salesforce/org-schema.js';

const ROOT = join(import.meta.dirname, '../../salesforce');
const DEFAULT = join(ROOT, 'force-app/main/default');
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['value', 'fieldPermissions', 'objectPermissions'].includes(name) });

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function read(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8');
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `${path}: ${JSON.stringify(valid)}`);
  return parser.parse(text) as Record<string, unknown>;
}

interface FieldMeta { fullName: string; type: string; length?: string; externalId?: string; unique?: string; required?: string; referenceTo?: string; valueSet?: { restricted?: string; valueSetDefinition: { value: { fullName: string; label: string }[] } } }

function objectFields(object: string): Map<string, FieldMeta> {
  const dir = join(DEFAULT, 'objects', object, 'fields');
  return new Map(readdirSync(dir).map((file) => {
    const field = read(join(dir, file)).CustomField as FieldMeta;
    assert.equal(`${field.fullName}.field-meta.xml`, file);
    return [field.fullName, field];
  }));
}

const STANDARD = new Set(['Id', 'Name', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'OwnerId', 'CurrencyIsoCode']);
const TYPE: Record<FieldType, string[]> = {
  id: [], string: ['Text'], textarea: ['LongTextArea'], email: ['Email'], url: ['Url'], phone: ['Phone'], picklist: ['Picklist'],
  multipicklist: ['MultiselectPicklist'], boolean: ['Checkbox'], double: ['Number'], currency: ['Currency'], date: ['Date'],
  datetime: ['DateTime'], reference: ['Lookup', 'MasterDetail'],
};

describe('salesforce/ SFDX metadata', () => {
  it('is SFDX source format and every XML file is well formed', () => {
    const project = JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) as { packageDirectories: { path: string }[] };
    assert.ok(project.packageDirectories.some((d) => d.path === 'force-app'));
    const files = walk(join(ROOT, 'force-app')).filter((f) => f.endsWith('.xml') && !f.includes('/lwc/'));
    assert.ok(files.length > 60);
    for (const file of files) read(file);
  });

  it('has every object and field the default mapping names', () => {
    const objects: MappedObject[] = ['partner', 'referral', 'agreement', 'statement', 'statementLine'];
    for (const key of objects) {
      const object = DEFAULT_MAPPING[key].object;
      assert.ok(existsSync(join(DEFAULT, 'objects', object, `${object}.object-meta.xml`)), object);
      const fields = objectFields(object);
      for (const need of fieldNeeds(DEFAULT_MAPPING, key)) {
        const [head, ...rest] = need.field.split('.');
        if (STANDARD.has(need.field) || ['CreatedBy', 'LastModifiedBy', 'Owner'].includes(head!)) continue;
        if (rest.length) {
          // Partner__r.Name → the lookup Partner__c to an object with a Name.
          const lookup = fields.get(head!.replace(/__r$/, '__c'));
          assert.ok(lookup?.referenceTo, `${object}.${need.field} (${key}.${need.key})`);
          continue;
        }
        assert.ok(fields.has(need.field), `${object}.${need.field} (${key}.${need.key}) is missing from the metadata`);
      }
    }
  });

  it('agrees with the fake org, field by field (type, length, picklist values, keys)', () => {
    for (const spec of ORG_SCHEMA) {
      const fields = objectFields(spec.name);
      const custom = spec.fields.filter((f) => !f.standard);
      assert.deepEqual([...fields.keys()].sort(), custom.map((f) => f.name).sort(), spec.name);
      for (const f of custom) {
        const meta = fields.get(f.name)!;
        assert.ok(TYPE[f.type].includes(meta.type), `${spec.name}.${f.name}: ${meta.type} vs ${f.type}`);
        if (f.length && meta.length) assert.equal(Number(meta.length), f.length, `${spec.name}.${f.name} length`);
        assert.equal(meta.externalId === 'true', f.externalId ?? false, `${spec.name}.${f.name} externalId`);
        assert.equal(meta.unique === 'true', f.unique ?? false, `${spec.name}.${f.name} unique`);
        if (f.referenceTo) assert.equal(meta.referenceTo, f.referenceTo);
        if (f.picklist) {
          assert.deepEqual(meta.valueSet?.valueSetDefinition.value.map((v) => [v.fullName, v.label]), f.picklist.map((p) => [p.value, p.label]));
          assert.equal(meta.valueSet?.restricted === 'true', f.restricted ?? false);
        }
      }
    }
  });

  it('makes the referral external id unique and the company key indexed', () => {
    const fields = objectFields('Referral__c');
    assert.equal(fields.get('External_Id__c')?.unique, 'true');
    assert.equal(fields.get('External_Id__c')?.externalId, 'true');
    assert.equal(fields.get('Company_Key__c')?.externalId, 'true');
    assert.equal(fields.get('Website_Key__c')?.externalId, 'true');
  });

  it('names the child relationships the Apex controller queries (Revshare_Statement_Lines__r)', () => {
    const statement = read(join(DEFAULT, 'objects/Revshare_Statement_Line__c/fields/Statement__c.field-meta.xml')).CustomField as Record<string, string>;
    assert.equal(statement.type, 'MasterDetail');
    assert.equal(statement.relationshipName, 'Revshare_Statement_Lines');
    const apex = join(DEFAULT, 'classes');
    if (existsSync(apex)) {
      const used = new Set(readdirSync(apex).filter((f) => f.endsWith('.cls')).flatMap((f) => [...readFileSync(join(apex, f), 'utf8').matchAll(/FROM (\w+__r)\b/g)].map((m) => m[1]!)));
      const children = new Set(walk(join(DEFAULT, 'objects')).filter((f) => f.endsWith('.field-meta.xml')).map((f) => (read(f).CustomField as FieldMeta & { relationshipName?: string }).relationshipName).filter(Boolean).map((n) => `${n}__r`));
      for (const name of used) assert.ok(children.has(name), `Apex queries ${name}, which no field in the metadata defines`);
    }
  });

  it('has the version-check validation rule the adapter relies on', () => {
    const rule = read(join(DEFAULT, 'objects/Referral__c/validationRules/Cosell_Version_Check.validationRule-meta.xml')).ValidationRule as Record<string, string>;
    assert.equal(rule.active, 'true');
    assert.ok(rule.errorMessage?.startsWith(VERSION_CONFLICT_MARKER));
    assert.match(rule.errorConditionFormula ?? '', /ISCHANGED\(Move_Token__c\)/);
    assert.match(rule.errorConditionFormula ?? '', /PRIORVALUE\(Version__c\)/);
  });

  it('has permission sets for sellers and partner managers, named as the mapping expects', () => {
    const perms = (name: string) => read(join(DEFAULT, 'permissionsets', `${name}.permissionset-meta.xml`)).PermissionSet as {
      fieldPermissions: { field: string; editable: string; readable: string }[];
      objectPermissions: { object: string; allowCreate: string; allowEdit: string; viewAllRecords: string; modifyAllRecords: string }[];
    };
    const seller = perms(DEFAULT_MAPPING.rolePermissionSets.seller);
    const manager = perms(DEFAULT_MAPPING.rolePermissionSets['partner-manager']);
    const sellerReferral = seller.objectPermissions.find((o) => o.object === 'Referral__c')!;
    assert.equal(sellerReferral.allowCreate, 'true');
    assert.equal(sellerReferral.viewAllRecords, 'false');
    assert.equal(seller.fieldPermissions.find((f) => f.field === 'Referral__c.Stage__c')?.editable, 'false');
    assert.equal(seller.fieldPermissions.find((f) => f.field === 'Referral__c.Company_Key__c')?.editable, 'true');
    assert.ok(!seller.objectPermissions.some((o) => o.object.startsWith('Revshare')), 'sellers do not see revenue share');
    const managerReferral = manager.objectPermissions.find((o) => o.object === 'Referral__c')!;
    assert.equal(managerReferral.modifyAllRecords, 'true');
    assert.equal(manager.fieldPermissions.find((f) => f.field === 'Referral__c.Stage__c')?.editable, 'true');
    assert.ok(manager.objectPermissions.some((o) => o.object === 'Revshare_Statement__c'));
    // Required fields cannot carry field permissions (a deploy error); every other custom field is listed.
    for (const spec of ORG_SCHEMA.filter((s) => s.name === 'Referral__c')) {
      for (const f of spec.fields.filter((x) => !x.standard && !x.required)) {
        assert.ok(manager.fieldPermissions.some((p) => p.field === `Referral__c.${f.name}`), f.name);
      }
    }
  });
});
