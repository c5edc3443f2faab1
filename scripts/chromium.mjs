// Finds a Chromium or Chrome for the browser tests: $SOMA_CHROMIUM or $CHROME_PATH first,
// then the usual install paths (Debian's package, Chrome, Playwright's own download).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function findChromium() {
  const candidates = [
    process.env.SOMA_CHROMIUM,
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...playwrightChromes(),
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

function playwrightChromes() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => d.startsWith('chromium'))
    .flatMap((d) => [join(root, d, 'chrome-linux', 'chrome'), join(root, d, 'chrome-linux64', 'chrome')]);
}
