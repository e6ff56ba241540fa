/**
 * What the org says about the mapped objects: one describe per object (shared by every caller), the
 * fields the user may write, the org's currency and the stage picklist.
 */
import { CrmError } from '../errors.js';
import { STAGES, type StageDefinition, STAGE_LABELS } from '../domain/stages.js';
import type { SalesforceClient } from './client.js';
import { fieldNeeds, type MappedObject, type SalesforceMapping } from './mapping.js';
import { isRecord, type Queries } from './queries.js';
import type { CurrencyInfo } from './records.js';
import { select } from './soql.js';

interface DescribeField {
  name: string;
  type: string;
  createable?: boolean;
  updateable?: boolean;
  relationshipName?: string | null;
  picklistValues?: { value: string; label: string; active?: boolean }[];
}
export interface Described {
  name: string;
  fields: DescribeField[];
  byName: Map<string, DescribeField>;
  byRelationship: Map<string, DescribeField>;
}

export class OrgDescribe {
  private readonly pending = new Map<string, Promise<Described>>();
  private orgCurrency: Promise<string> | undefined;

  constructor(
    private readonly client: SalesforceClient,
    private readonly mapping: SalesforceMapping,
    private readonly queries: Queries,
  ) {}

  /** Shared by every caller, so it is not cancelled by one caller's signal; each caller checks its own. */
  async describe(object: MappedObject, signal?: AbortSignal): Promise<Described> {
    signal?.throwIfAborted();
    const name = this.mapping[object].object;
    let pending = this.pending.get(name);
    if (!pending) {
      pending = this.loadDescribe(object, name);
      this.pending.set(name, pending);
      pending.catch(() => this.pending.delete(name));
    }
    return pending;
  }

  private async loadDescribe(object: MappedObject, name: string): Promise<Described> {
    let body: unknown;
    try {
      body = await this.client.json({ method: 'GET', path: `${this.client.dataPath}/sobjects/${name}/describe` });
    } catch (error) {
      if (CrmError.is(error, 'not-found')) {
        throw new CrmError('bad-data', `Salesforce object ${name} (mapping.${object}.object) does not exist in this org or you cannot read it.`, { cause: error });
      }
      throw error;
    }
    if (!isRecord(body) || !Array.isArray(body.fields)) throw new CrmError('bad-data', `The describe of ${name} is not readable.`);
    const fields = body.fields as DescribeField[];
    const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
    const byRelationship = new Map(fields.filter((f) => f.relationshipName).map((f) => [f.relationshipName!.toLowerCase(), f]));
    const missing: string[] = [];
    for (const need of fieldNeeds(this.mapping, object)) {
      if (!this.describedField(byName, byRelationship, need.field)) missing.push(`${need.field} (${object}.${need.key})`);
    }
    if (missing.length) {
      throw new CrmError('bad-data', `Salesforce object ${name} is missing these mapped fields, or you cannot read them: ${missing.join(', ')}. Deploy salesforce/force-app or fix the mapping, and check field-level security.`);
    }
    return { name, fields, byName, byRelationship };
  }

  private describedField(byName: Map<string, DescribeField>, byRelationship: Map<string, DescribeField>, path: string): DescribeField | undefined {
    const [head, ...rest] = path.split('.');
    return rest.length ? byRelationship.get(head!.toLowerCase()) : byName.get(path.toLowerCase());
  }

  /** Before a write: every mapped field it writes must be createable / updateable for this user. */
  async assertWritable(object: MappedObject, how: 'create' | 'update', signal?: AbortSignal): Promise<void> {
    const described = await this.describe(object, signal);
    const blocked = fieldNeeds(this.mapping, object)
      .filter((need) => need[how])
      .filter((need) => {
        const field = this.describedField(described.byName, described.byRelationship, need.field);
        return field?.[how === 'create' ? 'createable' : 'updateable'] === false;
      })
      .map((need) => `${need.field} (${object}.${need.key})`);
    if (blocked.length) {
      throw new CrmError('permission', `You cannot ${how === 'create' ? 'set' : 'edit'} these fields of ${described.name}: ${blocked.join(', ')}. Ask your admin for the Cosell permission set of your role.`);
    }
  }

  async currency(object: MappedObject, signal?: AbortSignal): Promise<CurrencyInfo> {
    const described = await this.describe(object, signal);
    if (described.byName.has(this.mapping.currencyField.toLowerCase())) return { multiCurrency: true, orgCurrency: 'USD' };
    signal?.throwIfAborted();
    this.orgCurrency ??= this.queries.query(select({ fields: ['DefaultCurrencyIsoCode'], from: 'Organization', limit: 1 })).then((r) => {
      const code = r.records?.[0] && isRecord(r.records[0]) ? r.records[0].DefaultCurrencyIsoCode : undefined;
      if (typeof code !== 'string') throw new CrmError('bad-data', 'The org did not report its currency.');
      return code;
    });
    this.orgCurrency.catch(() => (this.orgCurrency = undefined));
    return { multiCurrency: false, orgCurrency: await this.orgCurrency };
  }

  /**
   * The org's stages, in its picklist order, with its labels: a renamed stage shows the org's label.
   * Inactive values and values no domain stage maps to are left out.

   */
  async stageDefinitions(signal?: AbortSignal): Promise<StageDefinition[]> {
    const described = await this.describe('referral', signal);
    const field = described.byName.get(this.mapping.referral.fields.stage.toLowerCase());
    const out: StageDefinition[] = [];
    for (const value of field?.picklistValues ?? []) {
      if (value.active === false) continue;
      const id = STAGES.find((s) => this.mapping.stageValues[s] === value.value);
      if (id && !out.some((d) => d.id === id)) out.push({ id, label: value.label || STAGE_LABELS[id] });
    }
    return out.length ? out : STAGES.map((id) => ({ id, label: STAGE_LABELS[id] }));
  }

  // ---------------------------------------------------------------- low-level calls
}
