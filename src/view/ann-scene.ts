/**
 * The artificial network with the same layer sizes as the biological one: nodes coloured by
 * their activation for the probe input, edges coloured by the sign of the weight and as thick
 * as its magnitude. While training, a forward sweep (layer 1 edges, then layer 2, lit by the
 * signal w * a they carry) and then a backward sweep (layer 2, then layer 1, lit by the sign of
 * the last weight change, i.e. of -gradient) run along the edges. Next to each node: its
 * activation and, after the slash, the spike count of the matching spiking neuron in the last
 * window, grey when that window ran other weights, their step said once under the scene (paired-numbers.ts);
 * an input node shows what it carries under the encoding (x, or x and its Poisson rate).
 * A large network (more than DENSE_NEURONS) draws its edges as one image redrawn when the
 * weights change (at most every EDGE_REFRESH_MS; no sweep) and its big layer as a strip of
 * colours (dense.ts): one sprite per edge costs seconds per frame under software WebGL.
 */
import { Container, Sprite, Text, Texture, type FederatedPointerEvent } from 'pixi.js';
import type { LabSnapshot, LayerSizes } from '../core/lab/snapshot';
import { DENSE_NEURONS, EdgeImage, LayerStrip, STRIP_NEURONS } from './dense';
import { disc, discHitArea } from './discs';
import { NEGATIVE_COLOR, POSITIVE_COLOR, SCENE_HEIGHT, SCENE_WIDTH, heat, layoutNetwork, type NetworkLayout } from './layout';
import { LABEL_INK, LABEL_STALE, pairedLabel, staleLine } from './paired-numbers';
import { addColumnCaptions, fitCaptions, fitScene } from './text-fit';

/** Labels are drawn only for networks this small (text is costly to re-render). */
const MAX_LABELLED = 48;
/** Frames between label refreshes. */
const LABEL_EVERY = 8;
/** Frames per sweep phase (forward L1, forward L2, backward L2, backward L1). */
const SWEEP_FRAMES = 12;

export class AnnScene {
  readonly view = new Container();
  private readonly content = new Container();
  private readonly layout: NetworkLayout;
  private readonly n: number;
  private readonly edges: Sprite[] = [];
  private readonly edgeLayer: Uint8Array;
  private readonly edgeWeight: Int32Array;
  private readonly edgePre: Int32Array;
  /** Node i's circle, or null for a node drawn in its layer's strip. */
  private readonly nodes: (Sprite | null)[] = [];
  /** Dense networks: the edges as one image, their end points (x0, y0, x1, y1 per edge), the weights drawn; each layer's strip or null. */
  private readonly dense: boolean;
  private readonly edgeImage: EdgeImage | null = null;
  private readonly edgeXY: Float64Array;
  private edgesVersion = -1;
  private readonly strips: (LayerStrip | null)[] = [null, null, null];
  private readonly labels: Text[] = [];
  /** The three column captions (inputs, hidden, outputs). */
  private readonly captions: Text[] = [];
  private frame = 0;
  /** Under the scene while counts are stale: which step's weights the grey counts ran. */
  private readonly staleWords: string;
  private readonly staleText = new Text({ text: '', style: { fontSize: 11, fill: 0x9aa3ae, fontFamily: 'system-ui, sans-serif' } });
  /**
   * The sweep's direction in words under the lit layer ("forward →", then "← backward"): it moves
   * left to right with the activations and right to left with the gradients.
   */
  private readonly sweepLabel = new Text({ text: '', style: { fontSize: 12, fill: 0xfff2a8, fontFamily: 'system-ui, sans-serif', stroke: { color: 0x15171c, width: 3, join: 'round' as const } } });
  private readonly sweepWords: [string, string];
  private lastStep = -1;
  private sweepFrame = -1;

  constructor(
    readonly sizes: LayerSizes,
    private readonly onSelect: (neuron: number) => void,
    captions: { inputs: string; hidden: string; outputs: string; staleCounts?: string; forward?: string; backward?: string },
    /** Called with a node's index when it is clicked or tapped (the inspector). */
    private readonly onInspect: (neuron: number) => void = () => {},
  ) {
    const [d, h, k] = sizes;
    this.n = d + h + k;
    this.staleWords = captions.staleCounts ?? 'grey counts: weights of step';
    this.sweepWords = [`${captions.forward ?? 'forward'} →`, `← ${captions.backward ?? 'backward'}`];
    this.layout = layoutNetwork(sizes);
    const { xy, radius, columnX } = this.layout;
    this.view.addChild(this.content);
    const nEdges = d * h + h * k;
    this.dense = this.n > DENSE_NEURONS;
    this.edgeXY = new Float64Array(this.dense ? 4 * nEdges : 0);
    if (this.dense) {
      this.edgeImage = new EdgeImage(SCENE_WIDTH, SCENE_HEIGHT);
      this.content.addChild(this.edgeImage.sprite);
    }
    this.edgeLayer = new Uint8Array(nEdges);
    this.edgeWeight = new Int32Array(nEdges);
    this.edgePre = new Int32Array(nEdges);
    let e = 0;
    for (let l = 0; l < 2; l++) {
      const preOff = l === 0 ? 0 : d;
      const postOff = l === 0 ? d : d + h;
      for (let i = 0; i < sizes[l]; i++) {
        for (let j = 0; j < sizes[l + 1]; j++, e++) {
          const a = preOff + i;
          const b = postOff + j;
          this.edgeLayer[e] = l;
          this.edgeWeight[e] = i * sizes[l + 1] + j;
          this.edgePre[e] = a;
          if (this.dense) {
            this.edgeXY.set([xy[2 * a], xy[2 * a + 1], xy[2 * b], xy[2 * b + 1]], 4 * e);
            continue;
          }
          const dx = xy[2 * b] - xy[2 * a];
          const dy = xy[2 * b + 1] - xy[2 * a + 1];
          const sprite = new Sprite(Texture.WHITE);
          sprite.anchor.set(0, 0.5);
          sprite.position.set(xy[2 * a], xy[2 * a + 1]);
          sprite.rotation = Math.atan2(dy, dx);
          sprite.width = Math.hypot(dx, dy);
          sprite.height = 1;
          this.edges.push(sprite);
          this.content.addChild(sprite);
        }
      }
    }
    // A dark outline keeps the numbers legible where they cross edges.
    const style = { fontSize: 11, fill: 0xe6e9ef, fontFamily: 'ui-monospace, monospace', stroke: { color: 0x15171c, width: 3, join: 'round' as const } };
    for (let l = 0; l < 3; l++) {
      if (!this.dense || sizes[l] <= STRIP_NEURONS) continue;
      const first = l === 0 ? 0 : l === 1 ? d : d + h;
      const strip = new LayerStrip(sizes[l], columnX[l], xy[2 * first + 1], xy[2 * (first + sizes[l] - 1) + 1], Math.max(4, 2 * radius[l]));
      strip.hit.on('pointertap', (ev: FederatedPointerEvent) => {
        const i = first + strip.indexAt(strip.hit.toLocal(ev.global).y);
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
        this.nodes.push(null);
        continue;
      }
      const node = disc(r, Math.min(1.5, r / 3));
      node.position.set(xy[2 * i], xy[2 * i + 1]);
      node.eventMode = 'static';
      node.cursor = 'pointer';
      node.hitArea = discHitArea(node, Math.max(r, 8));
      node.on('pointertap', () => {
        this.onSelect(i);
        this.onInspect(i);
      });
      this.nodes.push(node);
      this.content.addChild(node);
      if (this.n <= MAX_LABELLED) {
        const t = new Text({ text: '', style });
        // Beside the node, level with it (above it the top label would meet the column caption):
        // right of inputs and hidden nodes, left of outputs.
        t.anchor.set(l === 2 ? 1 : 0, 0.5);
        t.position.set(xy[2 * i] + (l === 2 ? -(r + 4) : r + 4), xy[2 * i + 1]);
        this.labels.push(t);
        this.content.addChild(t);
      }
    }
    this.captions.push(...addColumnCaptions(this.content, [captions.inputs, captions.hidden, captions.outputs], columnX));
    this.sweepLabel.anchor.set(0.5, 1);
    this.sweepLabel.position.set(SCENE_WIDTH / 2, SCENE_HEIGHT - 2);
    this.sweepLabel.visible = false;
    this.content.addChild(this.sweepLabel);
    this.staleText.anchor.set(0, 1);
    this.staleText.position.set(4, SCENE_HEIGHT - 2);
    if (this.labels.length) this.content.addChild(this.staleText);
  }

  /**
   * Scales the scene to a canvas of `width` x `height` CSS pixels, centred. Text keeps a readable
   * size on screen (captions 11 px, node labels 10 px, times `fontScale`, the page's font size
   * over 14 px: presenter mode) however small the scene is drawn, as far as the rows leave room.
   */
  resize(width: number, height: number, fontScale = 1): void {
    const scale = fitScene(this.content, width, height);
    fitCaptions(this.captions, this.layout.columnX, scale, fontScale);
    if (this.labels.length) {
      // Node labels: 11 design units; at least 10 px on screen, but no taller than a row allows.
      const rowRoom = (SCENE_HEIGHT - 42) / Math.max(this.sizes[0], this.sizes[1], this.sizes[2]);
      const f = Math.max(1, Math.min((10 * fontScale) / (11 * scale), rowRoom / 14, 2.4));
      for (const t of this.labels) t.scale.set(f);
    }
    this.sweepLabel.scale.set(Math.max(1, (11 * fontScale) / (12 * scale)));
    this.staleText.scale.set(Math.max(1, (10 * fontScale) / (11 * scale)));
  }

  /** Renders a snapshot: edges (weights and sweep), node activations, labels. */
  update(s: LabSnapshot): void {
    this.frame++;
    if (s.trainStep !== this.lastStep) {
      if (this.lastStep >= 0 && this.sweepFrame < 0) this.sweepFrame = 0;
      this.lastStep = s.trainStep;
    }
    // Sweep phase: 0 = forward layer 1, 1 = forward layer 2, 2 = backward layer 2, 3 = backward layer 1.
    const phase = this.sweepFrame < 0 ? -1 : (this.sweepFrame / SWEEP_FRAMES) | 0;
    const litLayer = phase === 0 || phase === 3 ? 0 : phase === 1 || phase === 2 ? 1 : -1;
    const m0 = s.maxAbsW[0] || 1;
    const m1 = s.maxAbsW[1] || 1;
    const maxWidth = this.n > 120 ? 2 : 6;
    const img = this.edgeImage;
    if (img?.drawing) img.advance();
    else if (img && s.weightsVersion !== this.edgesVersion && img.due(performance.now(), this.edgesVersion < 0)) {
      this.edgesVersion = s.weightsVersion;
      img.begin(performance.now());
      const xy = this.edgeXY;
      for (let e = 0; e < this.edgeLayer.length; e++) {
        const q = this.edgeWeight[e];
        const w = this.edgeLayer[e] === 0 ? s.w1[q] : s.w2[q];
        const u = Math.abs(w) / (this.edgeLayer[e] === 0 ? m0 : m1);
        img.line(xy[4 * e], xy[4 * e + 1], xy[4 * e + 2], xy[4 * e + 3], maxWidth * u, maxWidth, w >= 0 ? POSITIVE_COLOR : NEGATIVE_COLOR, 0.25 + 0.5 * u);
      }
      img.start(maxWidth);
      img.advance();
    }
    for (let e = 0; e < this.edges.length; e++) {
      const l = this.edgeLayer[e];
      const q = this.edgeWeight[e];
      const w = l === 0 ? s.w1[q] : s.w2[q];
      const m = l === 0 ? m0 : m1;
      const sprite = this.edges[e];
      sprite.height = 0.5 + (maxWidth * Math.abs(w)) / m;
      let sign = w;
      let alpha = 0.25 + (0.5 * Math.abs(w)) / m;
      if (l === litLayer) {
        alpha = 1;
        // Forward: the signal w * a the edge carries; backward: the weight change (-lr * gradient).
        sign = phase <= 1 ? w * s.activation[this.edgePre[e]] : l === 0 ? s.dw1[q] : s.dw2[q];
      }
      sprite.tint = sign >= 0 ? POSITIVE_COLOR : NEGATIVE_COLOR;
      sprite.alpha = alpha;
    }
    // Where the sweep is, in words: under the gap between the lit layer's two columns.
    if (litLayer >= 0 && !this.dense) {
      const text = this.sweepWords[phase <= 1 ? 0 : 1];
      if (this.sweepLabel.text !== text) this.sweepLabel.text = text;
      const cx: readonly number[] = this.layout.columnX;
      this.sweepLabel.x = (cx[litLayer] + cx[litLayer + 1]) / 2;
      this.sweepLabel.visible = true;
    } else this.sweepLabel.visible = false;
    if (this.sweepFrame >= 0 && !this.dense) {
      this.sweepFrame++;
      if (this.sweepFrame >= 4 * SWEEP_FRAMES) this.sweepFrame = -1;
    }

    // Node colour: inputs map [-1, 1] to [0, 1]; hidden activations scaled by the layer max; outputs by softmax-free max |score|.
    const [d, h] = this.sizes;
    let maxHidden = 1e-9;
    for (let i = d; i < d + h; i++) if (s.activation[i] > maxHidden) maxHidden = s.activation[i];
    let maxScore = 1e-9;
    for (let i = d + h; i < this.n; i++) if (Math.abs(s.activation[i]) > maxScore) maxScore = Math.abs(s.activation[i]);
    for (let i = 0; i < this.n; i++) {
      const a = s.activation[i];
      const t = i < d ? (a + 1) / 2 : i < d + h ? a / maxHidden : 0.5 + (0.5 * a) / maxScore;
      const node = this.nodes[i];
      if (node) node.tint = heat(t);
      else this.strips[i < d ? 0 : i < d + h ? 1 : 2]!.set(i < d ? i : i < d + h ? i - d : i - d - h, heat(t));
    }
    for (const strip of this.strips) strip?.commit();
    if (this.labels.length && this.frame % LABEL_EVERY === 1) {
      for (let i = 0; i < this.n; i++) {
        const p = pairedLabel(s, i);
        this.labels[i].text = p.text;
        this.labels[i].tint = p.stale ? LABEL_STALE : LABEL_INK;
      }
      const line = staleLine(s, this.staleWords);
      if (this.staleText.text !== line) this.staleText.text = line;
    }
  }

  /** The sweep's label as drawn at the last update (x in design units), or null when no sweep runs; for tests. */
  sweepShown(): { text: string; x: number } | null {
    return this.sweepLabel.visible ? { text: this.sweepLabel.text, x: this.sweepLabel.x } : null;
  }

  /** The layers' x positions in design units (columns: inputs, hidden, outputs), for tests. */
  columns(): number[] {
    return [...this.layout.columnX];
  }

  /** The line under the scene about stale counts ('' when every pair holds), for tests. */
  staleShown(): string {
    return this.staleText.text;
  }

  /** The node labels as written, with whether each is drawn stale (grey), for tests. */
  labelTexts(): { text: string; stale: boolean }[] {
    return this.labels.map((t) => ({ text: t.text, stale: t.tint === LABEL_STALE }));
  }

  /** Where node `i` is drawn, in canvas CSS pixels (for tests and tours). */
  nodePosition(i: number): { x: number; y: number } {
    const p = this.content.toGlobal({ x: this.layout.xy[2 * i], y: this.layout.xy[2 * i + 1] });
    return { x: p.x, y: p.y };
  }

  destroy(): void {
    for (const node of this.nodes) node?.removeAllListeners();
    for (const strip of this.strips) strip?.destroy();
    this.edgeImage?.destroy();
    this.view.destroy({ children: true });
  }
}
