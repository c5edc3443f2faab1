/**
 * The tour drives the view: when a step opens, the page scrolls so that the panels the step talks
 * about sit in the visible region below the tour bar (which stays at the top of the window, so
 * the text and the panels are read together). If they fit, all of them are shown; if not (a
 * phone, a tall circuit), the first one starts at the top of the region.
 */

/** The part of the window not under the tour bar: [top, bottom) in viewport px. */
export function visibleRegion(bar: HTMLElement | null): { top: number; bottom: number } {
  const top = bar && !bar.hidden ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
  return { top, bottom: window.innerHeight };
}

/**
 * Scrolls the window so that `sections` are framed below `bar` (a small margin above them).
 * Nothing moves when they are already all in view.
 */
export function framePanels(sections: readonly HTMLElement[], bar: HTMLElement | null, margin = 8): void {
  const shown = sections.filter((s) => !s.hidden && s.getClientRects().length > 0);
  if (!shown.length) return;
  const rects = shown.map((s) => s.getBoundingClientRect());
  const top = Math.min(...rects.map((r) => r.top));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  // The bar's height, not its place: it is sticky, so after scrolling it sits at its sticky top
  // (the window's top; on a phone just under the top bar's stuck row).
  const barHeight = bar && !bar.hidden ? bar.getBoundingClientRect().height : 0;
  const stickyTop = bar && !bar.hidden ? parseFloat(getComputedStyle(bar).top) || 0 : 0;
  const regionTop = stickyTop + barHeight + margin;
  if (top >= regionTop && bottom <= window.innerHeight) return;
  window.scrollTo({ top: Math.max(0, window.scrollY + top - regionTop), behavior: 'instant' });
}
