/**
 * The built page under its strict Content-Security-Policy (vite.config.ts: no 'unsafe-eval';
 * WebAssembly allowed), served by `vite preview` with the policy as a header, the build carrying
 * it as a meta tag too: it plays, trains (the loss falls) and spikes with no policy violation,
 * no page error and no console error; an inline script is really refused there. A start that fails
 * (here: no WebGL) shows a notice naming the cause instead of a blank page, in English and Korean.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../vite.config';
import { openPage, type PageErrors, servedPage } from './harness';

const app = servedPage();

/** Records every `securitypolicyviolation` of the page (from its first script on) in `window.__violations`. */
const RECORD_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
  });
`;

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** Polls a while (errors and violation events arrive asynchronously), then asserts there were none. */
async function expectClean(page: Page, errors: PageErrors): Promise<void> {
  for (let k = 0; k < 5; k++) {
    await page.waitForTimeout(100);
    if ((await violations(page)).length || errors.pageErrors.length || errors.consoleErrors.length) break;
  }
  expect(await violations(page), 'CSP violations').toEqual([]);
  expect(errors.pageErrors, 'page errors').toEqual([]);
  expect(errors.consoleErrors, 'console errors').toEqual([]);
}

describe('the page under a strict Content-Security-Policy', () => {
  it('is served with the policy as a header, and the build carries it as a meta tag', async () => {
    const res = await fetch(app.base);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toMatch(/^\s*<!doctype html>\s*<html[^>]*>\s*<head>\s*<meta http-equiv="Content-Security-Policy"/i);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });

  it('plays, trains (the loss falls) and spikes, with no violation, page error or console error', async () => {
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 }, { initScript: RECORD_VIOLATIONS });
    expect(await page.evaluate(() => window.soma!.rendererNames())).toEqual(['webgl', 'webgl']);
    const snap = () => page.evaluate(() => {
      const s = window.soma!.lab.snapshot;
      return { trainStep: s.trainStep, totalSpikes: s.totalSpikes, firstLoss: s.historyTrainLoss[0], lastLoss: s.historyTrainLoss[s.historyLength - 1] };
    });
    const before = await snap();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed')).toBe('true');
    await page.evaluate(() => window.soma!.advance(100, 6));
    const after = await snap();
    expect(after.trainStep).toBeGreaterThanOrEqual(before.trainStep + 600);
    expect(after.lastLoss).toBeLessThan(0.6 * after.firstLoss);
    expect(after.totalSpikes).toBeGreaterThan(before.totalSpikes);
    await expectClean(page, errors);
    // the policy is in force (the meta tag's text is the policy; an inline script is refused and
    // reported once by each copy of it, header and meta tag), and WebAssembly compiles under it
    const probe = await page.evaluate(() => {
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
      const wasm = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.append(script);
      return { meta, wasm, inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false };
    });
    expect(probe).toEqual({ meta: CONTENT_SECURITY_POLICY, wasm: true, inlineRan: false });
    await expect.poll(async () => (await violations(page)).map((v) => v.split(' ')[0])).toEqual(['script-src-elem', 'script-src-elem']);
    await page.context().close();
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`without WebGL the start fails with a notice naming WebGL and the error, not a blank page (${lang})`, async () => {
      const { page, errors } = await openPage(app.browser, lang === 'ko' ? `${app.base}?lang=ko` : app.base, { width: 1280, height: 900 }, {
        initScript: 'HTMLCanvasElement.prototype.getContext = function () { return null; };',
      });
      const notice = page.getByRole('alert');
      await expect.poll(() => notice.isVisible()).toBe(true);
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain(lang === 'ko' ? 'Soma를 시작하지 못했습니다.' : 'Soma could not start.');
      expect(text).toContain('WebGL');
      expect(text).toContain(lang === 'ko' ? '오류:' : 'Error:');
      expect(await page.evaluate(() => ({ soma: window.soma === undefined, ready: document.body.dataset.ready ?? null }))).toEqual({ soma: true, ready: null });
      expect(errors.pageErrors).toEqual([]); // the failure is caught and shown, not thrown
      await page.context().close();
    });
  }
});
