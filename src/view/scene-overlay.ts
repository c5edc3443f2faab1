/**
 * A DOM layer over a network scene, in the scene's design units: an element of SCENE_WIDTH x
 * SCENE_HEIGHT CSS pixels scaled and centred exactly as `fitScene` scales the Pixi content, so a
 * child placed at design coordinates (x, y) sits over the neuron drawn there. DOM rather than
 * Pixi for what needs tooltips, focus and accessible names (unit maps, editable edges).
 */
import { SCENE_HEIGHT, SCENE_WIDTH } from './layout';

export class SceneOverlay {
  readonly root: HTMLDivElement;
  private readonly observer: ResizeObserver;

  /** @param host the scene's canvas host (position: relative) */
  constructor(
    private readonly host: HTMLElement,
    className: string,
  ) {
    this.root = document.createElement('div');
    this.root.className = `scene-overlay ${className}`;
    Object.assign(this.root.style, { position: 'absolute', left: '0', top: '0', width: `${SCENE_WIDTH}px`, height: `${SCENE_HEIGHT}px`, transformOrigin: '0 0', pointerEvents: 'none' });
    host.appendChild(this.root);
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(host);
    this.fit();
  }

  /** The scale of fitScene for the host's size now (CSS pixels per design unit). */
  get scale(): number {
    return Math.min(this.host.clientWidth / SCENE_WIDTH, this.host.clientHeight / SCENE_HEIGHT) || 1;
  }

  /** Follows the host's size: scale min(w / W, h / H), centred (text-fit.ts fitScene). */
  fit(): void {
    const w = this.host.clientWidth, h = this.host.clientHeight;
    const s = this.scale;
    this.root.style.transform = `translate(${(w - SCENE_WIDTH * s) / 2}px, ${(h - SCENE_HEIGHT * s) / 2}px) scale(${s})`;
  }

  destroy(): void {
    this.observer.disconnect();
    this.root.remove();
  }
}
