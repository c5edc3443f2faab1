/**
 * The committed WebAssembly modules are what their `.wat` text assembles to: each `.wat` under
 * src/ is assembled again with wabt and its generated `.wasm.ts` must hold exactly those bytes,
 * so a `.wat` edited without `npm run wasm` fails here. Also checks the base64 round trip and
 * that every module stays under 4 KB (synchronous compilation on a browser's main thread).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../src/core/wasm';
import { ROOT, assemble, exportName, modulePath, moduleText, watFiles } from './build';

describe('npm run wasm: the committed modules match their .wat text', () => {
  const wats = watFiles();

  it('finds the kernels (fixed-probability connectivity, LIF, the 2-layer passes general and unrolled)', () => {
    expect(wats.map((w) => relative(ROOT, w))).toEqual([
      'src/core/ann/fused-soa-d2.wat',
      'src/core/ann/fused-soa.wat',
      'src/core/bio/fixed-probability.wat',
      'src/core/bio/lif-kernel.wat',
    ]);
  });

  for (const wat of wats) {
    it(`${relative(ROOT, wat)}: assembled again by wabt, byte for byte the committed module`, async () => {
      const bytes = await assemble(wat);
      const committed = (await import(pathToFileURL(modulePath(wat)).href)) as Record<string, Uint8Array>;
      expect(Array.from(committed[exportName(wat)])).toEqual(Array.from(bytes));
      expect(readFileSync(modulePath(wat), 'utf8')).toBe(moduleText(wat, bytes));
      expect(bytes.length).toBeLessThan(4096);
      expect(WebAssembly.validate(bytes)).toBe(true);
    });
  }

  it('fromBase64 inverts base64 (Node Buffer as the oracle) for every length mod 3', () => {
    for (let len = 0; len < 40; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 97 + len * 31) & 0xff);
      expect(Array.from(fromBase64(Buffer.from(bytes).toString('base64')))).toEqual(Array.from(bytes));
    }
    expect(() => fromBase64('ab$d')).toThrow(/not base64/);
  });
});
