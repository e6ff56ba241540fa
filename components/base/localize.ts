import { configureLocalization, LOCALE_STATUS_EVENT, str } from '@lit/localize';

/**
 * The widgets' languages, through @lit/localize in runtime mode: English is the source (in the code),
 * every other language is a module generated from xliff/<tag>.xlf (`npm run localize`) and loaded on
 * demand by a dynamic import, so a page in English downloads no other language.
 *
 * The language is global to the page (one `msg()` table, as in @lit/localize); the nearest
 * <cosell-provider>'s `locale` chooses it. Numbers and dates keep following each provider's full locale.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The pseudo-locale the tests render in: every message wrapped in ⟦…⟧ (generated from the XLIFF). */
export const PSEUDO_LOCALE = 'en-XA';
type Catalog = Language | typeof PSEUDO_LOCALE;

/** Languages written right to left. */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

type Templates = Record<string, string | ReturnType<typeof str>>;
type LocaleModule = { templates: Templates };

/** One dynamic import per language: bundlers split each into its own chunk. */
const loaders: Record<Exclude<Catalog, 'en'>, () => Promise<LocaleModule>> = {
  de: () => import('../../src/generated/locales/de.js'),
  fr: () => import('../../src/generated/locales/fr.js'),
  es: () => import('../../src/generated/locales/es.js'),
  ja: () => import('../../src/generated/locales/ja.js'),
  ar: () => import('../../src/generated/locales/ar.js'),
  'en-XA': () => import('../../src/generated/locales/en-XA.js'),
};

/**
 * A company's own wording: per language (`en`, `de`, … or `*` for every language), message id → text.
 * Ids are the `id` of each `<trans-unit>` in xliff/*.xlf (e.g. `stage.submitted`, `board.total.other`).
 * A message with data keeps its placeholders as `{0}`, `{1}`, … in the order of the English message,
 * e.g. `{ en: { 'board.cards.other': '{0} deals' } }`.
 */
export type MessageOverrides = Partial<Record<Language | '*', Record<string, string>>>;

let overrides: MessageOverrides = {};
/** The loaded tables, per catalog, with the company's overrides merged in (mutated in place). */
const tables = new Map<Catalog, Templates>();
const generated = new Map<Catalog, Templates>();

/** "{0} deals" → the shape of a `str` template that @lit/localize substitutes by index. */
function toTemplate(text: string): Templates[string] {
  const parts = text.split(/\{(\d+)\}/);
  if (parts.length === 1) return text;
  const strings = parts.filter((_, i) => i % 2 === 0);
  const indexes = parts.filter((_, i) => i % 2 === 1).map(Number);
  return str(Object.assign([...strings], { raw: [...strings] }), ...indexes);
}

function merge(catalog: Catalog): Templates {
  const table = tables.get(catalog) ?? {};
  for (const key of Object.keys(table)) delete table[key];
  Object.assign(table, generated.get(catalog) ?? {});
  const language = catalog === PSEUDO_LOCALE ? undefined : catalog;
  for (const own of [overrides['*'], language ? overrides[language] : undefined]) {
    for (const [id, text] of Object.entries(own ?? {})) table[id] = toTemplate(text);
  }
  tables.set(catalog, table);
  return table;
}

async function loadLocale(catalog: string): Promise<LocaleModule> {
  const key = catalog as Catalog;
  if (key !== 'en' && !generated.has(key)) generated.set(key, (await loaders[key]()).templates);
  return { templates: merge(key) };
}

// The runtime's source is a private tag, so that English is a catalog too: the company's English
// wording is merged into it like any other language's (it has no module to load).
const SOURCE = 'en-x-source';
let localization: ReturnType<typeof configureLocalization> | undefined;
try {
  localization = configureLocalization({ sourceLocale: SOURCE, targetLocales: [...LANGUAGES, PSEUDO_LOCALE], loadLocale });
} catch (error) {
  console.warn('cosell: @lit/localize was already configured on this page; the widgets stay in its language.', error);
}

const warned = new Set<string>();

/**
 * The catalog for a BCP 47 tag, falling back by language tag: `de-AT` → `de`, `ar-EG` → `ar`,
 * `en-XA` (the pseudo-locale) as is; anything else → `en` with one console warning per tag.
 */
export function resolveLanguage(tag: string): Catalog {
  const exact = ([...LANGUAGES, PSEUDO_LOCALE] as Catalog[]).find((known) => known.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  let language: string | undefined;
  try {
    language = new Intl.Locale(tag).language;
  } catch {
    language = undefined;
  }
  const match = LANGUAGES.find((known) => known === language);
  if (match) return match;
  if (!warned.has(tag)) {
    warned.add(tag);
    console.warn(`cosell: no translation for locale "${tag}"; the widgets show English (languages: ${LANGUAGES.join(', ')}).`);
  }
  return 'en';
}

/** `rtl` for Arabic (and other right-to-left languages), else `ltr`. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  let language = tag;
  try {
    language = new Intl.Locale(tag).language;
  } catch {
    // keep the tag as given
  }
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/** The catalog in use (`en` until another one has loaded). */
export function currentLanguage(): Catalog {
  const active = localization?.getLocale();
  return !active || active === SOURCE ? 'en' : (active as Catalog);
}

/** Switch every widget on the page to the language of `tag` (loads its module once); resolves when shown. */
export async function setLanguage(tag: string): Promise<Catalog> {
  const catalog = resolveLanguage(tag);
  await localization?.setLocale(catalog);
  return catalog;
}

/**
 * Bring a company's own wording (their word for "referral", their stage names) without forking:
 * replaces the previous overrides and re-renders every widget. Missing ids keep the translation.
 */
export function overrideMessages(messages: MessageOverrides): void {
  overrides = messages;
  for (const catalog of tables.keys()) merge(catalog);
  const active = currentLanguage();
  if (!tables.has(active)) {
    void setLanguage(active);
    return;
  }
  // The active table changed in place: tell every @localized element to render again.
  window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: active } }));
}

/** The CLDR plural category of `count` in the active language (for messages such as "1 card" / "2 cards"). */
export function pluralCategory(count: number): Intl.LDMLPluralRule {
  const language = currentLanguage();
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language === PSEUDO_LOCALE ? 'en' : language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

/** One Intl.PluralRules per language: building one per message was a cost every list row paid. */
const pluralRules = new Map<string, Intl.PluralRules>();
