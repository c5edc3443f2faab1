/**
 * Each hidden unit's output over the input plane, drawn beside its node in the ANN scene: two
 * 16 x 16 thumbnails side by side, the ANN unit's activation (left) and its spiking twin's firing
 * rate (right), each coloured by the heat table from 0 to its own maximum, so their shapes
 * compare whatever the units (activation vs Hz). The maps come computed from the lab
 * (snapshot.unitMapsAnn / unitMapsSnn, experiments/unit-maps.ts); this view only paints them,
 * when their plane's version changes. Each thumbnail is a small canvas (role img) whose
 * accessible name and tooltip say what it is, its range, the weights' step and, for the twin, r.
 */
import type { LabSnapshot, LayerSizes } from '../core/lab/snapshot';
import { UNIT_MAP_GRID } from '../core/experiments/unit-maps';
import { HEAT, layoutNetwork } from './layout';
import { SceneOverlay } from './scene-overlay';

/** The thumbnails' words (the page's language), filled per unit. */
export interface UnitMapWords {
  /** Left thumbnail: ANN unit `unit` (h[2]), its largest activation, the weights' step. */
  ann(unit: string, max: number, step: number): string;
  /** Right thumbnail: the twin's largest rate (Hz), the step of its weights (-1: none yet), r (NaN: no variation). */
  snn(unit: string, maxHz: number, step: number, r: number): string;
}

/** Largest thumbnail side, design units (a scene is 640 x 420). */
const MAX_SIDE = 34;

export class UnitMapsView {
  private readonly overlay: SceneOverlay;
  private readonly ann: HTMLCanvasElement[] = [];
  private readonly snn: HTMLCanvasElement[] = [];
  private readonly image: ImageData;
  private annDrawn = -1;
  private snnDrawn = -1;

  /**
   * @param host the ANN scene's canvas host
   * @param sizes the network's layer sizes; thumbnails for the first hidden layer
   */
  constructor(
    host: HTMLElement,
    readonly sizes: LayerSizes,
    private readonly words: UnitMapWords,
  ) {
    this.overlay = new SceneOverlay(host, 'unit-maps');
    const g = UNIT_MAP_GRID;
    this.image = new ImageData(g, g);
    const [d, h] = sizes;
    const { xy, radius, columnX } = layoutNetwork(sizes);
    const spacing = h > 1 ? xy[2 * (d + 1) + 1] - xy[2 * d + 1] : 2 * MAX_SIDE;
    const side = Math.max(8, Math.min(MAX_SIDE, spacing * 0.84));
    for (let j = 0; j < h; j++) {
      const pair = document.createElement('div');
      pair.className = 'unit-map-pair';
      pair.dataset.unit = String(j);
      const gap = Math.max(1, side * 0.08);
      Object.assign(pair.style, {
        position: 'absolute',
        left: `${columnX[1] - radius[1] - 5 - 2 * side - gap}px`,
        top: `${xy[2 * (d + j) + 1] - side / 2}px`,
        width: `${2 * side + gap}px`,
        height: `${side}px`,
        display: 'flex',
        gap: `${gap}px`,
      });
      for (const [list, kind] of [[this.ann, 'ann'], [this.snn, 'snn']] as const) {
        const c = document.createElement('canvas');
        c.width = g;
        c.height = g;
        c.className = `unit-map unit-map-${kind}`;
        c.setAttribute('role', 'img');
        Object.assign(c.style, { width: `${side}px`, height: `${side}px`, imageRendering: 'pixelated', pointerEvents: 'auto' });
        list.push(c);
        pair.appendChild(c);
      }
      this.overlay.root.appendChild(pair);
    }
  }

  /** Paints the maps that changed since the last call. */
  update(s: LabSnapshot): void {
    if (!s.unitMapsAnn.length) return;
    const cells = UNIT_MAP_GRID * UNIT_MAP_GRID;
    const h = this.sizes[1];
    if (s.annRegionsVersion !== this.annDrawn) {
      this.annDrawn = s.annRegionsVersion;
      for (let j = 0; j < h; j++) {
        const max = this.paint(this.ann[j], s.unitMapsAnn, j * cells);
        this.label(this.ann[j], this.words.ann(`h[${j}]`, max, s.annRegionsStep));
      }
    }
    if (s.snnRegionsVersion !== this.snnDrawn) {
      this.snnDrawn = s.snnRegionsVersion;
      for (let j = 0; j < h; j++) {
        const max = this.paint(this.snn[j], s.unitMapsSnn, j * cells);
        this.label(this.snn[j], this.words.snn(`h[${j}]`, max, s.snnRegionsStep, s.unitMapsR[j]));
      }
    }
  }

  /** One map (cells from `offset`) into its canvas, 0 .. its maximum on the heat table; returns the maximum. */
  private paint(canvas: HTMLCanvasElement, maps: Float64Array, offset: number): number {
    const cells = UNIT_MAP_GRID * UNIT_MAP_GRID;
    let max = 0;
    for (let c = 0; c < cells; c++) if (maps[offset + c] > max) max = maps[offset + c];
    const px = this.image.data;
    for (let c = 0; c < cells; c++) {
      const t = max > 0 ? maps[offset + c] / max : 0;
      const color = HEAT[t <= 0 ? 0 : t >= 1 ? 255 : (t * 255) | 0];
      px[4 * c] = (color >> 16) & 255;
      px[4 * c + 1] = (color >> 8) & 255;
      px[4 * c + 2] = color & 255;
      px[4 * c + 3] = 255;
    }
    canvas.getContext('2d')?.putImageData(this.image, 0, 0);
    return max;
  }

  private label(canvas: HTMLCanvasElement, text: string): void {
    if (canvas.title === text) return;
    canvas.title = text;
    canvas.setAttribute('aria-label', text);
  }

  /** The thumbnails' accessible names, for tests: [ann, snn] per hidden unit. */
  labels(): [string, string][] {
    return this.ann.map((c, j) => [c.title, this.snn[j].title]);
  }

  destroy(): void {
    this.overlay.destroy();
  }
}
