/**
 * Where each domain field lives in the org. Validated with zod; the default matches the metadata in
 * salesforce/force-app (custom objects Partner__c, Referral__c, Revshare_Agreement__c,
 * Revshare_Statement__c, Revshare_Statement_Line__c and the Cosell_* permission sets).
 */
import { z } from '../domain/zod.js';
import { STAGES, type Stage } from '../domain/stages.js';
import { INTEGRATION_STATUSES, LIFECYCLE_STEPS } from '../domain/partner.js';

const FieldName = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'Not a Salesforce field name'));
const ObjectName = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'Not a Salesforce object name'));
/** A field's API name, `name` unless the mapping says otherwise. */
const field = (name: string) => z._default(FieldName, name);

const PartnerFieldsSchema = z.object({
  id: field('Id'),
  name: field('Name'),
  logoUrl: field('Logo_URL__c'),
  summary: field('Summary__c'),
  website: field('Website__c'),
  integrationName: field('Integration_Name__c'),
  integrationStatus: field('Integration_Status__c'),
  lifecycleStep: field('Lifecycle_Step__c'),
  /** Multi-select picklist of ongoing programs. */
  activePrograms: field('Active_Programs__c'),
  partnerManagerName: field('Partner_Manager_Name__c'),
  partnerManagerEmail: field('Partner_Manager_Email__c'),
  /** ISO country codes separated by semicolons ("US;DE"). */
  markets: field('Markets__c'),
  /** One use case per line. */
  useCases: field('Use_Cases__c'),
  supportSla: field('Support_SLA__c'),
  /** JSON array of { kind, label, url }. */
  links: field('Links__c'),
  acceptanceWindowDays: field('Acceptance_Window_Days__c'),
});

const ReferralFieldsSchema = z.object({
  id: field('Id'),
  /** Unique external id (the client's UUID): the upsert key that makes create idempotent. */
  externalId: field('External_Id__c'),
  partnerId: field('Partner__c'),
  partnerName: field('Partner__r.Name'),
  company: field('Company__c'),
  /** normalizeCompany(company), an indexed external-id field so the duplicate check is one exact query. */
  companyKey: field('Company_Key__c'),
  website: field('Website__c'),
  /** normalizeDomain(website), indexed like companyKey. */
  websiteKey: field('Website_Key__c'),
  country: field('Country__c'),
  contactName: field('Contact_Name__c'),
  contactEmail: field('Contact_Email__c'),
  contactPhone: field('Contact_Phone__c'),
  contactTitle: field('Contact_Title__c'),
  useCase: field('Use_Case__c'),
  estimatedArr: field('Estimated_ARR__c'),
  expectedTimeline: field('Expected_Timeline__c'),
  notes: field('Notes__c'),
  consentToContact: field('Consent_To_Contact__c'),
  existingCustomer: field('Existing_Customer__c'),
  crmRecordId: field('CRM_Record_Id__c'),
  duplicateOverrideReason: field('Duplicate_Override_Reason__c'),
  sellerId: field('CreatedById'),
  sellerName: field('CreatedBy.Name'),
  stage: field('Stage__c'),
  submittedAt: field('CreatedDate'),
  acceptedAt: field('Accepted_At__c'),
  stageChangedAt: field('Stage_Changed_At__c'),
  closedAt: field('Closed_At__c'),
  closeReason: field('Close_Reason__c'),
  /**
   * Integer version. A move writes expectedVersion + 1 and a fresh moveToken; the validation rule
   * Cosell_Version_Check rejects a changed moveToken unless the version is the previous one + 1, so
   * a stale move fails on the server, in the same call.
   */
  version: field('Version__c'),
  /** A random value each move writes, so the validation rule can tell a move from other edits. */
  moveToken: field('Move_Token__c'),
  lastModifiedBy: field('LastModifiedBy.Name'),
  lastModifiedDate: field('LastModifiedDate'),
});

const AgreementFieldsSchema = z.object({
  id: field('Id'),
  partnerId: field('Partner__c'),
  startDate: field('Start_Date__c'),
  /** JSON array of RatePeriod (validated with RatePeriodSchema on read). */
  rates: field('Rates__c'),
  paymentTermsDays: field('Payment_Terms_Days__c'),
});

const StatementFieldsSchema = z.object({
  id: field('Id'),
  partnerId: field('Partner__c'),
  agreementId: field('Agreement__c'),
  /** Text "YYYY-MM". */
  period: field('Period__c'),
  revshareDue: field('Revshare_Due__c'),
  remitted: field('Remitted__c'),
  remittedAt: field('Remitted_At__c'),
  disputed: field('Disputed__c'),
  disputeReason: field('Dispute_Reason__c'),
});

const StatementLineFieldsSchema = z.object({
  id: field('Id'),
  statementId: field('Statement__c'),
  customerId: field('Customer_Id__c'),
  customer: field('Customer__c'),
  kind: field('Kind__c'),
  billed: field('Billed__c'),
  /** Text "YYYY-MM". */
  customerSince: field('Customer_Since__c'),
  recurring: field('Recurring__c'),
  referralId: field('Referral__c'),
  description: field('Description__c'),
});

/** One stage change of a referral: a child record (master-detail to the referral), one per move. */
const StageChangeFieldsSchema = z.object({
  id: field('Id'),
  referralId: field('Referral__c'),
  /** Picklist values as in stageValues. */
  from: field('From__c'),
  to: field('To__c'),
  at: field('At__c'),
  /** The id of the user who moved the referral. */
  by: field('By__c'),
  reason: field('Reason__c'),
  /** The moveToken the move wrote on the referral: the Cosell_Change_Matches_Move rule saves the change only with its move. */
  moveToken: field('Move_Token__c'),
});

const objectMapping = <F extends z.ZodMiniType>(object: string, fields: F) =>
  z.object({ object: z._default(ObjectName, object), fields: z.prefault(fields, {} as z.input<F>) });

const picklistValues = <const T extends readonly string[]>(ids: T) =>
  z.pipe(
    z._default(z.partialRecord(z.enum(ids), z.string().check(z.minLength(1))), {}),
    z.transform((given: Partial<Record<T[number], string>>) => Object.fromEntries(ids.map((id) => [id, given[id as T[number]] ?? id])) as Record<T[number], string>),
  );

export const SalesforceMappingSchema = z.object({
  partner: z.prefault(objectMapping('Partner__c', PartnerFieldsSchema), {}),
  referral: z.prefault(objectMapping('Referral__c', ReferralFieldsSchema), {}),
  agreement: z.prefault(objectMapping('Revshare_Agreement__c', AgreementFieldsSchema), {}),
  statement: z.prefault(objectMapping('Revshare_Statement__c', StatementFieldsSchema), {}),
  statementLine: z.prefault(objectMapping('Revshare_Statement_Line__c', StatementLineFieldsSchema), {}),
  stageChange: z.prefault(objectMapping('Referral_Stage_Change__c', StageChangeFieldsSchema), {}),
  /** The referral's child relationship to its stage changes, read in a subquery with the referral. */
  stageChangeRelationship: z._default(ObjectName, 'Stage_Changes__r'),
  /**
   * The currency field on every money-carrying object in a multi-currency org. When the described
   * object has no such field (single-currency org), the org's currency is used.
   */
  currencyField: field('CurrencyIsoCode'),
  /** Picklist API value in the org for each domain stage (default: the stage id itself). */
  stageValues: picklistValues(STAGES),
  integrationStatusValues: picklistValues(INTEGRATION_STATUSES),
  lifecycleStepValues: picklistValues(LIFECYCLE_STEPS),
  /**
   * The user's role comes from the permission sets assigned to them, highest first (for a user who
   * may read PermissionSetAssignment; otherwise from what the user may do, see getCurrentUser).
   */
  rolePermissionSets: z.prefault(
    z.object({
      admin: z._default(z.string(), 'Cosell_Admin'),
      'partner-manager': z._default(z.string(), 'Cosell_Partner_Manager'),
      finance: z._default(z.string(), 'Cosell_Finance'),
      seller: z._default(z.string(), 'Cosell_Seller'),
    }),
    {},
  ),
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
