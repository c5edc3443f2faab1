/**
 * Drawing for large networks (hundreds of neurons, thousands of synapses), where one Pixi object
 * per synapse or per neuron costs the page seconds per frame: under software WebGL (SwiftShader)
 * 10,000 edge sprites took about 2.9 s a frame and 3,000 small circles about 1 s (bench/
 * responsiveness, README). Two cheap stand-ins, each a single textured quad:
 * - `EdgeImage`: all edges drawn with the 2D canvas (Skia on the CPU), grouped by colour,
 *   opacity and width so each group is one path and one stroke; redrawn only when the weights
 *   change, at most every EDGE_REFRESH_MS, EDGE_SEGMENTS_PER_FRAME segments per frame (a redraw
 *   of 10,000 segments in one go took 13-135 ms on the loaded test machine: a long task), and
 *   uploaded once complete (until then the last image stays on show);
 * - `LayerStrip`: a column of many neurons as a 1 x N texture, one texel per neuron, recoloured
 *   every frame (N x 4 bytes uploaded), with hit-testing by row (`indexAt`).
 */
import { BufferImageSource, Container, Rectangle, Sprite, Texture } from 'pixi.js';

/** Networks with more neurons than this are drawn with the stand-ins below. */
export const DENSE_NEURONS = 120;
/** A layer with more neurons than this is drawn as a strip (in a dense network). */
export const STRIP_NEURONS = 24;
/** Shortest time between two redraws of an edge image, ms (weights change every frame while training). */
export const EDGE_REFRESH_MS = 500;
/** Segments stroked per frame while an edge image is being redrawn. */
export const EDGE_SEGMENTS_PER_FRAME = 1500;
/** Canvas pixels per design unit of the edge image (2 looked crisper but cost 10x per redraw and upload). */
const EDGE_RESOLUTION = 1;
/** Opacity levels the edges are grouped into (each group is one stroke). */
const ALPHA_LEVELS = 8;
/** Width levels. */
const WIDTH_LEVELS = 4;

const css = (color: number): string => `#${color.toString(16).padStart(6, '0')}`;

/** All edges of a scene as one image (see the module comment). */
export class EdgeImage {
  readonly sprite: Sprite;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly texture: Texture;
  /** Segment lists per group: [colour][alpha level][width level] -> x0, y0, x1, y1, ... */
  private readonly groups = new Map<number, number[]>();
  private lastDraw = -Infinity;
  /** A redraw in progress: the groups' keys in order, the group and the segment reached, the widest line. */
  private order: number[] = [];
  private groupAt = 0;
  private segmentAt = 0;
  private maxWidth = 1;
  /** Whether a redraw is in progress (`advance` continues it). */
  drawing = false;

  /**
   * @param width scene width in design units
   * @param height scene height in design units
   */
  constructor(width: number, height: number) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = Math.ceil(width * EDGE_RESOLUTION);
    this.canvas.height = Math.ceil(height * EDGE_RESOLUTION);
    // A canvas kept in memory (not on the GPU): uploading it to WebGL is then a plain copy.
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas for the edge image');
    this.ctx = ctx;
    ctx.lineCap = 'butt';
    this.texture = Texture.from(this.canvas);
    this.sprite = new Sprite(this.texture);
    this.sprite.width = width;
    this.sprite.height = height;
    this.sprite.eventMode = 'none';
  }

  /** Whether a new redraw may start: none in progress and EDGE_REFRESH_MS passed since the last one (`force` skips the wait). */
  due(now: number, force = false): boolean {
    return !this.drawing && (force || now - this.lastDraw >= EDGE_REFRESH_MS);
  }

  /** Collects a new image: clears the segment groups (add segments with `line`, then `start`). */
  begin(now: number): void {
    this.lastDraw = now;
    for (const g of this.groups.values()) g.length = 0;
  }

  /**
   * Adds a segment from (x0, y0) to (x1, y1) in design units, `width` design units wide (up to
   * `maxWidth`), of colour `color` at opacity `alpha` in [0, 1].
   */
  line(x0: number, y0: number, x1: number, y1: number, width: number, maxWidth: number, color: number, alpha: number): void {
    const a = Math.max(0, Math.min(ALPHA_LEVELS - 1, Math.round(alpha * (ALPHA_LEVELS - 1))));
    const w = Math.max(0, Math.min(WIDTH_LEVELS - 1, Math.round((width / maxWidth) * (WIDTH_LEVELS - 1))));
    const key = color * ALPHA_LEVELS * WIDTH_LEVELS + a * WIDTH_LEVELS + w;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = []));
    g.push(x0, y0, x1, y1);
  }

  /** Starts drawing the segments collected (`maxWidth`: the widest line, design units); `advance` draws them. */
  start(maxWidth: number): void {
    this.maxWidth = maxWidth;
    this.order = [...this.groups.keys()].filter((k) => this.groups.get(k)!.length > 0);
    this.groupAt = 0;
    this.segmentAt = 0;
    this.drawing = true;
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Strokes up to `segments` more segments; when all are drawn, uploads the image. Returns whether it is done. */
  advance(segments = EDGE_SEGMENTS_PER_FRAME): boolean {
    if (!this.drawing) return true;
    const ctx = this.ctx;
    const r = EDGE_RESOLUTION;
    let budget = segments;
    while (budget > 0 && this.groupAt < this.order.length) {
      const key = this.order[this.groupAt];
      const g = this.groups.get(key)!;
      const w = key % WIDTH_LEVELS;
      const a = Math.floor(key / WIDTH_LEVELS) % ALPHA_LEVELS;
      ctx.strokeStyle = css(Math.floor(key / (WIDTH_LEVELS * ALPHA_LEVELS)));
      ctx.globalAlpha = (a + 1) / ALPHA_LEVELS;
      ctx.lineWidth = Math.max(0.5, (0.3 + (this.maxWidth * w) / (WIDTH_LEVELS - 1)) * r);
      ctx.beginPath();
      const end = Math.min(g.length, this.segmentAt + 4 * budget);
      for (let i = this.segmentAt; i < end; i += 4) {
        ctx.moveTo(g[i] * r, g[i + 1] * r);
        ctx.lineTo(g[i + 2] * r, g[i + 3] * r);
      }
      ctx.stroke();
      budget -= (end - this.segmentAt) / 4;
      this.segmentAt = end;
      if (end >= g.length) {
        this.groupAt++;
        this.segmentAt = 0;
      }
    }
    if (this.groupAt < this.order.length) return false;
    ctx.globalAlpha = 1;
    this.texture.source.update();
    this.drawing = false;
    return true;
  }

  destroy(): void {
    this.sprite.destroy();
    this.texture.destroy(true);
  }
}

/** A column of `count` neurons as a 1 x count texture (see the module comment). */
export class LayerStrip {
  readonly sprite: Sprite;
  /** An empty, interactive container over the strip (at least 16 units wide): pointer events on the column; `indexAt` names the neuron. */
  readonly hit = new Container();
  /** RGBA bytes of the column, uploaded as they are (no canvas in between). */
  private readonly pixels: Uint8Array;
  private readonly source: BufferImageSource;
  private readonly texture: Texture;

  /**
   * @param count neurons in the column
   * @param x column centre, design units
   * @param yFirst centre of the first neuron, design units
   * @param yLast centre of the last neuron
   * @param width strip width, design units
   */
  constructor(
    readonly count: number,
    x: number,
    private readonly yFirst: number,
    private readonly yLast: number,
    width: number,
  ) {
    this.pixels = new Uint8Array(4 * count);
    this.source = new BufferImageSource({ resource: this.pixels, width: 1, height: count, scaleMode: 'nearest' });
    this.texture = new Texture({ source: this.source });
    this.sprite = new Sprite(this.texture);
    const step = count > 1 ? (yLast - yFirst) / (count - 1) : 1;
    // Each texel covers one neuron's row, centred on it.
    this.sprite.position.set(x - width / 2, yFirst - step / 2);
    this.sprite.width = width;
    this.sprite.height = step * count;
    this.sprite.eventMode = 'none';
    const hw = Math.max(width, 16);
    this.hit.hitArea = new Rectangle(x - hw / 2, yFirst - step / 2, hw, step * count);
    this.hit.eventMode = 'static';
    this.hit.cursor = 'pointer';
  }

  /** Sets neuron i's colour (0xRRGGBB); call `commit` after the frame's colours. */
  set(i: number, color: number): void {
    const d = this.pixels;
    d[4 * i] = (color >> 16) & 255;
    d[4 * i + 1] = (color >> 8) & 255;
    d[4 * i + 2] = color & 255;
    d[4 * i + 3] = 255;
  }

  /** Uploads the colours set. */
  commit(): void {
    this.source.update();
  }

  /** The neuron (0..count-1) nearest to the design-unit height y. */
  indexAt(y: number): number {
    if (this.count < 2) return 0;
    const i = Math.round(((y - this.yFirst) / (this.yLast - this.yFirst)) * (this.count - 1));
    return Math.max(0, Math.min(this.count - 1, i));
  }

  destroy(): void {
    this.hit.removeAllListeners();
    this.hit.destroy();
    this.sprite.destroy();
    this.texture.destroy(true);
  }
}
