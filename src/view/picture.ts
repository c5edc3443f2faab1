/**
 * Pictures of the panels, for slides and papers: each view gives a canvas of what it shows, at the
 * screen's resolution (scale 1: the panel's CSS size x devicePixelRatio, the pixels on screen) or
 * at `scale` times that (2 for slides). Views read, never write: a picture never changes the live
 * view (the Pixi scenes are rendered again into a texture, a plot is drawn again by a second uPlot
 * at the larger size, a plane is painted again into a larger canvas), and the circuit is written
 * out as a standalone SVG whose styles are inline.
 *
 * Why render again instead of reading the screen's canvas: a WebGL canvas without
 * `preserveDrawingBuffer` is cleared after it is shown, so its pixels are not there to read between
 * frames, and a picture scaled up from the screen's pixels is blurry. Pixi v8's
 * `renderer.extract.canvas({target, frame, resolution})` renders the stage into a render texture
 * at the resolution asked for and reads that back.
 */
import { AbstractText, Rectangle, type Application, type Container } from 'pixi.js';
import uPlot from 'uplot';

/** Background of every picture: the page's panel colour (uPlot draws on a transparent canvas). */
export const PICTURE_BACKGROUND = '#15171c';
/** Text colour of titles and legends in pictures (the page's text colour). */
const PICTURE_TEXT = '#e6e9ef';

/** The device pixels per CSS pixel the page is drawn with (capped at 2, as the renderers are). */
export function screenResolution(): number {
  return Math.min(2, globalThis.devicePixelRatio || 1);
}

/**
 * A Pixi scene as a canvas: the whole stage, the renderer's screen (CSS px) at the renderer's own
 * resolution times `scale`, on the scene's background.
 */
export function scenePicture(app: Application, scale: number): HTMLCanvasElement {
  const { width, height } = app.screen;
  const resolution = app.renderer.resolution * scale;
  // Captions and labels are textures made at the screen's resolution: made again at the picture's
  // for the extraction (sharp at 2x), then back to automatic (null).
  const texts: AbstractText[] = [];
  const collect = (c: Container): void => {
    if (c instanceof AbstractText) texts.push(c);
    for (const child of c.children) collect(child);
  };
  if (scale !== 1) collect(app.stage);
  const before = texts.map((t) => t.resolution);
  for (const t of texts) t.resolution = resolution;
  try {
    return app.renderer.extract.canvas({
      target: app.stage,
      frame: new Rectangle(0, 0, width, height),
      resolution,
      clearColor: PICTURE_BACKGROUND,
      antialias: true,
    }) as unknown as HTMLCanvasElement;
  } finally {
    texts.forEach((t, i) => (t.resolution = before[i]));
  }
}

/** One entry of a plot's legend: the series' label, colour, line width (CSS px) and dash. */
export interface LegendEntry {
  label: string;
  stroke: string;
  width: number;
  dash: number[] | null;
  /** Drawn as a dot (points only, no line: the raster, the scatter). */
  dot: boolean;
}

/** The legend of a uPlot's options: every labelled series after x. */
export function legendOf(opts: uPlot.Options): LegendEntry[] {
  return opts.series.slice(1).flatMap((s) =>
    typeof s.label === 'string' && s.label !== ''
      ? [{ label: s.label, stroke: typeof s.stroke === 'string' ? s.stroke : PICTURE_TEXT, width: s.width ?? 1, dash: s.dash ?? null, dot: typeof s.paths === 'function' && s.points?.show === true }]
      : [],
  );
}

/** `font` with every size in px multiplied by `s` ("600 12px system-ui" -> "600 24px system-ui"). */
function scaleFont(font: string | undefined, s: number): string | undefined {
  return font?.replace(/(\d+(?:\.\d+)?)px/g, (_m, n: string) => `${Number(n) * s}px`);
}

/**
 * The options of a plot drawn `s` times larger: size, fonts, the room for ticks and titles, tick
 * spacing, line widths, dashes and points all scaled, so the picture is the screen's plot with
 * `s` times the pixels (uPlot 1.6 takes its pixel ratio from the window only). uPlot's defaults
 * are written out where the page relies on them (axis gap 5, label size 30, ticks 10 px, spacing
 * 50 px on x and 30 px on y, line width 1).
 */
export function scaledPlotOptions(opts: uPlot.Options, width: number, height: number, s: number): uPlot.Options {
  const axes = (opts.axes ?? []).map((a, i) => ({
    ...a,
    font: scaleFont(a.font, s),
    labelFont: scaleFont(a.labelFont, s),
    size: typeof a.size === 'number' ? a.size * s : a.size,
    labelSize: (a.labelSize ?? 30) * s,
    gap: (a.gap ?? 5) * s,
    space: typeof a.space === 'number' ? a.space * s : (i === 0 ? 50 : 30) * s,
    ticks: { ...a.ticks, size: (a.ticks?.size ?? 10) * s, width: (a.ticks?.width ?? 1) * s },
    grid: { ...a.grid, width: (a.grid?.width ?? 1) * s },
  }));
  const series = opts.series.map((se, i) =>
    i === 0
      ? { ...se }
      : {
          ...se,
          width: (se.width ?? 1) * s,
          dash: se.dash?.map((d) => d * s),
          points: se.points ? { ...se.points, size: se.points.size === undefined ? undefined : se.points.size * s } : undefined,
        },
  );
  return { ...opts, width: Math.round(width * s), height: Math.round(height * s), axes, series, legend: { show: false }, cursor: { show: false } };
}

/**
 * The plot `live` drawn again at `s` times its size into a hidden host (the same data arrays, the
 * same scales), painted at once, copied, and removed.
 */
export function plotCanvas(live: uPlot, opts: uPlot.Options, s: number): HTMLCanvasElement {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:-100000px;top:0;visibility:hidden';
  document.body.appendChild(host);
  try {
    const copy = new uPlot(scaledPlotOptions(opts, live.width, live.height, s), live.data, host);
    copy.batch(() => {}); // paint now (uPlot otherwise paints in a microtask)
    const out = document.createElement('canvas');
    out.width = copy.ctx.canvas.width;
    out.height = copy.ctx.canvas.height;
    out.getContext('2d')!.drawImage(copy.ctx.canvas, 0, 0);
    copy.destroy();
    return out;
  } finally {
    host.remove();
  }
}

/**
 * `image` with the panel's title above and a legend below (for plots and planes), on the panel's
 * background; `px` is the device pixels per CSS pixel of the picture. The width stays the image's.
 */
export function framed(image: HTMLCanvasElement, px: number, title: string, legend: LegendEntry[] = []): HTMLCanvasElement {
  const font = 13 * px;
  const pad = 6 * px;
  const titleH = title ? font + 2 * pad : 0;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${font}px system-ui, sans-serif`;
  // Legend entries flow left to right, wrapping to new rows.
  const rowH = font + pad;
  const marker = 22 * px;
  const placed: { e: LegendEntry; x: number; y: number }[] = [];
  let x = pad;
  let row = 0;
  for (const e of legend) {
    const w = marker + 4 * px + measure.measureText(e.label).width + 12 * px;
    if (x + w > image.width - pad && x > pad) {
      x = pad;
      row++;
    }
    placed.push({ e, x, y: row * rowH });
    x += w;
  }
  const legendH = legend.length ? (row + 1) * rowH + pad : 0;
  const out = document.createElement('canvas');
  out.width = image.width;
  out.height = Math.round(titleH + image.height + legendH);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = PICTURE_BACKGROUND;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(image, 0, titleH);
  ctx.fillStyle = PICTURE_TEXT;
  ctx.textBaseline = 'middle';
  if (title) {
    ctx.font = `600 ${font}px system-ui, sans-serif`;
    ctx.fillText(title, pad, titleH / 2, out.width - 2 * pad);
  }
  ctx.font = `${font}px system-ui, sans-serif`;
  const top = titleH + image.height + pad;
  for (const { e, x: ex, y } of placed) {
    const cy = top + y + rowH / 2;
    ctx.strokeStyle = e.stroke;
    ctx.fillStyle = e.stroke;
    if (e.dot) {
      ctx.beginPath();
      ctx.arc(ex + marker / 2, cy, 3 * px, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.lineWidth = Math.max(1, e.width) * px;
      ctx.setLineDash((e.dash ?? []).map((d) => d * px));
      ctx.beginPath();
      ctx.moveTo(ex, cy);
      ctx.lineTo(ex + marker, cy);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = PICTURE_TEXT;
    ctx.fillText(e.label, ex + marker + 4 * px, cy);
  }
  return out;
}

/** A canvas as PNG bytes. */
export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser made no PNG of the picture'))), 'image/png'),
  );
}

/**
 * Presentation properties copied inline into a standalone SVG, by element kind: what the page's
 * style sheets set on the circuit's text and shapes (groups and titles need none).
 */
const SVG_STYLE_PROPERTIES: Record<string, string[]> = {
  text: ['fill', 'font-family', 'font-size', 'font-style', 'font-weight'],
  path: ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity'],
  circle: ['fill', 'stroke', 'stroke-width', 'opacity'],
  rect: ['fill', 'stroke', 'stroke-width', 'opacity'],
  line: ['stroke', 'stroke-width', 'stroke-dasharray', 'opacity'],
};

/**
 * An SVG drawing of the page as a standalone file: a deep copy with every element's computed
 * presentation properties written inline (the page's style sheets do not travel with the file),
 * the size from its viewBox, the panel's background as a first rectangle, and no page-only
 * attributes (tab stops, roles). The text is what a browser or Inkscape opens.
 */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  live.forEach((el, i) => {
    const c = copies[i];
    c.removeAttribute('tabindex');
    const props = el === svg ? undefined : SVG_STYLE_PROPERTIES[el.localName];
    if (!props) return;
    const cs = getComputedStyle(el);
    c.setAttribute('style', props.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
  });
  copy.removeAttribute('style');
  copy.removeAttribute('role');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.viewBox.baseVal;
  copy.setAttribute('width', String(box.width));
  copy.setAttribute('height', String(box.height));
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('x', String(box.x));
  bg.setAttribute('y', String(box.y));
  bg.setAttribute('width', String(box.width));
  bg.setAttribute('height', String(box.height));
  bg.setAttribute('fill', PICTURE_BACKGROUND);
  copy.insertBefore(bg, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}
