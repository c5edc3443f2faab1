/**
 * Issue 13's page features in Chromium: a project saved and opened again restores the page
 * exactly (every setting, imported weights, tour step, selected neuron), also when dropped on the
 * page; a bad project changes nothing and says why; the PyNN script downloads beside the Brian2
 * one and is valid Python; the page is installable (manifest, icons) and, after one visit, plays
 * offline (service worker).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { brian2Python } from '../src/core/export/brian2-run-node';
import { parseProjectFileText } from '../src/core/export/project-file';
import { openPage, servedPage } from './harness';

const app = servedPage();

async function downloadOf(page: Page, name: string): Promise<{ file: string; text: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return { file: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8'), download };
}

/** What a project must bring back: the URL (every setting), the weights, the selection. */
const pageState = (page: Page) =>
  page.evaluate(() => {
    const s = window.soma!.lab.snapshot;
    return { url: location.search, w1: [...s.w1], b2: [...s.b2], selected: window.soma!.stage.selected, tour: document.querySelector<HTMLElement>('[data-step]')?.dataset.step ?? null };
  });

const notice = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>('[data-notice="project"]')?.innerText ?? '');

describe('project files, the PyNN download and offline use in Chromium', () => {
  it('Save project, change everything, Open project: the page is as it was (settings, trained weights, tour step, selection); a bad file changes nothing', async () => {
    const { page, errors } = await openPage(app.browser, `${app.base}?hidden=5&lr=0.02&tour=3&seed=7`, { width: 1280, height: 900 });
    await page.evaluate(() => window.soma!.advance(30, 4)); // trained weights, which the link cannot hold
    await page.evaluate(() => { window.soma!.stage.selected = 6; });
    const saved = await pageState(page);
    const proj = await downloadOf(page, 'Save project');
    expect(proj.file).toBe('lesson.soma.json');
    const state = parseProjectFileText(proj.text);
    expect(state.settings.hidden).toBe(5);
    expect(state.settings.tour).toBe(3);
    expect(state.selectedNeuron).toBe(6);

    // change the settings, the weights and the selection
    await page.evaluate(async () => { await window.soma!.app.applySettings({ hidden: 9, lr: 0.5, tour: 0 }); await window.soma!.advance(5, 4); window.soma!.stage.selected = 2; });
    expect((await pageState(page)).url).not.toBe(saved.url);

    await page.getByLabel('Open a project file').setInputFiles({ name: 'lesson.soma.json', mimeType: 'application/json', buffer: Buffer.from(proj.text) });
    await expect.poll(() => notice(page)).toMatch(/^Opened lesson\.soma\.json/);
    const back = await pageState(page);
    expect(back).toEqual(saved);

    // a project from a newer Soma: refused, naming the field; nothing changes
    const newer = JSON.stringify({ ...JSON.parse(proj.text), version: 2 });
    await page.getByLabel('Open a project file').setInputFiles({ name: 'future.soma.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
    await expect.poll(() => notice(page)).toMatch(/^Not opened \(future\.soma\.json\); the page keeps its state: project\.version = 2/);
    expect(await pageState(page)).toEqual(saved);
    // a hostile one (deep nesting) likewise
    await page.getByLabel('Open a project file').setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from('['.repeat(100) + ']'.repeat(100)) });
    await expect.poll(() => notice(page)).toMatch(/nesting deeper than 32/);
    expect(await pageState(page)).toEqual(saved);

    // dropped anywhere on the page
    await page.evaluate(() => window.soma!.app.applySettings({ lr: 0.3 }));
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.soma.json', { type: 'application/json' }));
      document.querySelector('header, main, body')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, proj.text);
    await expect.poll(() => notice(page)).toMatch(/^Opened dropped\.soma\.json/);
    expect(await pageState(page)).toEqual(saved);
    expect(errors.pageErrors).toEqual([]);
  });

  it('the PyNN script downloads beside the Brian2 one, says where the IF neuron is approximated, and is valid Python', async () => {
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 });
    const py = await downloadOf(page, 'PyNN script');
    expect(py.file).toBe('soma-pynn.py');
    expect(py.text).toContain('sim.IF_curr_delta(');
    expect(py.text).toContain("APPROXIMATIONS = ['layer0: reset by subtraction");
    await expect.poll(() => page.evaluate(() => document.querySelector<HTMLElement>('[data-notice="export"]')?.innerText ?? '')).toMatch(/closest standard cell.*reset by subtraction/);
    const dir = mkdtempSync(join(tmpdir(), 'soma-page-pynn-'));
    writeFileSync(join(dir, py.file), py.text);
    const r = spawnSync(brian2Python(), ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', join(dir, py.file)], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(errors.pageErrors).toEqual([]);
  });

  it('is installable (manifest with name, icons, theme) and, after one visit, reloads and plays offline', async () => {
    const manifest = await (await fetch(new URL('manifest.webmanifest', app.base))).json();
    expect(manifest.name).toMatch(/^Soma/);
    expect(manifest.theme_color).toBe('#0f172a');
    for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, app.base))).status, icon.src).toBe(200);
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 });
    // the service worker is activated once it has precached the build ('ready' can resolve while it is still activating)
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), { timeout: 60_000 }).toBe('activated');
    await page.context().setOffline(true);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page came from the service worker').toBe(true);
    const before = await page.evaluate(() => window.soma!.lab.snapshot.trainStep);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.evaluate(() => window.soma!.advance(20, 4));
    const after = await page.evaluate(() => ({ step: window.soma!.lab.snapshot.trainStep, spikes: window.soma!.lab.snapshot.totalSpikes }));
    expect(after.step).toBeGreaterThan(before);
    expect(after.spikes).toBeGreaterThan(0);
    expect(errors.pageErrors).toEqual([]);
    await page.context().setOffline(false);
  });
});
