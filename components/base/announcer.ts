import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The one way a cosell-* element says something to a screen reader: a single polite live region per
 * <cosell-provider> (or per document, for an element without one), shared by every widget under it,
 * so two widgets never talk over each other from two regions. The region is a visually hidden
 * `role="status"` element in the provider's light DOM (or at the end of <body>), made when its first
 * element connects and taken away when its last one disconnects. Messages are text, never HTML.
 */
export class Announcer implements ReactiveController {
  private region: SharedRegion | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.region = SharedRegion.for(this.host);
  }

  hostDisconnected(): void {
    this.region?.release();
    this.region = undefined;
  }

  /** Say `text` politely. The same text twice is read twice. */
  announce(text: string): void {
    (this.region ??= this.host.isConnected ? SharedRegion.for(this.host) : undefined)?.say(text);
  }

  /** The live region this element speaks through (for tests and hosts that want to read it). */
  static regionOf(element: Element): HTMLElement | undefined {
    return SharedRegion.lookup(scopeOf(element))?.element;
  }
}

/** The nearest <cosell-provider> around an element, across shadow roots; else the document's body. */
function scopeOf(element: Element): Element {
  for (let node: Node | null = element; node;) {
    if (node instanceof Element && node.localName === 'cosell-provider') return node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return element.ownerDocument.body;
}

const VISUALLY_HIDDEN = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0';

class SharedRegion {
  private static readonly regions = new WeakMap<Element, SharedRegion>();
  readonly element: HTMLElement;
  private users = 0;

  private constructor(private readonly scope: Element) {
    this.element = scope.ownerDocument.createElement('div');
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
    this.element.setAttribute('aria-atomic', 'true');
    this.element.dataset.cosellAnnouncer = '';
    this.element.style.cssText = VISUALLY_HIDDEN;
    scope.append(this.element);
  }

  static lookup(scope: Element): SharedRegion | undefined {
    return SharedRegion.regions.get(scope);
  }

  static for(element: Element): SharedRegion {
    const scope = scopeOf(element);
    let region = SharedRegion.regions.get(scope);
    if (!region) SharedRegion.regions.set(scope, (region = new SharedRegion(scope)));
    region.users++;
    return region;
  }

  say(text: string): void {
    const now = this.element.textContent ?? '';
    // A live region reads a changed text: repeat a same message with a trailing no-break space.
    this.element.textContent = text === now ? `${text}\u00a0` : text;
  }

  release(): void {
    if (--this.users > 0) return;
    this.element.remove();
    SharedRegion.regions.delete(this.scope);
  }
}
