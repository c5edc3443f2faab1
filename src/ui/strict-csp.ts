/**
 * What lets the page run under a strict Content-Security-Policy (script-src without
 * 'unsafe-eval'; vite.config.ts sets it). Imported before anything else of the page:
 * - Pixi v8 compiles its shader-uniform and UBO upload functions from strings at run time unless its
 *   `pixi.js/unsafe-eval` module has installed the static ones first (before a renderer exists);
 * - zod 4 compiles object parsers from strings at run time, and first probes whether it may (a
 *   caught attempt, which a strict policy still reports as a violation); `jitless` skips both.
 *   It must be set before the first schema is built (the settings table builds them on import).
 * WebAssembly needs 'wasm-unsafe-eval', which the policy allows; nothing here generates code.
 */
import 'pixi.js/unsafe-eval';
import { z } from 'zod';

z.config({ jitless: true });
