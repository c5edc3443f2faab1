/**
 * Makes the README's example pictures with the page's own buttons: the biological network scene
 * as PNG (after 60 frames of 4 steps at the defaults, 1280 x 900, device scale 1) and the
 * circuit view's default circuit as SVG. Writes docs/soma-bio-network.png and
 * docs/soma-circuit.svg. Run: `npx tsx scripts/pictures/readme.ts` (builds the page if stale).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_DIST, ensureBuilt, launchChromium, openPage, ROOT, startPreview } from '../../e2e/harness';

const out = E2E_DIST; // the browser tests' build
await ensureBuilt(out);
const { server, url } = await startPreview(out);
const browser = await launchChromium();
try {
  const { page } = await openPage(browser, url, { width: 1280, height: 900 });
  await page.evaluate(() => window.soma!.advance(60, 4));
  const bioTitle = (await page.textContent('#bio-title'))!.trim();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${bioTitle} as PNG`, exact: true }).click()]);
  copyFileSync(await png.path(), join(ROOT, 'docs', png.suggestedFilename()));
  const { page: circuitPage } = await openPage(browser, `${url}?circuit=1`, { width: 1280, height: 900 });
  const circuitTitle = (await circuitPage.textContent('#circuit-title'))!.trim();
  const [svg] = await Promise.all([circuitPage.waitForEvent('download'), circuitPage.getByRole('button', { name: `Download ${circuitTitle} as SVG`, exact: true }).click()]);
  copyFileSync(await svg.path(), join(ROOT, 'docs', svg.suggestedFilename()));
  console.log(JSON.stringify({ wrote: [png.suggestedFilename(), svg.suggestedFilename()].map((f) => `docs/${f}`) }));
} finally {
  await browser.close();
  await server.close();
}
