/**
 * Where each domain field lives in the org. Validated with zod; the default matches the metadata in
 * salesforce/force-app (custom objects Partner__c, Referral__c, Revshare_Agreement__c,
 * Revshare_Statement__c, Revshare_Statement_Line__c and the Cosell_* permission sets).
 */
import { z } from 'zod';
import { STAGES, type Stage } from '../domain/stages.js';
import { INTEGRATION_STATUSES, LIFECYCLE_STEPS } from '../domain/partner.js';

const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'Not a Salesforce field name');
const ObjectName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'Not a Salesforce object name');

const PartnerFieldsSchema = z.object({
  id: FieldName.default('Id'),
  name: FieldName.default('Name'),
  logoUrl: FieldName.default('Logo_URL__c'),
  summary: FieldName.default('Summary__c'),
  website: FieldName.default('Website__c'),
  integrationName: FieldName.default('Integration_Name__c'),
  integrationStatus: FieldName.default('Integration_Status__c'),
  lifecycleStep: FieldName.default('Lifecycle_Step__c'),
  /** Multi-select picklist of ongoing programs. */
  activePrograms: FieldName.default('Active_Programs__c'),
  partnerManagerName: FieldName.default('Partner_Manager_Name__c'),
  partnerManagerEmail: FieldName.default('Partner_Manager_Email__c'),
  /** ISO country codes separated by semicolons ("US;DE"). */
  markets: FieldName.default('Markets__c'),
  /** One use case per line. */
  useCases: FieldName.default('Use_Cases__c'),
  supportSla: FieldName.default('Support_SLA__c'),
  /** JSON array of { kind, label, url }. */
  links: FieldName.default('Links__c'),
  acceptanceWindowDays: FieldName.default('Acceptance_Window_Days__c'),
});

const ReferralFieldsSchema = z.object({
  id: FieldName.default('Id'),
  /** Unique external id (the client's UUID): the upsert key that makes create idempotent. */
  externalId: FieldName.default('External_Id__c'),
  partnerId: FieldName.default('Partner__c'),
  partnerName: FieldName.default('Partner__r.Name'),
  company: FieldName.default('Company__c'),
  /** normalizeCompany(company), an indexed external-id field so the duplicate check is one exact query. */
  companyKey: FieldName.default('Company_Key__c'),
  website: FieldName.default('Website__c'),
  /** normalizeDomain(website), indexed like companyKey. */
  websiteKey: FieldName.default('Website_Key__c'),
  country: FieldName.default('Country__c'),
  contactName: FieldName.default('Contact_Name__c'),
  contactEmail: FieldName.default('Contact_Email__c'),
  contactPhone: FieldName.default('Contact_Phone__c'),
  contactTitle: FieldName.default('Contact_Title__c'),
  useCase: FieldName.default('Use_Case__c'),
  estimatedArr: FieldName.default('Estimated_ARR__c'),
  expectedTimeline: FieldName.default('Expected_Timeline__c'),
  notes: FieldName.default('Notes__c'),
  consentToContact: FieldName.default('Consent_To_Contact__c'),
  existingCustomer: FieldName.default('Existing_Customer__c'),
  crmRecordId: FieldName.default('CRM_Record_Id__c'),
  duplicateOverrideReason: FieldName.default('Duplicate_Override_Reason__c'),
  sellerId: FieldName.default('CreatedById'),
  sellerName: FieldName.default('CreatedBy.Name'),
  stage: FieldName.default('Stage__c'),
  submittedAt: FieldName.default('CreatedDate'),
  acceptedAt: FieldName.default('Accepted_At__c'),
  stageChangedAt: FieldName.default('Stage_Changed_At__c'),
  closedAt: FieldName.default('Closed_At__c'),
  closeReason: FieldName.default('Close_Reason__c'),
  /**
   * Integer version. A move writes expectedVersion + 1 and a fresh moveToken; the validation rule
   * Cosell_Version_Check rejects a changed moveToken unless the version is the previous one + 1, so
   * a stale move fails on the server, in the same call.
   */
  version: FieldName.default('Version__c'),
  /** A random value each move writes, so the validation rule can tell a move from other edits. */
  moveToken: FieldName.default('Move_Token__c'),
  lastModifiedBy: FieldName.default('LastModifiedBy.Name'),
  lastModifiedDate: FieldName.default('LastModifiedDate'),
});

const AgreementFieldsSchema = z.object({
  id: FieldName.default('Id'),
  partnerId: FieldName.default('Partner__c'),
  startDate: FieldName.default('Start_Date__c'),
  /** JSON array of RatePeriod (validated with RatePeriodSchema on read). */
  rates: FieldName.default('Rates__c'),
  paymentTermsDays: FieldName.default('Payment_Terms_Days__c'),
});

const StatementFieldsSchema = z.object({
  id: FieldName.default('Id'),
  partnerId: FieldName.default('Partner__c'),
  agreementId: FieldName.default('Agreement__c'),
  /** Text "YYYY-MM". */
  period: FieldName.default('Period__c'),
  revshareDue: FieldName.default('Revshare_Due__c'),
  remitted: FieldName.default('Remitted__c'),
  remittedAt: FieldName.default('Remitted_At__c'),
  disputed: FieldName.default('Disputed__c'),
  disputeReason: FieldName.default('Dispute_Reason__c'),
});

const StatementLineFieldsSchema = z.object({
  id: FieldName.default('Id'),
  statementId: FieldName.default('Statement__c'),
  customerId: FieldName.default('Customer_Id__c'),
  customer: FieldName.default('Customer__c'),
  kind: FieldName.default('Kind__c'),
  billed: FieldName.default('Billed__c'),
  /** Text "YYYY-MM". */
  customerSince: FieldName.default('Customer_Since__c'),
  recurring: FieldName.default('Recurring__c'),
  referralId: FieldName.default('Referral__c'),
  description: FieldName.default('Description__c'),
});

/** One stage change of a referral: a child record (master-detail to the referral), one per move. */
const StageChangeFieldsSchema = z.object({
  id: FieldName.default('Id'),
  referralId: FieldName.default('Referral__c'),
  /** Picklist values as in stageValues. */
  from: FieldName.default('From__c'),
  to: FieldName.default('To__c'),
  at: FieldName.default('At__c'),
  /** The id of the user who moved the referral. */
  by: FieldName.default('By__c'),
  reason: FieldName.default('Reason__c'),
  /** The moveToken the move wrote on the referral: the Cosell_Change_Matches_Move rule saves the change only with its move. */
  moveToken: FieldName.default('Move_Token__c'),
});

const objectMapping = <F extends z.ZodType>(object: string, fields: F) =>
  z.object({ object: ObjectName.default(object), fields: fields.prefault({} as z.input<F>) });

const picklistValues = <const T extends readonly string[]>(ids: T) =>
  z
    .partialRecord(z.enum(ids), z.string().min(1))
    .default({})
    .transform((given) => Object.fromEntries(ids.map((id) => [id, given[id as T[number]] ?? id])) as Record<T[number], string>);

export const SalesforceMappingSchema = z.object({
  partner: objectMapping('Partner__c', PartnerFieldsSchema).prefault({}),
  referral: objectMapping('Referral__c', ReferralFieldsSchema).prefault({}),
  agreement: objectMapping('Revshare_Agreement__c', AgreementFieldsSchema).prefault({}),
  statement: objectMapping('Revshare_Statement__c', StatementFieldsSchema).prefault({}),
  statementLine: objectMapping('Revshare_Statement_Line__c', StatementLineFieldsSchema).prefault({}),
  stageChange: objectMapping('Referral_Stage_Change__c', StageChangeFieldsSchema).prefault({}),
  /** The referral's child relationship to its stage changes, read in a subquery with the referral. */
  stageChangeRelationship: ObjectName.default('Stage_Changes__r'),
  /**
   * The currency field on every money-carrying object in a multi-currency org. When the described
   * object has no such field (single-currency org), the org's currency is used.
   */
  currencyField: FieldName.default('CurrencyIsoCode'),
  /** Picklist API value in the org for each domain stage (default: the stage id itself). */
  stageValues: picklistValues(STAGES),
  integrationStatusValues: picklistValues(INTEGRATION_STATUSES),
  lifecycleStepValues: picklistValues(LIFECYCLE_STEPS),
  /** The user's role comes from the permission sets assigned to them, highest first. */
  rolePermissionSets: z
    .object({
      admin: z.string().default('Cosell_Admin'),
      'partner-manager': z.string().default('Cosell_Partner_Manager'),
      finance: z.string().default('Cosell_Finance'),
      seller: z.string().default('Cosell_Seller'),
    })
    .prefault({}),
});
export type SalesforceMapping = z.infer<typeof SalesforceMappingSchema>;
export type SalesforceMappingInput = z.input<typeof SalesforceMappingSchema>;

export const DEFAULT_MAPPING: SalesforceMapping = SalesforceMappingSchema.parse({});

/** The mapping a host gave, with defaults filled in; a bad mapping is a clear error at construction. */
export function parseMapping(input: SalesforceMappingInput | undefined): SalesforceMapping {
  const result = SalesforceMappingSchema.safeParse(input ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new TypeError(`Invalid Salesforce mapping — ${issues}`);
  }
  return result.data;
}

export type MappedObject = 'partner' | 'referral' | 'agreement' | 'statement' | 'statementLine' | 'stageChange';

/** What the adapter needs of each mapped field: read always; create/update for the fields it writes. */
export interface FieldNeed {
  object: MappedObject;
  key: string;
  field: string;
  create?: boolean;
  update?: boolean;
}

const REFERRAL_CREATE = [
  'externalId', 'partnerId', 'company', 'companyKey', 'website', 'websiteKey', 'country', 'contactName',
  'contactEmail', 'contactPhone', 'contactTitle', 'useCase', 'estimatedArr', 'expectedTimeline', 'notes',
  'consentToContact', 'existingCustomer', 'crmRecordId', 'duplicateOverrideReason',
];
const REFERRAL_UPDATE = ['stage', 'stageChangedAt', 'acceptedAt', 'closedAt', 'closeReason', 'version', 'moveToken'];

export function fieldNeeds(mapping: SalesforceMapping, object: MappedObject): FieldNeed[] {
  const fields = mapping[object].fields as Record<string, string>;
  return Object.entries(fields).map(([key, field]) => ({
    object,
    key,
    field,
    create: (object === 'referral' && REFERRAL_CREATE.includes(key)) || (object === 'stageChange' && key !== 'id'),
    update: object === 'referral' && REFERRAL_UPDATE.includes(key),
  }));
}

export const stageFromValue = (mapping: SalesforceMapping, value: unknown): Stage | undefined =>
  STAGES.find((s) => mapping.stageValues[s] === value);
