/**
 * The worker's half of the strict Content-Security-Policy set-up (src/ui/strict-csp.ts is the
 * page's): zod 4 compiles object parsers from strings unless `jitless` is set before the first
 * schema is built, and the settings table builds its schemas on import. Imported first by
 * lab-worker.ts; the worker script is served under the same policy as the page.
 */
import { z } from 'zod';

z.config({ jitless: true });
