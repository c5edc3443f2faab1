/**
 * The hot path: one forward + backward pass of the 2-layer ReLU / softmax network. For few inputs
 * and classes (the spiral, D = 2, K = 3) `fusedTwoLayerSoftmax` returns the hidden-unit-major
 * kernel of fused-soa.ts (WebAssembly SIMD for its two hot passes, about 3x faster there, equal to
 * 1e-13); otherwise (images) this one, fused row by row. It computes exactly what the graph's
 * gates compute (affine -> relu -> affine -> softmax cross-entropy and their backward passes),
 * but for one example at a time while its hidden row
 * sits in a small scratch buffer: softmax and its gradient depend on that row only, so the row's
 * backward pass can follow its forward pass at once, and the N x H intermediates never go through
 * memory. Inactive ReLU units (h = 0) are skipped in the second layer and in the whole backward
 * pass, since every gradient through them is zero.
 *
 * The row kernel is generated once per shape (D, K) with the short loops over inputs (D <= 4) and
 * classes (K <= 8) unrolled into scalar variables: loops of length 2 or 3 inside the loop over
 * hidden units cost more than the arithmetic they do. Trainer uses it for all but the last
 * iteration of each step(k), and the graph's gates for the last, so every node still shows the
 * last iteration's values and gradients; a test checks both paths give the same weights.
 */
import { generateSoaKernel, soaFits } from './fused-soa';

/**
 * Accumulates into dW1 (D x H), db1 (H), dW2 (H x K), db2 (K) the gradient of the mean softmax
 * cross-entropy over n rows of X (n x D) with labels y, and returns that mean loss (without the
 * L2 term). The gradient buffers must be zeroed by the caller. `hs` (H) and `dz` (H), `s` and `g`
 * (K) are scratch.
 */
export type FusedKernel = (
  X: Float64Array, y: Int32Array, n: number,
  W1: Float64Array, b1: Float64Array, W2: Float64Array, b2: Float64Array,
  dW1: Float64Array, db1: Float64Array, dW2: Float64Array, db2: Float64Array,
  hs: Float64Array, dz: Float64Array, s: Float64Array, g: Float64Array,
) => number;

const cache = new Map<string, FusedKernel>();

/** The row-by-row kernel whatever the shape (the reference the hidden-unit-major kernel is tested against). */
export function fusedRowKernel(D: number, H: number, K: number): FusedKernel {
  return generate(D, H, K);
}

/**
 * The fused kernel for input dimension D, H hidden units and K classes: hidden-unit-major over
 * columns (fused-soa.ts) for few inputs and classes (D <= 4, K <= 8, e.g. the spiral), else row
 * by row (below). Both give bit-identical results where both apply.
 */
export function fusedTwoLayerSoftmax(D: number, H: number, K: number, engine: 'wasm' | 'js' = 'wasm'): FusedKernel {
  const key = `${D},${H},${K},${engine}`;
  let kernel = cache.get(key);
  if (!kernel) {
    kernel = soaFits(D, K) ? generateSoaKernel(D, H, K, engine) : generate(D, H, K);
    cache.set(key, kernel);
  }
  return kernel;
}

function generate(D: number, H: number, K: number): FusedKernel {
  const unrollD = D <= 4, unrollK = K <= 8;
  const ks = Array.from({ length: K }, (_, c) => c);
  const ds = Array.from({ length: D }, (_, k) => k);
  const L: string[] = [];
  L.push(`const invN = 1 / n; let loss = 0;`);
  L.push(`for (let i = 0; i < n; i++) {`);
  L.push(`  const xo = i * ${D};`);
  if (unrollD) L.push(`  ${ds.map((k) => `const x${k} = X[xo + ${k}];`).join(' ')}`);
  // ---- forward: z = x W1 + b1, h = relu(z), scores = h W2 + b2
  if (unrollK) L.push(`  let ${ks.map((c) => `s${c} = b2[${c}]`).join(', ')};`);
  else L.push(`  for (let c = 0; c < ${K}; c++) s[c] = b2[c];`);
  if (unrollD) {
    L.push(`  for (let j = 0; j < ${H}; j++) {`);
    L.push(`    const z = b1[j]${ds.map((k) => ` + x${k} * W1[${k * H} + j]`).join('')};`);
  } else {
    // many inputs (images): i-k-j into the scratch row, skipping zero inputs (blank pixels)
    L.push(`  for (let j = 0; j < ${H}; j++) hs[j] = b1[j];`);
    L.push(`  for (let k = 0; k < ${D}; k++) { const xv = X[xo + k]; if (xv === 0) continue; const wo = k * ${H}; for (let j = 0; j < ${H}; j++) hs[j] += xv * W1[wo + j]; }`);
    L.push(`  for (let j = 0; j < ${H}; j++) {`);
    L.push(`    const z = hs[j];`);
  }
  L.push(`    if (z > 0) {`);
  L.push(`      hs[j] = z; const w = j * ${K};`);
  if (unrollK) L.push(`      ${ks.map((c) => `s${c} += z * W2[w + ${c}];`).join(' ')}`);
  else L.push(`      for (let c = 0; c < ${K}; c++) s[c] += z * W2[w + c];`);
  L.push(`    } else hs[j] = 0;`);
  L.push(`  }`);
  // ---- softmax cross-entropy and its gradient on this row: g = (p - onehot(y)) / n
  L.push(`  const yi = y[i];`);
  if (unrollK) {
    L.push(`  let m = s0; ${ks.slice(1).map((c) => `if (s${c} > m) m = s${c};`).join(' ')}`);
    L.push(`  ${ks.map((c) => `const e${c} = Math.exp(s${c} - m);`).join(' ')}`);
    L.push(`  const zs = ${ks.map((c) => `e${c}`).join(' + ')};`);
    L.push(`  const sy = ${ks.slice(0, -1).map((c) => `yi === ${c} ? s${c} : `).join('')}s${K - 1};`);
    L.push(`  loss += Math.log(zs) - (sy - m);`);
    L.push(`  const f = invN / zs;`);
    L.push(`  ${ks.map((c) => `const g${c} = e${c} * f - (yi === ${c} ? invN : 0); db2[${c}] += g${c};`).join(' ')}`);
  } else {
    L.push(`  let m = s[0]; for (let c = 1; c < ${K}; c++) if (s[c] > m) m = s[c];`);
    L.push(`  let zs = 0; for (let c = 0; c < ${K}; c++) { const e = Math.exp(s[c] - m); g[c] = e; zs += e; }`);
    L.push(`  loss += Math.log(zs) - (s[yi] - m);`);
    L.push(`  const f = invN / zs; for (let c = 0; c < ${K}; c++) g[c] *= f; g[yi] -= invN;`);
    L.push(`  for (let c = 0; c < ${K}; c++) db2[c] += g[c];`);
  }
  // ---- backward through the active hidden units only
  L.push(`  for (let j = 0; j < ${H}; j++) {`);
  L.push(`    const h = hs[j];`);
  L.push(`    if (h === 0) { ${unrollD ? '' : 'dz[j] = 0; '}continue; }`);
  L.push(`    const w = j * ${K};`);
  if (unrollK) {
    L.push(`    const dh = ${ks.map((c) => `g${c} * W2[w + ${c}]`).join(' + ')};`);
    L.push(`    ${ks.map((c) => `dW2[w + ${c}] += h * g${c};`).join(' ')}`);
  } else {
    L.push(`    let dh = 0; for (let c = 0; c < ${K}; c++) { dh += g[c] * W2[w + c]; dW2[w + c] += h * g[c]; }`);
  }
  L.push(`    db1[j] += dh;`);
  if (unrollD) L.push(`    ${ds.map((k) => `dW1[${k * H} + j] += x${k} * dh;`).join(' ')}`);
  else L.push(`    dz[j] = dh;`);
  L.push(`  }`);
  if (!unrollD) {
    L.push(`  for (let k = 0; k < ${D}; k++) { const xv = X[xo + k]; if (xv === 0) continue; const wo = k * ${H}; for (let j = 0; j < ${H}; j++) dW1[wo + j] += xv * dz[j]; }`);
  }
  L.push(`}`);
  L.push(`return loss * invN;`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated once per shape, from numbers only
  return new Function('X', 'y', 'n', 'W1', 'b1', 'W2', 'b2', 'dW1', 'db1', 'dW2', 'db2', 'hs', 'dz', 's', 'g', L.join('\n')) as FusedKernel;
}
