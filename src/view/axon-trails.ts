/**
 * Spike trails along the biological scene's axons. Each neuron's axon lights up behind its spike
 * dot as far as the dot has run (all of it once delivered) and fades by TRAIL_DECAY per drawn
 * frame after its last spike (below 5% after 11 frames). At the default 4 ms of biology per frame
 * and a 2 ms delay a dot arrives within its first frame; the trail is what lets the eye follow a
 * spike from soma to terminals. One sprite per neuron, placed once; per frame only its length and
 * alpha change. The scene makes none for a large network (dense.ts), to keep that path cheap.
 */
import { Container, Sprite, Texture } from 'pixi.js';

const TRAIL_DECAY = 0.75;
const TRAIL_WIDTH = 3;
const TRAIL_START_ALPHA = 0.9;

export class AxonTrails {
  private readonly sprites: Sprite[] = [];
  private readonly alpha: Float64Array;
  /** How far along its axon each trail reaches (0..1). */
  private readonly reach: Float64Array;
  private readonly length: Float64Array;

  /**
   * @param from soma centres (x, y per neuron), design units
   * @param to axon trunk ends (x, y per neuron), design units
   * @param n neurons (0: no trails)
   */
  constructor(parent: Container, from: ArrayLike<number>, to: ArrayLike<number>, n: number, colour: number) {
    this.alpha = new Float64Array(n);
    this.reach = new Float64Array(n);
    this.length = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const dx = to[2 * i] - from[2 * i];
      const dy = to[2 * i + 1] - from[2 * i + 1];
      const s = new Sprite(Texture.WHITE);
      s.anchor.set(0, 0.5);
      s.tint = colour;
      s.height = TRAIL_WIDTH;
      s.position.set(from[2 * i], from[2 * i + 1]);
      s.rotation = Math.atan2(dy, dx);
      s.scale.x = 0;
      s.visible = false;
      this.length[i] = Math.hypot(dx, dy);
      this.sprites.push(s);
      parent.addChild(s);
    }
  }

  /** A spike of neuron `i`: its trail at full strength (from the soma, if it had faded out). */
  launch(i: number): void {
    const s = this.sprites[i];
    if (!s) return;
    if (!s.visible) this.reach[i] = 0;
    this.alpha[i] = TRAIL_START_ALPHA;
    s.visible = true;
  }

  /** Neuron `i`'s dot has run fraction `u` of its axon (1: delivered). */
  reached(i: number, u: number): void {
    if (i < this.sprites.length && u > this.reach[i]) this.reach[i] = Math.min(1, u);
  }

  /** One drawn frame: each trail drawn at its reach and alpha, then faded for the next frame. */
  update(): void {
    for (let i = 0; i < this.sprites.length; i++) {
      const s = this.sprites[i];
      if (!s.visible) continue;
      s.scale.x = this.reach[i] * this.length[i];
      s.alpha = this.alpha[i];
      this.alpha[i] *= TRAIL_DECAY; // unless the neuron fires again before the next frame
      if (this.alpha[i] < 0.05 * TRAIL_DECAY) s.visible = false;
    }
  }

  /** The trails on screen at the last update: neuron, alpha, length drawn and the axon's length, design units (for tests; allocates). */
  shown(): { neuron: number; alpha: number; length: number; axon: number }[] {
    const out: { neuron: number; alpha: number; length: number; axon: number }[] = [];
    for (let i = 0; i < this.sprites.length; i++) {
      const s = this.sprites[i];
      if (s.visible) out.push({ neuron: i, alpha: s.alpha, length: s.scale.x, axon: this.length[i] });
    }
    return out;
  }
}
