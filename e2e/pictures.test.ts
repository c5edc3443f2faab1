/**
 * Pictures of the panels in Chromium, against the built page, on one page (`?circuit=1`, its
 * frame loop stopped, 60 frames of 4 steps advanced by hand): every panel's "Download <panel> as
 * PNG" button gives a file named soma-<panel>.png that decodes (e2e/png.ts, not the browser that
 * wrote it) to the panel's size on screen (device pixels: the scene's canvas, the plane's canvas,
 * the plot's canvas width with its title and legend added in height), and with Shift-click or the
 * "Pictures at 2x" box, soma-<panel>@2x.png at twice the width and height. A picture is not
 * blank: it holds pixels of the colours that panel draws (the weights' red and blue in the
 * scenes, the pale class colours in the planes, each plot's series colours). The circuit's SVG
 * parses, holds every node of the circuit on screen, and drawn on its own as an image (no page
 * style sheet) shows the values' green and the gradients' red. axe-core finds no serious or
 * critical violation in the buttons, in English and in Korean (a page of its own, where presenter
 * mode then hides the buttons).
 *
 * A click that does not reach its button fails as a click (not as a download that never came),
 * and a download that does not come names the page's notice.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, NEGATIVE_COLOR, POSITIVE_COLOR } from '../src/view/layout';
import { expectAccessible, expectNoErrors, pageOpener, servedPage, type OpenedPage } from './harness';
import { decodePng, type DecodedPng } from './png';

const app = servedPage();
/** The tests' one page, shared (closed after the file); the Korean test opens its own. */
const open = pageOpener(app, { stopLoop: true, closeAfter: 'file' });
let shared: Promise<OpenedPage> | null = null;

/** The page with the circuit view, 240 ms of biology run (a window of T = 200 ms closed, spikes, a scatter) and every view drawn. */
function page(): Promise<OpenedPage> {
  shared ??= open('?circuit=1').then(async (r) => {
    await r.page.evaluate(async () => {
      const soma = window.soma!;
      await soma.lab.frames(59, 4); // the lab as after 60 frames of 4 steps, in one reply
      await soma.advance(1, 4);
      soma.stage.updateSlow(soma.lab.snapshot); // every plane and plot drawn now (not staggered over frames)
      soma.stage.render();
    });
    return r;
  });
  return shared;
}

/** Clicks the button named `name` (optionally with Shift) and returns the download's name and bytes. */
async function downloadOf(p: Page, name: string, shift = false): Promise<{ file: string; bytes: Buffer }> {
  // Listening before the click; a click that fails (no such button, covered) throws its own error.
  const downloaded = p.waitForEvent('download');
  downloaded.catch(() => {});
  await p.getByRole('button', { name, exact: true }).click({ modifiers: shift ? ['Shift'] : [] });
  try {
    const download = await downloaded;
    return { file: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  } catch (e) {
    throw new Error(`${name}: no download; the page's notices: "${(await p.textContent('#notices'))?.trim()}" (${String(e)})`);
  }
}

const rgb = (c: number): [number, number, number] => [c >> 16, (c >> 8) & 255, c & 255];
const hexRgb = (h: string): [number, number, number] => rgb(parseInt(h.slice(1), 16));
/** A region's pale class colour (regions.ts: 45% of the class colour over the dark background). */
const pale = (c: number): [number, number, number] => {
  const [r, g, b] = rgb(c);
  return [Math.floor(0.45 * r + 0.55 * 24), Math.floor(0.45 * g + 0.55 * 26), Math.floor(0.45 * b + 0.55 * 32)];
};

/** For each colour, the pixels within `tol` of it in every channel; and the share of pixels that are not the picture's background (#15171c). */
function colourCounts(d: DecodedPng, colours: [number, number, number][], tol: number): { counts: number[]; drawn: number } {
  const px = d.rgba;
  const counts = colours.map(() => 0);
  let notBackground = 0;
  for (let o = 0; o < px.length; o += 4) {
    if (Math.abs(px[o] - 0x15) + Math.abs(px[o + 1] - 0x17) + Math.abs(px[o + 2] - 0x1c) > 12) notBackground++;
    for (let k = 0; k < colours.length; k++) {
      const [r, g, b] = colours[k];
      if (Math.abs(px[o] - r) <= tol && Math.abs(px[o + 1] - g) <= tol && Math.abs(px[o + 2] - b) <= tol) counts[k]++;
    }
  }
  return { counts, drawn: notBackground / (d.width * d.height) };
}

/** Not blank: a good share of pixels is not the background, and the panel's own colours are there. */
function expectDrawn(d: DecodedPng, panel: Panel, what: string): void {
  const { counts, drawn } = colourCounts(d, panel.colours, panel.tol);
  expect(drawn, `${what} drawn share`).toBeGreaterThan(0.01);
  expect(Math.max(...counts), `${what} colours ${JSON.stringify(counts)}`).toBeGreaterThan(10);
}

/** Each panel: its title's id, the canvas whose device-pixel width the 1x picture has, and colours it draws. */
interface Panel { panel: string; title: string; canvas: string; colours: [number, number, number][]; tol: number }
const PANELS: Panel[] = [
  { panel: 'bio-network', title: 'bio-title', canvas: '#bio-scene canvas', colours: [rgb(POSITIVE_COLOR), rgb(NEGATIVE_COLOR)], tol: 40 },
  { panel: 'ann-network', title: 'ann-title', canvas: '#ann-scene canvas', colours: [rgb(POSITIVE_COLOR), rgb(NEGATIVE_COLOR)], tol: 40 },
  { panel: 'ann-regions', title: 'ann-regions-title', canvas: '#ann-regions canvas', colours: CLASS_COLORS.slice(0, 3).map(pale), tol: 3 },
  { panel: 'snn-regions', title: 'snn-regions-title', canvas: '#snn-regions canvas', colours: CLASS_COLORS.slice(0, 3).map(pale), tol: 3 },
  { panel: 'loss', title: 'loss-title', canvas: '#loss-plot canvas', colours: [hexRgb('#e4572e'), hexRgb('#5fb3f9')], tol: 24 },
  { panel: 'membrane', title: 'membrane-title', canvas: '#membrane-plot canvas', colours: [hexRgb('#ffd166')], tol: 24 },
  { panel: 'raster', title: 'raster-title', canvas: '#raster-plot canvas', colours: [hexRgb('#ffd166')], tol: 24 },
  { panel: 'fi', title: 'fi-title', canvas: '#fi-plot canvas', colours: [hexRgb('#ffd166'), hexRgb('#e4572e')], tol: 24 },
  { panel: 'neuron', title: 'neuron-title', canvas: '#neuron-plot canvas', colours: [hexRgb('#ffd166')], tol: 24 },
  { panel: 'scatter', title: 'scatter-title', canvas: '#scatter-plot canvas', colours: [hexRgb('#ffd166'), hexRgb('#e4572e')], tol: 24 },
];

/** The accessible name of a panel's PNG button (its title as the page shows it). */
const pngButton = async (p: Page, titleId: string): Promise<string> => `Download ${(await p.textContent(`#${titleId}`))!.trim()} as PNG`;

/** Pictures at 1x by panel, for the 2x test to compare with. */
const at1x = new Map<string, DecodedPng>();

describe('pictures of the panels in Chromium', () => {
  it('every panel downloads as PNG at the screen\'s size (the canvas\'s device pixels); none is blank', async () => {
    const { page: p, errors } = await page();
    for (const panel of PANELS) {
      const name = await pngButton(p, panel.title);
      expect(await p.getByRole('button', { name, exact: true }).getAttribute('title'), panel.panel).toContain(`soma-${panel.panel}.png`);
      const one = await downloadOf(p, name);
      expect(one.file).toBe(`soma-${panel.panel}.png`);
      const d = decodePng(one.bytes);
      const canvas = await p.evaluate((sel) => {
        const c = document.querySelector<HTMLCanvasElement>(sel)!;
        return { width: c.width, height: c.height };
      }, panel.canvas);
      // deviceScaleFactor 1: the screen's pixels are the canvas's; planes and plots add a title row (and plots a legend).
      expect(d.width, panel.panel).toBe(canvas.width);
      if (panel.panel.endsWith('network')) expect(d.height, panel.panel).toBe(canvas.height);
      else expect(d.height, panel.panel).toBeGreaterThan(canvas.height);
      expectDrawn(d, panel, `${panel.panel} 1x`);
      at1x.set(panel.panel, d);
    }
    await expectNoErrors(p, errors);
  });

  it('Shift-click gives soma-<panel>@2x.png at twice the width and height; the 2x box swaps the two sizes', async () => {
    const { page: p, errors } = await page();
    for (const panel of PANELS) {
      const two = await downloadOf(p, await pngButton(p, panel.title), true);
      expect(two.file).toBe(`soma-${panel.panel}@2x.png`);
      const d2 = decodePng(two.bytes);
      const d1 = at1x.get(panel.panel) ?? decodePng((await downloadOf(p, await pngButton(p, panel.title))).bytes);
      expect(d2.width, panel.panel).toBe(2 * d1.width);
      expect(Math.abs(d2.height - 2 * d1.height), `${panel.panel} height ${d2.height} vs ${d1.height}`).toBeLessThanOrEqual(2);
      expectDrawn(d2, panel, `${panel.panel} 2x`);
    }
    // The 2x box: the plain click then gives the 2x file, Shift-click the screen's size.
    await p.getByLabel('Pictures at 2x').check();
    const boxed = await downloadOf(p, await pngButton(p, 'loss-title'));
    expect(boxed.file).toBe('soma-loss@2x.png');
    const loss1 = decodePng((await downloadOf(p, await pngButton(p, 'loss-title'), true)).bytes);
    expect(decodePng(boxed.bytes).width).toBe(2 * loss1.width);
    const shifted = await downloadOf(p, await pngButton(p, 'bio-title'), true);
    expect(shifted.file).toBe('soma-bio-network.png');
    expect(decodePng(shifted.bytes).width).toBe(await p.evaluate(() => document.querySelector<HTMLCanvasElement>('#bio-scene canvas')!.width));
    await p.getByLabel('Pictures at 2x').uncheck();
    await expectNoErrors(p, errors);
  });

  it('the circuit downloads as a standalone SVG: it parses, holds every node on screen, and draws its values and gradients on its own', async () => {
    const { page: p, errors } = await page();
    const title = (await p.textContent('#circuit-title'))!.trim();
    const svg = await downloadOf(p, `Download ${title} as SVG`);
    expect(svg.file).toBe('soma-circuit.svg');
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    const r = await p.evaluate(async (svgText) => {
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const parseError = doc.querySelector('parsererror')?.textContent ?? '';
      const names = (root: ParentNode) => [...root.querySelectorAll('.circuit-node')].map((g) => g.getAttribute('data-node'));
      const values = (root: ParentNode) => [...root.querySelectorAll('.circuit-value')].map((t) => t.textContent);
      const live = document.querySelector('#circuit-panel svg.circuit-svg')!;
      // Drawn on its own, as an image: only its inline styles colour it.
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let green = 0;
      let red = 0;
      const near = (o: number, [r, g, b]: number[]) => Math.abs(px[o] - r) <= 30 && Math.abs(px[o + 1] - g) <= 30 && Math.abs(px[o + 2] - b) <= 30;
      for (let o = 0; o < px.length; o += 4) {
        if (near(o, [0x5f, 0xd3, 0x8d])) green++;
        if (near(o, [0xff, 0x6b, 0x6b])) red++;
      }
      return {
        parseError, root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI,
        names: names(doc), liveNames: names(live), values: values(doc), liveValues: values(live),
        width: img.naturalWidth, viewBoxWidth: (live as SVGSVGElement).viewBox.baseVal.width, green, red,
        styled: [...doc.querySelectorAll('path, text, circle')].every((e) => /fill:/.test(e.getAttribute('style') ?? '')),
      };
    }, text);
    expect(r.parseError).toBe('');
    expect(r.root).toBe('svg');
    expect(r.ns).toBe('http://www.w3.org/2000/svg');
    expect(r.liveNames.length).toBeGreaterThan(3);
    expect(r.names).toEqual(r.liveNames);
    expect(r.values).toEqual(r.liveValues);
    expect(r.styled).toBe(true);
    expect(r.width).toBe(r.viewBoxWidth);
    expect(r.green, 'value text in green').toBeGreaterThan(20);
    expect(r.red, 'gradient text in red').toBeGreaterThan(20);
    await expectNoErrors(p, errors);
  });

  it('axe-core: no serious or critical violation in the picture buttons and the 2x box', async () => {
    const { page: p, errors } = await page();
    expect(await p.locator('button.picture-button').count()).toBe(PANELS.length + 1);
    await expectAccessible(p, 'English', ['button.picture-button', '.pictures-2x-field']);
    await expectNoErrors(p, errors);
  });

  it('Korean: the buttons speak Korean and axe-core finds no serious or critical violation in them; presenter mode hides them', async () => {
    const { page: p, errors } = await open('?lang=ko&circuit=1');
    const title = (await p.textContent('#loss-title'))!.trim();
    expect(await p.getByRole('button', { name: `${title} 그림을 PNG 파일로 내려받기`, exact: true }).count()).toBe(1);
    await expectAccessible(p, 'Korean', ['button.picture-button', '.pictures-2x-field']);
    expect(await p.locator('button.picture-button:visible').count()).toBe(PANELS.length + 1);
    await p.click('#presenter-toggle');
    expect(await p.locator('button.picture-button:visible').count()).toBe(0);
    await expectNoErrors(p, errors);
  });
});
