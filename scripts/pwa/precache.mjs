/**
 * Counts what the service worker of a build precaches (the README's offline figure): the entries
 * of the precache list in `<dir>/sw.js` and the bytes of those files. Prints one JSON line.
 * Run after a build: `node scripts/pwa/precache.mjs [dir]` (default dist/).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
// Workbox writes the list as precacheAndRoute([{ "url": "...", "revision": ... }, ...]).
const urls = [...sw.matchAll(/"url":\s*"([^"]+)"/g)].map((m) => m[1]);
if (urls.length === 0) throw new Error(`no precache list found in ${join(dir, 'sw.js')}`);
const bytes = urls.reduce((sum, u) => sum + statSync(join(dir, u)).size, 0);
console.log(JSON.stringify({ dir, files: urls.length, bytes, megabytes: Number((bytes / 1e6).toFixed(2)) }));
