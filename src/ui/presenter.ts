/**
 * Presenter mode and panel highlighting. Presenter mode is a class on <html> (`presenter`): the
 * style sheet (src/styles/tour.css) makes the fonts big and hides the settings, the transport
 * buttons and the counters. When a tour step is open, its panels are highlighted and, in
 * presenter mode, they are the only panels shown. The panels are found through the elements
 * the views draw into, so the page's markup needs no extra ids.
 */
import type { PanelId } from '../core/lessons/tour';

/** The element each panel's views draw into (its section is the closest `.panel`). */
const PANEL_HOSTS: Readonly<Record<PanelId, string>> = {
  circuit: 'circuit-panel',
  bio: 'bio-scene',
  ann: 'ann-scene',
  annRegions: 'ann-regions',
  snnRegions: 'snn-regions',
  loss: 'loss-plot',
  membrane: 'membrane-plot',
  raster: 'raster-plot',
  fi: 'fi-plot',
  scatter: 'scatter-plot',
};

/** The section of a panel, or null if the page has none (yet). */
export function panelSection(id: PanelId): HTMLElement | null {
  const host = document.getElementById(PANEL_HOSTS[id]);
  return host ? (host.closest<HTMLElement>('.panel') ?? host) : null;
}

/** Every panel section of the page (the stage's `.panel` children, the circuit panel included). */
function allPanels(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('main .panel')];
}

export class Presenter {
  private on = false;
  private focus: readonly PanelId[] = [];

  /** Presenter mode on or off. */
  set(on: boolean): void {
    this.on = on;
    document.documentElement.classList.toggle('presenter', on);
    this.apply();
  }

  get active(): boolean {
    return this.on;
  }

  /** The panels of the current tour step (empty: no step open). */
  highlight(panels: readonly PanelId[]): void {
    this.focus = panels;
    this.apply();
  }

  private apply(): void {
    const wanted = new Set(this.focus.map(panelSection).filter((x): x is HTMLElement => x !== null));
    for (const p of allPanels()) {
      const inStep = wanted.has(p);
      p.classList.toggle('teach-highlight', inStep);
      // Presenter mode with a step open: only that step's panels.
      p.classList.toggle('teach-offstage', this.on && wanted.size > 0 && !inStep);
    }
    // (The views follow their hosts' new sizes through the stage's ResizeObserver.)
  }

  destroy(): void {
    document.documentElement.classList.remove('presenter');
    for (const p of allPanels()) p.classList.remove('teach-highlight', 'teach-offstage');
  }
}
