/**
 * Decision regions over the input plane [-1, 1]^2, with the data points and the probe: a 2-D
 * canvas whose class grid is painted into one reused ImageData (pale class colours), scaled up
 * smoothly, then the points (filled: training, ringed: test) and the probe cross on top.
 * Repaints only when the regions, the data or the probe changed. Clicking or tapping reports the
 * point in input units; the view itself changes nothing.
 */
import { CLASS_COLORS } from './layout';

/** Where the grid of a snapshot lives and how big it is. */
export interface RegionSource {
  grid: Uint8Array;
  size: number;
  version: number;
}

export class RegionsView {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly gridCanvas: HTMLCanvasElement;
  private readonly gridCtx: CanvasRenderingContext2D;
  private readonly image: ImageData;
  private seen = -1;
  private seenData = -1;
  private seenProbe0 = NaN;
  private seenProbe1 = NaN;
  private readonly onPointer: (e: PointerEvent) => void;

  /**
   * @param size cells per side of the grid this view shows
   * @param onPick called with (x, y) in input units when the plane is clicked or tapped
   */
  constructor(
    container: HTMLElement,
    private readonly size: number,
    label: string,
    onPick: (x: number, y: number) => void,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', label);
    this.canvas.tabIndex = 0;
    container.appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
    this.gridCanvas = document.createElement('canvas');
    this.gridCanvas.width = size;
    this.gridCanvas.height = size;
    this.gridCtx = this.gridCanvas.getContext('2d')!;
    this.image = this.gridCtx.createImageData(size, size);
    this.onPointer = (e: PointerEvent) => {
      const r = this.canvas.getBoundingClientRect();
      const x = ((e.clientX - r.left) / r.width) * 2 - 1;
      const y = 1 - ((e.clientY - r.top) / r.height) * 2;
      onPick(x, y);
    };
    this.canvas.addEventListener('pointerdown', this.onPointer);
  }

  /** Sets the canvas to `css` CSS pixels square (device pixels for sharpness). */
  resize(css: number): void {
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    this.canvas.style.width = `${css}px`;
    this.canvas.style.height = `${css}px`;
    this.canvas.width = Math.round(css * dpr);
    this.canvas.height = Math.round(css * dpr);
    this.seen = -1;
  }

  /**
   * Repaints when something changed.
   * @param grid class per cell (size^2, row 0 = top), 255 = not evaluated yet
   * @param dataX points, n x 2; dataY labels; dataIsTest 1 for test points
   */
  update(grid: Uint8Array, gridVersion: number, dataX: Float64Array, dataY: Int32Array, dataIsTest: Uint8Array, dataCount: number, dataVersion: number, probe: Float64Array): void {
    if (gridVersion === this.seen && dataVersion === this.seenData && probe[0] === this.seenProbe0 && probe[1] === this.seenProbe1) return;
    this.seen = gridVersion;
    this.seenData = dataVersion;
    this.seenProbe0 = probe[0];
    this.seenProbe1 = probe[1];
    this.last = { grid, dataX, dataY, dataIsTest, dataCount, probe };
    this.paint(this.ctx, this.canvas.width);
  }

  /** The arguments of the last update (snapshot arrays, updated in place), for a picture. */
  private last: { grid: Uint8Array; dataX: Float64Array; dataY: Int32Array; dataIsTest: Uint8Array; dataCount: number; probe: Float64Array } | null = null;

  /**
   * The plane as a picture: painted again into a canvas of `scale` times the screen's pixels
   * (points, rings and the probe cross keep their size relative to the plane).
   */
  picture(scale: number): HTMLCanvasElement {
    const out = document.createElement('canvas');
    out.width = out.height = Math.round(this.canvas.width * scale);
    if (this.last) this.paint(out.getContext('2d')!, out.width);
    return out;
  }

  /** Paints the last update into `ctx`, a square of `w` device pixels. */
  private paint(ctx: CanvasRenderingContext2D, w: number): void {
    if (!this.last) return;
    const { grid, dataX, dataY, dataIsTest, dataCount, probe } = this.last;
    const px = this.image.data;
    for (let c = 0; c < this.size * this.size; c++) {
      const cls = grid[c];
      const o = 4 * c;
      if (cls === 255) {
        px[o] = px[o + 1] = px[o + 2] = 40;
        px[o + 3] = 255;
        continue;
      }
      const col = CLASS_COLORS[cls % CLASS_COLORS.length];
      // Pale: mix the class colour 45% with the dark background.
      px[o] = 0.45 * (col >> 16) + 0.55 * 24;
      px[o + 1] = 0.45 * ((col >> 8) & 255) + 0.55 * 26;
      px[o + 2] = 0.45 * (col & 255) + 0.55 * 32;
      px[o + 3] = 255;
    }
    this.gridCtx.putImageData(this.image, 0, 0);
    ctx.imageSmoothingEnabled = this.size > 32;
    ctx.drawImage(this.gridCanvas, 0, 0, w, w);
    const r = Math.max(2, w / 110);
    ctx.lineWidth = Math.max(1, r / 2.5);
    for (let i = 0; i < dataCount; i++) {
      const x = ((dataX[2 * i] + 1) / 2) * w;
      const y = ((1 - dataX[2 * i + 1]) / 2) * w;
      const col = `#${CLASS_COLORS[dataY[i] % CLASS_COLORS.length].toString(16).padStart(6, '0')}`;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (dataIsTest[i]) {
        ctx.strokeStyle = col;
        ctx.stroke();
      } else {
        ctx.fillStyle = col;
        ctx.fill();
        ctx.strokeStyle = '#111';
        ctx.stroke();
      }
    }
    const x = ((probe[0] + 1) / 2) * w;
    const y = ((1 - probe[1]) / 2) * w;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = Math.max(1.5, w / 200);
    ctx.beginPath();
    ctx.moveTo(x - 3 * r, y);
    ctx.lineTo(x + 3 * r, y);
    ctx.moveTo(x, y - 3 * r);
    ctx.lineTo(x, y + 3 * r);
    ctx.stroke();
  }

  destroy(): void {
    this.canvas.removeEventListener('pointerdown', this.onPointer);
    this.canvas.remove();
  }
}
