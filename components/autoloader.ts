/**
 * The drop-in's entry, `dist/cosell.min.js` (built by vite.bundle.config.ts): an autoloader, the
 * convention Shoelace and Web Awesome use. It carries no element and no Lit; it watches the document
 * (and the open shadow roots of the elements it loads) with a MutationObserver, and the first time a
 * `cosell-<name>` tag appears it imports that element's chunk (`components/<name>/define.ts`), which
 * brings the shared chunks it needs (Lit, zod, the domain) by relative URL, so the files work from any
 * static host or CDN path. Each language's messages are a chunk of their own, loaded when a provider
 * asks for that locale.
 *
 * A tag inside a shadow root this loader cannot see (a closed root, or another library's element) is
 * loaded by calling `discover(root)`, or by `load('cosell-…')`.
 */

import { ContextRoot } from '@lit/context';

const PREFIX = 'cosell-';

// Chunks arrive in any order, so an element may connect before its <cosell-provider> is defined:
// @lit/context's ContextRoot holds the element's context requests until the provider appears.
new ContextRoot().attach(document.documentElement);

/** One lazy import per element: each becomes a chunk of its own. A new element adds its line here. */
const chunks = new Map<string, () => Promise<unknown>>([
  ['cosell-provider', () => import('./provider/define.js')],
  ['cosell-partner-card', () => import('./partner-card/define.js')],
  ['cosell-referral-form', () => import('./referral-form/define.js')],
  ['cosell-my-referrals', () => import('./my-referrals/define.js')],
  ['cosell-pipeline-board', () => import('./pipeline-board/define.js')],
  ['cosell-revshare-summary', () => import('./revshare-summary/define.js')],
]);

const loading = new Map<string, Promise<void>>();
const watched = new WeakSet<ShadowRoot>();

/** The `cosell-*` tags this loader can register. */
export const tags: readonly string[] = [...chunks.keys()];

/** Imports the chunk that defines `tag` (once); resolves when the tag is defined. */
export function load(tag: string): Promise<void> {
  const name = tag.toLowerCase();
  let pending = loading.get(name);
  if (pending) return pending;
  const importer = chunks.get(name);
  if (!importer) {
    pending = Promise.resolve();
    if (!customElements.get(name)) console.warn(`cosell: no element <${name}> (the drop-in has ${tags.join(', ')}).`);
  } else {
    pending = importer().then(
      () => customElements.whenDefined(name).then(() => undefined),
      (error: unknown) => {
        loading.delete(name);
        throw new Error(`cosell: could not load <${name}>`, { cause: error });
      },
    );
  }
  loading.set(name, pending);
  return pending;
}

/** Watches an element's open shadow root, where the element may render other `cosell-*` tags. */
function watch(element: Element): void {
  const root = element.shadowRoot;
  if (!root || watched.has(root)) return;
  watched.add(root);
  observer.observe(root, { childList: true, subtree: true });
  void discover(root);
}

/** Loads every `cosell-*` tag in `root` (and `root` itself), then watches the open shadow roots. */
export function discover(root: ParentNode): Promise<void> {
  const found = [...root.querySelectorAll('*')].filter((element) => element.localName.startsWith(PREFIX));
  if (root instanceof Element && root.localName.startsWith(PREFIX)) found.push(root);
  return Promise.all(found.map((element) => load(element.localName).then(() => watch(element)))).then(() => undefined);
}

const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
  }
});

observer.observe(document.documentElement, { childList: true, subtree: true });
void discover(document);
