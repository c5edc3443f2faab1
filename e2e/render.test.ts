/**
 * How the page draws where WebGL runs in software (headless Chromium: SwiftShader), checked in
 * Chromium (render-mode.ts, discs.ts, runner.ts): the mode is detected; the scenes' WebGL contexts
 * have no multisampling and draw one pixel per CSS pixel; the two scenes take turns, one render per
 * drawn frame, while both views update every frame; the runner logs each drawn frame's update and
 * render times; somas are round discs of their colour, centred where the layout puts them. Timings
 * are only checked to be logged, never against a bound. Built into its own directory.
 */
import { describe, expect, it } from 'vitest';
import { openPage, servedPage } from './harness';

const app = servedPage();

describe('drawing with software WebGL', () => {
  it('detects SwiftShader: no multisampling, 1 px per CSS px, the scenes take turns and the runner logs every frame', async () => {
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 });
    const r = await page.evaluate(async () => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      const stage = soma.stage;
      const attrs = [stage.bioApp, stage.annApp].map((a) => {
        const gl = (a.renderer as unknown as { gl: WebGLRenderingContext }).gl;
        return { antialias: gl.getContextAttributes()!.antialias, resolution: a.renderer.resolution };
      });
      // Count the WebGL renders of each scene while frames are drawn by hand.
      const order: string[] = [];
      const bioRender = stage.bioApp.render.bind(stage.bioApp);
      const annRender = stage.annApp.render.bind(stage.annApp);
      stage.bioApp.render = () => { order.push('bio'); bioRender(); };
      stage.annApp.render = () => { order.push('ann'); annRender(); };
      const logged0 = soma.runner.frameLogCount;
      const t0 = soma.lab.snapshot.bioTimeMs;
      const trails: number[] = [];
      for (let i = 0; i < 8; i++) {
        await soma.runner.advance(4);
        trails.push(stage.bio.trailsShown().length);
      }
      const logged = soma.runner.frameLogCount - logged0;
      const log = [...soma.runner.frameLog.subarray(0, 2 * soma.runner.frameLogCount)];
      stage.bioApp.render = bioRender;
      stage.annApp.render = annRender;
      return { mode: stage.mode, attrs, order, logged, log, bioMs: soma.lab.snapshot.bioTimeMs - t0 };
    });
    expect(r.mode).toEqual({ software: true, antialias: false, resolution: 1, alternate: true });
    expect(r.attrs).toEqual([{ antialias: false, resolution: 1 }, { antialias: false, resolution: 1 }]);
    // Eight drawn frames: eight WebGL renders, the scenes alternating.
    expect(r.order).toHaveLength(8);
    for (let i = 1; i < r.order.length; i++) expect(r.order[i], `render ${i}`).not.toBe(r.order[i - 1]);
    // Each frame still ran its 4 ms of biology and was logged (update and render times, ms).
    expect(r.bioMs).toBe(32);
    expect(r.logged).toBe(8);
    for (const x of r.log) expect(Number.isFinite(x) && x >= 0).toBe(true);
    expect(errors.pageErrors).toEqual([]);
    expect(errors.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('somas are round discs in their membrane colour, centred where the layout puts them', async () => {
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 });
    const r = await page.evaluate(async () => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      await soma.runner.advance(0);
      const stage = soma.stage;
      const s = soma.lab.snapshot;
      const i = s.offsets[1] + 3; // a hidden neuron that is not the selected one
      const sprite = (stage.bio as unknown as { somas: { tint: number; width: number }[] }).somas[i];
      stage.bioApp.render();
      // Extract reads the stage's bounds, from their top left corner.
      const { pixels, width } = stage.bioApp.renderer.extract.pixels({ target: stage.bioApp.stage });
      const b = stage.bioApp.stage.getBounds();
      const g = stage.bio.somaPosition(i);
      const p = { x: g.x - b.x, y: g.y - b.y };
      // The sprite's texture has 2 clear texels around its 64-texel disc; the scene is scaled to its canvas.
      const content = stage.bio.view.children[0] as unknown as { scale: { x: number } };
      const radius = (sprite.width / 2) * (64 / 66) * content.scale.x; // canvas pixels
      const at = (x: number, y: number) => {
        const o = 4 * (Math.round(y) * width + Math.round(x));
        return [pixels[o], pixels[o + 1], pixels[o + 2]];
      };
      // Not the centre line: a spike's trail and dot run from the soma's centre along its axon.
      return { tint: sprite.tint, radius, left: at(p.x - 0.5 * radius, p.y - 0.3 * radius), up: at(p.x, p.y - 0.5 * radius), down: at(p.x, p.y + 0.5 * radius), outUp: at(p.x, p.y - 1.5 * radius), outDown: at(p.x, p.y + 1.5 * radius) };
    });
    const rgb = (c: number) => [(c >> 16) & 255, (c >> 8) & 255, c & 255];
    const near = (a: number[], b: number[]) => a.every((x, k) => Math.abs(x - b[k]) <= 3);
    expect(r.radius).toBeGreaterThan(5);
    for (const inside of [r.left, r.up, r.down]) expect(near(inside, rgb(r.tint)), `${inside} vs ${rgb(r.tint)}`).toBe(true);
    for (const outside of [r.outUp, r.outDown]) expect(near(outside, rgb(r.tint)), `${outside} outside`).toBe(false);
    expect(errors.pageErrors).toEqual([]);
    await page.context().close();
  });
});
