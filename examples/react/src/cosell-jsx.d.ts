// JSX types for every cosell-* element: its properties (adapter, theme, ...), its `oncosell-*` events
// (React 19 adds a listener for a prop that starts with "on" on a custom element) and the usual HTML
// attributes. Hyphenated attributes (partner-id="...") need no declaration.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {} from 'cosell/define';

type CosellTag = Extract<keyof HTMLElementTagNameMap, `cosell-${string}`>;
type CosellEventName = Extract<keyof GlobalEventHandlersEventMap, `cosell-${string}`>;
type CosellEventProps = { [K in CosellEventName as `on${K}`]?: (event: GlobalEventHandlersEventMap[K]) => void };
type CosellProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  Partial<Omit<E, keyof HTMLElement>> &
  CosellEventProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements extends CosellIntrinsicElements {}
  }
}
type CosellIntrinsicElements = { [T in CosellTag]: CosellProps<HTMLElementTagNameMap[T]> };
