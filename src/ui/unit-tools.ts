/**
 * The ANN scene's two unit tools, mounted together and fed each drawn frame:
 * - the hidden units' maps over the input plane beside their nodes (view/unit-maps-view.ts), the
 *   ANN unit and its spiking twin side by side, with a line under the scene on how alike they are
 *   (mean and lowest r) or, for a network above UNIT_MAP_MAX_UNITS hidden units, a note instead;
 * - editable edges (edge-select.ts picks, edge-editor.ts edits): a weight set here goes to the
 *   lab in its worker (held between frames, `exclusive`), then the page redraws.
 * Both are rebuilt when the network's shape changes.
 */
import type { LabClient } from '../core/lab/lab-client';
import type { LabSnapshot } from '../core/lab/snapshot';
import { UNIT_MAP_MAX_UNITS } from '../core/experiments/unit-maps';
import { UnitMapsView } from '../view/unit-maps-view';
import { EdgeEditor, weightOf } from './edge-editor';
import { EdgeSelect } from './edge-select';
import type { EdgeRef } from '../core/lab/weight-edit';
import type { Lang } from './i18n';
import { word } from './words';
import '../styles/units.css';

/** What the tools need from the page. */
export interface UnitToolsHost {
  lab: LabClient;
  /** Runs a lab command with the frame loop's requests held. */
  exclusive<T>(command: () => Promise<T>): Promise<T>;
  /** Redraws the page after the lab changed. */
  refresh(): void;
}

/** Frames between rewrites of the edges' accessible names and the note (weights move every frame). */
const LABEL_EVERY = 12;

const fix = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

export class UnitTools {
  private maps: UnitMapsView | null = null;
  private edges: EdgeSelect | null = null;
  private readonly editor: EdgeEditor;
  private readonly note: HTMLParagraphElement;
  private built: LabSnapshot | null = null;
  private frame = 0;

  /**
   * @param scene the ANN scene's canvas host (the overlays go over it)
   */
  constructor(
    private readonly host: UnitToolsHost,
    private readonly scene: HTMLElement,
    private readonly lang: Lang,
  ) {
    this.note = document.createElement('p');
    this.note.id = 'unit-maps-note';
    this.note.className = 'note';
    this.note.setAttribute('aria-live', 'off');
    scene.after(this.note);
    this.editor = new EdgeEditor(this.note.parentElement ?? scene, {
      snapshot: () => this.host.lab.snapshot,
      setWeight: async (e, v) => {
        await this.host.exclusive(() => this.host.lab.setWeight(e, v));
        this.host.refresh();
        this.frame = 0;
        this.update(this.host.lab.snapshot);
      },
      closed: (e) => {
        this.edges?.mark(-1);
        const k = this.edges?.indexOf(e) ?? -1;
        if (k >= 0 && this.scene.contains(document.activeElement) === false) this.edges?.focus(k, true);
      },
    }, lang);
    this.update(host.lab.snapshot);
  }

  /** Builds the overlays for the snapshot's shape (a new snapshot object = a new shape). */
  private build(s: LabSnapshot): void {
    this.editor.close(false);
    this.maps?.destroy();
    this.edges?.destroy();
    this.built = s;
    const h = s.sizes[1];
    // Edges first, thumbnails over them (their tooltips stay reachable where edges cross).
    const show = (e: EdgeRef, preview: boolean): void => {
      this.edges?.mark(this.edges.indexOf(e));
      this.editor.open(e, preview);
    };
    this.edges = new EdgeSelect(this.scene, s.sizes, word(this.lang, 'edgesGroup'), {
      pick: (e) => show(e, false),
      focused: (e) => show(e, true),
      escape: () => this.editor.close(),
    });
    this.maps = s.unitMapsAnn.length ? new UnitMapsView(this.scene, s.sizes, {
      ann: (unit, max, step) => word(this.lang, 'mapAnn', { unit, max: fix(max, 2), step }),
      snn: (unit, max, step, r) => (step < 0
        ? word(this.lang, 'mapSnnWaiting', { unit })
        : word(this.lang, 'mapSnn', { unit, max: fix(max, 0), step, r: Number.isFinite(r) ? fix(r, 3) : word(this.lang, 'mapSilent') })),
    }) : null;
    if (!this.maps) this.note.textContent = word(this.lang, 'mapsTooMany', { max: UNIT_MAP_MAX_UNITS, h });
    this.frame = 0;
  }

  /** Each drawn frame: new maps painted, the editor's value, now and then the edges' names and the note. */
  update(s: LabSnapshot): void {
    if (s !== this.built) this.build(s);
    this.maps?.update(s);
    this.editor.update();
    if (this.frame++ % LABEL_EVERY !== 0) return;
    this.edges?.label((l) => (l === 0 ? s.w1 : s.w2), (w) => String(Math.round(w * 1e4) / 1e4));
    if (this.maps) {
      const text = word(this.lang, 'mapsNote', { summary: this.summary(s) });
      if (this.note.textContent !== text) this.note.textContent = text;
    }
  }

  /** How alike the twins are (r over the units active somewhere on the plane), or that the maps wait for a readout. */
  private summary(s: LabSnapshot): string {
    if (s.snnRegionsStep < 0) return word(this.lang, 'mapsWaiting');
    let n = 0, sum = 0, min = Infinity;
    for (const r of s.unitMapsR) {
      if (!Number.isFinite(r)) continue;
      n++;
      sum += r;
      min = Math.min(min, r);
    }
    return word(this.lang, 'mapsSummary', { step: s.snnRegionsStep, mean: fix(n ? sum / n : NaN, 3), min: fix(min, 3), n, h: s.sizes[1] });
  }

  /** The thumbnails' names ([ann, snn] per unit), the edges and the editor, for tests. */
  parts(): { maps: [string, string][]; edges: EdgeSelect | null; editor: EdgeEditor } {
    return { maps: this.maps?.labels() ?? [], edges: this.edges, editor: this.editor };
  }

  /** The weight of an edge on show, for tests. */
  weight(layer: number, from: number, to: number): number {
    return weightOf(this.host.lab.snapshot, { layer, from, to });
  }

  destroy(): void {
    this.maps?.destroy();
    this.edges?.destroy();
    this.editor.destroy();
    this.note.remove();
  }
}
