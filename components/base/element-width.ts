import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The width of an element's content box, kept up to date with a ResizeObserver, for what is drawn to
 * fit its container rather than scaled (an SVG chart whose text stays legible at 320 px). Rounded down
 * to `step` px so a resize of a pixel or two does not redraw; undefined until first measured, and
 * where the host has no ResizeObserver.
 */
export class ElementWidth implements ReactiveController {
  width: number | undefined;
  private observer: ResizeObserver | undefined;
  private frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly step = 8,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Hosts without ResizeObserver (jsdom under LWC Jest, older embedded webviews): the width stays
    // undefined and what is drawn keeps its default size.
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver((entries) => {
      const inline = entries[0]?.contentBoxSize[0]?.inlineSize ?? 0;
      const width = inline > 0 ? Math.floor(inline / this.step) * this.step : undefined;
      if (width === this.width) return;
      this.width = width;
      // Next frame: redrawing inside the observer's callback would resize the host again in the same
      // frame ("ResizeObserver loop completed with undelivered notifications").
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.host.requestUpdate());
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
