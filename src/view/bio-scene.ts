/**
 * The biological network, drawn as neurons: for every synapse a dendrite branch on the
 * postsynaptic cell (thickness = |w|, colour = sign: excitatory warm, inhibitory cool), the soma
 * (colour = membrane potential, a ring that flashes on each spike) and the axon, down which each
 * spike travels as a dot taking the synaptic delay (in ms of biology) to reach the terminals,
 * lighting the axon behind it; the lit axon fades over about 10 frames (axon-trails.ts).
 *
 * Static geometry (axon trunks and collaterals) is drawn once. Per frame only tint, alpha,
 * size and position change; spike dots come from a fixed pool. Reads the lab snapshot, never
 * writes it.
 * A large network (more than DENSE_NEURONS) draws its wiring and dendrites as one image redrawn
 * when the weights change (at most every EDGE_REFRESH_MS), its big layer's somas as a strip of
 * colours (a spike flashes its row) and at most DENSE_DOT_POOL dots (dense.ts).
 */
import { Container, Graphics, Sprite, Text, Texture, type FederatedPointerEvent } from 'pixi.js';
import type { LabSnapshot, LayerSizes } from '../core/lab/snapshot';
import { DENSE_NEURONS, EdgeImage, LayerStrip, STRIP_NEURONS } from './dense';
import { NEGATIVE_COLOR, POSITIVE_COLOR, SCENE_HEIGHT, SCENE_WIDTH, heat, layoutNetwork, type NetworkLayout } from './layout';
import { AxonTrails } from './axon-trails';
import { disc, discHitArea } from './discs';
import { addColumnCaptions, fitCaptions, fitScene } from './text-fit';

/** Spike dots in flight at most (older ones are recycled). */
const DOT_POOL = 384;
/** The same in a large network (each dot is drawn on its own). */
const DENSE_DOT_POOL = 64;
/** Colours of the static wiring and of a spike's flash. */
const WIRE_COLOR = 0x8a8f98;
const FLASH_COLOR = 0xfff2a8;
/** Radius of a spike dot, design units (the scene is 1000 units wide). */
const DOT_RADIUS = 4.5;
/** Fraction of the gap between two columns at which axon terminals meet dendrite tips. */
const GAP = 0.52;

export class BioScene {
  /** The scene's root: add it to a stage. */
  readonly view = new Container();
  private readonly layout: NetworkLayout;
  private readonly n: number;
  private readonly dendrites: Sprite[] = [];
  /** Dendrite j <- i of synapse s: presynaptic layer (0 or 1) and weight index into w1 / w2. */
  private readonly synLayer: Uint8Array;
  private readonly synWeight: Int32Array;
  /** Soma and flash circles of neuron i, or null for a neuron drawn in its layer's strip. */
  private readonly somas: (Sprite | null)[] = [];
  private readonly flashes: (Sprite | null)[] = [];
  /** Dense networks: wiring and dendrites as one image, their segments (x0, y0, x1, y1), each layer's strip or null. */
  private readonly dense: boolean;
  private readonly edgeImage: EdgeImage | null = null;
  private readonly wireXY: number[] = [];
  private readonly dendriteXY: number[] = [];
  private edgesVersion = -1;
  private readonly strips: (LayerStrip | null)[] = [null, null, null];
  private readonly dotPool: number;
  private readonly flashAlpha: Float64Array;
  private readonly dots: Sprite[] = [];
  /** The spike trails along the axons (axon-trails.ts; none in a large network). */
  private readonly trails: AxonTrails;
  private readonly dotNeuron: Int32Array;
  private readonly dotStartMs: Float64Array;
  /** Fraction of the axon each dot has travelled at the last update: (t - t_spike) / delay. */
  private readonly dotProgress: Float64Array;
  /** Axon trunk end (terminal branching point) per neuron: x, y. */
  private readonly axonEnd: Float64Array;
  private dotNext = 0;
  private seenSpikes = 0;
  private weightsSeen = -1;
  private readonly selectedRing = new Graphics();
  /** The three column captions (inputs, hidden, outputs). */
  private readonly captions: Text[] = [];
  private readonly content = new Container();

  /**
   * @param sizes layer sizes [D, H, K]
   * @param onSelect called with a neuron index when a soma is hovered or tapped
   * @param onInspect called with a neuron index when a soma is clicked or tapped (the inspector)
   */
  constructor(
    readonly sizes: LayerSizes,
    private readonly onSelect: (neuron: number) => void,
    labels: { inputs: string; hidden: string; outputs: string },
    private readonly onInspect: (neuron: number) => void = () => {},
  ) {
    const [d, h, k] = sizes;
    this.n = d + h + k;
    this.layout = layoutNetwork(sizes);
    const { xy, radius, columnX } = this.layout;
    this.view.addChild(this.content);
    this.flashAlpha = new Float64Array(this.n);
    this.axonEnd = new Float64Array(2 * this.n);
    this.dense = this.n > DENSE_NEURONS;
    this.dotPool = this.dense ? DENSE_DOT_POOL : DOT_POOL;
    this.dotNeuron = new Int32Array(this.dotPool).fill(-1);
    this.dotStartMs = new Float64Array(this.dotPool);
    this.dotProgress = new Float64Array(this.dotPool);
    if (this.dense) {
      this.edgeImage = new EdgeImage(SCENE_WIDTH, SCENE_HEIGHT);
      this.content.addChild(this.edgeImage.sprite);
    }

    // Static wiring: axon trunks from each soma to its terminal point, collaterals to dendrite tips.
    const wires = new Graphics();
    const nSyn = d * h + h * k;
    this.synLayer = new Uint8Array(nSyn);
    this.synWeight = new Int32Array(nSyn);
    const tips: number[] = [];
    const thin = this.n > 120 ? 0.3 : 1;
    let s = 0;
    for (let l = 0; l < 2; l++) {
      const preOff = l === 0 ? 0 : d;
      const postOff = l === 0 ? d : d + h;
      const nPre = sizes[l];
      const nPost = sizes[l + 1];
      const gx = columnX[l] + GAP * (columnX[l + 1] - columnX[l]);
      for (let i = 0; i < nPre; i++) {
        const pre = preOff + i;
        this.axonEnd[2 * pre] = gx;
        this.axonEnd[2 * pre + 1] = xy[2 * pre + 1];
        wires.moveTo(xy[2 * pre] + radius[l], xy[2 * pre + 1]).lineTo(gx, xy[2 * pre + 1]);
        this.wireXY.push(xy[2 * pre] + radius[l], xy[2 * pre + 1], gx, xy[2 * pre + 1]);
      }
      wires.stroke({ width: 1.5 * thin, color: 0x8a8f98, alpha: 0.9 });
      for (let i = 0; i < nPre; i++) {
        for (let j = 0; j < nPost; j++, s++) {
          const pre = preOff + i;
          const post = postOff + j;
          const yp = xy[2 * pre + 1];
          const yq = xy[2 * post + 1];
          // Dendrite tip: between the terminal and the soma, fanned toward the presynaptic cell.
          const tx = gx + 0.45 * (xy[2 * post] - radius[l + 1] - gx);
          const ty = yq + 0.35 * (yp - yq);
          tips.push(tx, ty);
          wires.moveTo(gx, yp).lineTo(tx, ty);
          this.wireXY.push(gx, yp, tx, ty);
          this.synLayer[s] = l;
          this.synWeight[s] = i * nPost + j;
        }
      }
      wires.stroke({ width: 0.6 * thin, color: 0x8a8f98, alpha: 0.35 });
    }
    // Outputs: a short axon leaving the scene to the right.
    for (let j = 0; j < k; j++) {
      const o = d + h + j;
      this.axonEnd[2 * o] = SCENE_WIDTH - 8;
      this.axonEnd[2 * o + 1] = xy[2 * o + 1];
      wires.moveTo(xy[2 * o] + radius[2], xy[2 * o + 1]).lineTo(SCENE_WIDTH - 8, xy[2 * o + 1]);
      this.wireXY.push(xy[2 * o] + radius[2], xy[2 * o + 1], SCENE_WIDTH - 8, xy[2 * o + 1]);
    }
    wires.stroke({ width: 1.5, color: 0x8a8f98, alpha: 0.9 });
    // A dense network draws the same segments into its edge image instead.
    if (this.dense) wires.destroy();
    else this.content.addChild(wires);

    // Dendrites: one white sprite per synapse, from the postsynaptic soma to its tip.
    s = 0;
    for (let l = 0; l < 2; l++) {
      const postOff = l === 0 ? d : d + h;
      for (let i = 0; i < sizes[l]; i++) {
        for (let j = 0; j < sizes[l + 1]; j++, s++) {
          const post = postOff + j;
          const x0 = xy[2 * post];
          const y0 = xy[2 * post + 1];
          if (this.dense) {
            this.dendriteXY.push(x0, y0, tips[2 * s], tips[2 * s + 1]);
            continue;
          }
          const dx = tips[2 * s] - x0;
          const dy = tips[2 * s + 1] - y0;
          const sprite = new Sprite(Texture.WHITE);
          sprite.anchor.set(0, 0.5);
          sprite.position.set(x0, y0);
          sprite.rotation = Math.atan2(dy, dx);
          sprite.width = Math.hypot(dx, dy);
          sprite.height = 1;
          this.dendrites.push(sprite);
          this.content.addChild(sprite);
        }
      }
    }

    // Somas and spike flashes; a dense network's big layers as strips (hover selects, a tap inspects).
    for (let l = 0; l < 3; l++) {
      if (!this.dense || sizes[l] <= STRIP_NEURONS) continue;
      const first = l === 0 ? 0 : l === 1 ? d : d + h;
      const strip = new LayerStrip(sizes[l], columnX[l], xy[2 * first + 1], xy[2 * (first + sizes[l] - 1) + 1], Math.max(4, 2 * radius[l]));
      const at = (ev: FederatedPointerEvent): number => first + strip.indexAt(strip.hit.toLocal(ev.global).y);
      strip.hit.on('pointermove', (ev: FederatedPointerEvent) => this.onSelect(at(ev)));
      strip.hit.on('pointertap', (ev: FederatedPointerEvent) => {
        const i = at(ev);
        this.onSelect(i);
        this.onInspect(i);
      });
      this.strips[l] = strip;
      this.content.addChild(strip.sprite, strip.hit);
    }
    for (let i = 0; i < this.n; i++) {
      const l = i < d ? 0 : i < d + h ? 1 : 2;
      const r = radius[l];
      if (this.strips[l]) {
        this.somas.push(null);
        this.flashes.push(null);
        continue;
      }
      const x = xy[2 * i];
      const y = xy[2 * i + 1];
      const flash = disc(r * 1.7);
      flash.tint = FLASH_COLOR;
      flash.position.set(x, y);
      flash.alpha = 0;
      const soma = disc(r, Math.min(1.5, r / 3));
      soma.position.set(x, y);
      soma.eventMode = 'static';
      soma.cursor = 'pointer';
      soma.hitArea = discHitArea(soma, Math.max(r, 8));
      soma.on('pointerover', () => this.onSelect(i));
      soma.on('pointertap', () => {
        this.onSelect(i);
        this.onInspect(i);
      });
      this.flashes.push(flash);
      this.somas.push(soma);
      this.content.addChild(flash);
    }
    for (const soma of this.somas) if (soma) this.content.addChild(soma);

    this.trails = new AxonTrails(this.content, xy, this.axonEnd, this.dense ? 0 : this.n, FLASH_COLOR);
    for (let p = 0; p < this.dotPool; p++) {
      const dot = disc(DOT_RADIUS);
      dot.tint = FLASH_COLOR;
      dot.visible = false;
      this.dots.push(dot);
      this.content.addChild(dot);
    }
    this.selectedRing.circle(0, 0, 1).stroke({ width: 0.15, color: 0xffffff });
    this.selectedRing.visible = false;
    this.content.addChild(this.selectedRing);

    this.captions.push(...addColumnCaptions(this.content, [labels.inputs, labels.hidden, labels.outputs], columnX));
  }

  /**
   * Scales the scene to a canvas of `width` x `height` CSS pixels, centred; captions stay
   * readable (11 px x `fontScale` on screen at least: the page's font size over 14 px).
   */
  resize(width: number, height: number, fontScale = 1): void {
    const scale = fitScene(this.content, width, height);
    fitCaptions(this.captions, this.layout.columnX, scale, fontScale);
  }

  /** Renders a snapshot: weights (when they changed), potentials, flashes, spike dots, selection. */
  update(s: LabSnapshot, selected: number): void {
    const img = this.edgeImage;
    if (img?.drawing) img.advance();
    else if (img && s.weightsVersion !== this.edgesVersion && img.due(performance.now(), this.edgesVersion < 0)) this.drawEdges(img, s);
    if (!img && s.weightsVersion !== this.weightsSeen) {
      this.weightsSeen = s.weightsVersion;
      const m0 = s.maxAbsW[0] || 1;
      const m1 = s.maxAbsW[1] || 1;
      const maxWidth = this.n > 120 ? 2 : 6;
      for (let q = 0; q < this.dendrites.length; q++) {
        const w = this.synLayer[q] === 0 ? s.w1[this.synWeight[q]] : s.w2[this.synWeight[q]];
        const m = this.synLayer[q] === 0 ? m0 : m1;
        const sprite = this.dendrites[q];
        sprite.height = 0.5 + (maxWidth * Math.abs(w)) / m;
        sprite.tint = w >= 0 ? POSITIVE_COLOR : NEGATIVE_COLOR;
        sprite.alpha = 0.35 + (0.65 * Math.abs(w)) / m;
      }
    }

    const vLo = s.vRange[0];
    const vSpan = s.vRange[1] - s.vRange[0] || 1;
    const [d, h] = this.sizes;
    for (let i = 0; i < this.n; i++) {
      const colour = heat((s.v[i] - vLo) / vSpan);
      const a = s.spikedThisFrame[i] ? 1 : this.flashAlpha[i] * 0.8;
      this.flashAlpha[i] = a < 0.02 ? 0 : a;
      const soma = this.somas[i];
      if (soma) {
        soma.tint = colour;
        const flash = this.flashes[i]!;
        flash.alpha = this.flashAlpha[i];
        flash.visible = this.flashAlpha[i] > 0;
      } else {
        const l = i < d ? 0 : i < d + h ? 1 : 2;
        this.strips[l]!.set(i - (l === 0 ? 0 : l === 1 ? d : d + h), this.flashAlpha[i] > 0.3 ? FLASH_COLOR : colour);
      }
    }
    for (const strip of this.strips) strip?.commit();

    // New spikes launch dots (the ring may have wrapped: only the last SPIKE capacity are there).
    const cap = s.spikeTimeMs.length;
    if (s.spikeHead < this.seenSpikes) this.seenSpikes = 0; // the lab was reset
    if (s.spikeHead - this.seenSpikes > this.dotPool) this.seenSpikes = s.spikeHead - this.dotPool;
    for (let e = this.seenSpikes; e < s.spikeHead; e++) {
      const slot = this.dotNext;
      this.dotNext = (slot + 1) % this.dotPool;
      this.dotNeuron[slot] = s.spikeNeuron[e % cap];
      this.dotStartMs[slot] = s.spikeTimeMs[e % cap];
      this.trails.launch(this.dotNeuron[slot]);
    }
    this.seenSpikes = s.spikeHead;
    const delay = s.delayMs > 0 ? s.delayMs : 1;
    const { xy } = this.layout;
    for (let p = 0; p < this.dotPool; p++) {
      const i = this.dotNeuron[p];
      const dot = this.dots[p];
      if (i < 0 || i >= this.n) {
        dot.visible = false;
        continue;
      }
      const u = (s.bioTimeMs - this.dotStartMs[p]) / delay;
      if (u > 1 || u < 0) {
        this.dotNeuron[p] = -1;
        dot.visible = false;
        if (u > 1) this.trails.reached(i, 1); // delivered: the whole axon lit behind it
        continue;
      }
      const x0 = xy[2 * i];
      const y0 = xy[2 * i + 1];
      this.dotProgress[p] = u;
      dot.visible = true;
      dot.position.set(x0 + (this.axonEnd[2 * i] - x0) * u, y0 + (this.axonEnd[2 * i + 1] - y0) * u);
      this.trails.reached(i, u); // lit from the soma up to the dot
    }

    this.trails.update();

    if (selected >= 0 && selected < this.n) {
      const l = selected < this.sizes[0] ? 0 : selected < this.sizes[0] + this.sizes[1] ? 1 : 2;
      this.selectedRing.visible = true;
      this.selectedRing.position.set(xy[2 * selected], xy[2 * selected + 1]);
      this.selectedRing.scale.set(this.layout.radius[l] + 4);
    } else this.selectedRing.visible = false;
  }

  /** The spike trails on screen at the last update (axon-trails.ts; for tests). */
  trailsShown(): { neuron: number; alpha: number; length: number; axon: number }[] {
    return this.trails.shown();
  }

  /**
   * The spike dots on their way at the last update: neuron, spike time (ms) and the fraction of
   * the axon travelled (for tests; allocates).
   */
  flights(): { neuron: number; spikeMs: number; u: number }[] {
    const out: { neuron: number; spikeMs: number; u: number }[] = [];
    for (let p = 0; p < this.dotPool; p++) if (this.dots[p].visible) out.push({ neuron: this.dotNeuron[p], spikeMs: this.dotStartMs[p], u: this.dotProgress[p] });
    return out;
  }

  /** Where soma `i` is drawn, in canvas CSS pixels (for tests and tours). */
  somaPosition(i: number): { x: number; y: number } {
    const p = this.content.toGlobal({ x: this.layout.xy[2 * i], y: this.layout.xy[2 * i + 1] });
    return { x: p.x, y: p.y };
  }

  /** A dense network's wiring (grey) and dendrites (by weight) into its edge image (drawn over the next frames). */
  private drawEdges(img: EdgeImage, s: LabSnapshot): void {
    this.edgesVersion = s.weightsVersion;
    img.begin(performance.now());
    const w = this.wireXY;
    for (let q = 0; q < w.length; q += 4) img.line(w[q], w[q + 1], w[q + 2], w[q + 3], 0, 2, WIRE_COLOR, 0.35);
    const m0 = s.maxAbsW[0] || 1;
    const m1 = s.maxAbsW[1] || 1;
    const t = this.dendriteXY;
    for (let q = 0; q < this.synLayer.length; q++) {
      const wq = this.synLayer[q] === 0 ? s.w1[this.synWeight[q]] : s.w2[this.synWeight[q]];
      const u = Math.abs(wq) / (this.synLayer[q] === 0 ? m0 : m1);
      img.line(t[4 * q], t[4 * q + 1], t[4 * q + 2], t[4 * q + 3], 2 * u, 2, wq >= 0 ? POSITIVE_COLOR : NEGATIVE_COLOR, 0.35 + 0.65 * u);
    }
    img.start(2);
    img.advance();
  }

  /** Removes the scene and frees its display objects. */
  destroy(): void {
    for (const soma of this.somas) soma?.removeAllListeners();
    for (const strip of this.strips) strip?.destroy();
    this.edgeImage?.destroy();
    this.view.destroy({ children: true });
  }
}
