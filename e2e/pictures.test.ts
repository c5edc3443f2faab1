/**
 * Pictures of the panels in Chromium, against the built page: every panel's "Download <panel> as
 * PNG" button gives a file named soma-<panel>.png that decodes (the browser's own PNG decoder, and
 * the IHDR header read here) to the panel's size on screen (device pixels: the scene's canvas, the
 * plane's canvas, the plot's canvas width with its title and legend added in height), and with
 * Shift-click or the "Pictures at 2x" box, soma-<panel>@2x.png at twice the width and height. A
 * picture is not blank: it holds pixels of the colours that panel draws (the weights' red and
 * blue in the scenes, the pale class colours in the planes, each plot's series colours). The
 * circuit's SVG parses, holds every node of the circuit on screen, and drawn on its own as an
 * image (no page style sheet) shows the values' green and the gradients' red. axe-core finds no
 * serious or critical violation with the buttons on the page, in English and in Korean.
 *
 * Built into its own directory (node_modules/.cache/soma-e2e-pictures).
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CLASS_COLORS, NEGATIVE_COLOR, POSITIVE_COLOR } from '../src/view/layout';
import { openPage, type PageErrors, servedPage } from './harness';

const app = servedPage('soma-e2e-pictures');
const SIZE = { width: 1280, height: 900 };
const opened: Page[] = [];

afterEach(async () => {
  for (const p of opened.splice(0)) await p.context().close();
});

async function open(query = ''): Promise<{ page: Page; errors: PageErrors }> {
  const r = await openPage(app.browser, `${app.base}${query}`, SIZE);
  opened.push(r.page);
  return r;
}

async function expectNoErrors(page: Page, errors: PageErrors): Promise<void> {
  await page.waitForTimeout(200);
  expect(errors.pageErrors, 'page errors').toEqual([]);
  expect(errors.consoleErrors, 'console errors').toEqual([]);
}

/** Clicks the button named `name` (optionally with Shift) and returns the download's name and bytes. */
async function downloadOf(page: Page, name: string, shift = false): Promise<{ file: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click({ modifiers: shift ? ['Shift'] : [] }),
  ]);
  return { file: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** Width and height from a PNG's IHDR chunk (after checking the signature). */
function pngHeader(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const rgb = (c: number): [number, number, number] => [c >> 16, (c >> 8) & 255, c & 255];
const hexRgb = (h: string): [number, number, number] => rgb(parseInt(h.slice(1), 16));
/** A region's pale class colour (regions.ts: 45% of the class colour over the dark background). */
const pale = (c: number): [number, number, number] => {
  const [r, g, b] = rgb(c);
  return [Math.floor(0.45 * r + 0.55 * 24), Math.floor(0.45 * g + 0.55 * 26), Math.floor(0.45 * b + 0.55 * 32)];
};

/**
 * Decodes PNG bytes in the page (createImageBitmap) and counts, for each colour, the pixels within
 * `tol` of it in every channel; also the pixels that differ from the picture's background.
 */
async function decode(page: Page, bytes: Buffer, colours: [number, number, number][], tol: number): Promise<{ width: number; height: number; counts: number[]; notBackground: number }> {
  return page.evaluate(
    async ({ b64, colours, tol }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([raw], { type: 'image/png' }));
      const c = document.createElement('canvas');
      c.width = bmp.width;
      c.height = bmp.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const counts = colours.map(() => 0);
      let notBackground = 0;
      for (let o = 0; o < px.length; o += 4) {
        if (Math.abs(px[o] - 0x15) + Math.abs(px[o + 1] - 0x17) + Math.abs(px[o + 2] - 0x1c) > 12) notBackground++;
        colours.forEach(([r, g, b], k) => {
          if (Math.abs(px[o] - r) <= tol && Math.abs(px[o + 1] - g) <= tol && Math.abs(px[o + 2] - b) <= tol) counts[k]++;
        });
      }
      return { width: bmp.width, height: bmp.height, counts, notBackground };
    },
    { b64: bytes.toString('base64'), colours, tol },
  );
}

/** Each panel: its title's id, the element whose device-pixel width the 1x picture has, and colours it draws. */
const PANELS: { panel: string; title: string; canvas: string; colours: [number, number, number][]; tol: number }[] = [
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

describe('pictures of the panels in Chromium', () => {
  it('every panel downloads as PNG at the screen\'s size and, with Shift-click or the 2x box, at twice it; none is blank', async () => {
    const { page, errors } = await open();
    await page.evaluate(() => window.soma!.advance(60, 4)); // 240 ms of biology: a window of T = 200 ms closed, spikes, a scatter
    const widths: Record<string, number> = {};
    for (const p of PANELS) {
      const title = (await page.textContent(`#${p.title}`))!.trim();
      const name = `Download ${title} as PNG`;
      expect(await page.getByRole('button', { name, exact: true }).getAttribute('title'), p.panel).toContain(`soma-${p.panel}.png`);
      const one = await downloadOf(page, name);
      expect(one.file).toBe(`soma-${p.panel}.png`);
      const head1 = pngHeader(one.bytes);
      const canvas = await page.evaluate((sel) => {
        const c = document.querySelector<HTMLCanvasElement>(sel)!;
        return { width: c.width, height: c.height };
      }, p.canvas);
      const d1 = await decode(page, one.bytes, p.colours, p.tol);
      expect([d1.width, d1.height], p.panel).toEqual([head1.width, head1.height]);
      // The screen's resolution: the canvas's device pixels (deviceScaleFactor 1); planes and plots add a title row (and plots a legend).
      expect(d1.width, p.panel).toBe(canvas.width);
      if (p.panel.endsWith('network')) expect(d1.height, p.panel).toBe(canvas.height);
      else expect(d1.height, p.panel).toBeGreaterThan(canvas.height);
      widths[p.panel] = d1.width;
      const two = await downloadOf(page, name, true);
      expect(two.file).toBe(`soma-${p.panel}@2x.png`);
      const d2 = await decode(page, two.bytes, p.colours, p.tol);
      expect(d2.width, p.panel).toBe(2 * d1.width);
      expect(Math.abs(d2.height - 2 * d1.height), `${p.panel} height ${d2.height} vs ${d1.height}`).toBeLessThanOrEqual(2);
      // Not blank: a good share of pixels is not the background, and the panel's own colours are there (at 1x and 2x).
      for (const d of [d1, d2]) {
        expect(d.notBackground / (d.width * d.height), `${p.panel} drawn share`).toBeGreaterThan(0.01);
        expect(Math.max(...d.counts), `${p.panel} colours ${JSON.stringify(d.counts)}`).toBeGreaterThan(10);
      }
    }
    // The 2x box: the plain click then gives the 2x file, Shift-click the screen's size.
    await page.getByLabel('Pictures at 2x').check();
    const boxed = await downloadOf(page, `Download ${(await page.textContent('#loss-title'))!.trim()} as PNG`);
    expect(boxed.file).toBe('soma-loss@2x.png');
    expect(pngHeader(boxed.bytes).width).toBe(2 * widths.loss);
    const shifted = await downloadOf(page, `Download ${(await page.textContent('#bio-title'))!.trim()} as PNG`, true);
    expect(shifted.file).toBe('soma-bio-network.png');
    expect(pngHeader(shifted.bytes).width).toBe(widths['bio-network']);
    await expectNoErrors(page, errors);
  });

  it('the circuit downloads as a standalone SVG: it parses, holds every node on screen, and draws its values and gradients on its own', async () => {
    const { page, errors } = await open('?circuit=1');
    const title = (await page.textContent('#circuit-title'))!.trim();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${title} as SVG`, exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('soma-circuit.svg');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    const r = await page.evaluate(async (svgText) => {
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const parseError = doc.querySelector('parsererror')?.textContent ?? '';
      const names = (root: ParentNode) => [...root.querySelectorAll('.circuit-node')].map((g) => (g as SVGElement).dataset.node ?? g.getAttribute('data-node'));
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
    await expectNoErrors(page, errors);
  });

  it('axe-core: no serious or critical violation with the picture buttons, in English and Korean', async () => {
    for (const query of ['?circuit=1', '?lang=ko&circuit=1']) {
      const { page } = await open(query);
      expect(await page.locator('button.picture-button').count()).toBe(PANELS.length + 1);
      if (query.includes('ko')) {
        const title = (await page.textContent('#loss-title'))!.trim();
        expect(await page.getByRole('button', { name: `${title} 그림을 PNG 파일로 내려받기` }).count()).toBe(1);
      }
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${query}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
});
