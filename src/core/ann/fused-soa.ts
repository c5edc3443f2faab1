/**
 * The hot path for few inputs (D <= 4) and few classes (K <= 8), e.g. the course's spiral
 * (D = 2, H = 100, K = 3): hidden-unit-major passes over columns (structure of arrays), so the
 * inner loop runs over the n rows as a tight stream while one hidden unit's weights sit in local
 * scalars. Same maths as the row-by-row kernel (fused.ts):
 *
 *   pass 0 (rows)           x_k[i] = X[i, k];  s_c[i] = b2_c
 *   pass 1 (j outer, i)     z = b1_j + sum_k x_k[i] W1[k, j];  h = relu(z);  s_c[i] += h W2[j, c]
 *   pass 2 (rows)           softmax cross-entropy of row i; g_c[i] = (p_c - [y_i = c]) / n;
 *                           db2_c += g_c[i]; loss += log sum_c e^(s_c - m) - (s_y - m)
 *   pass 3 (j outer, i)     z recomputed (bit-identical, W1 has not changed); where z > 0:
 *                           dW2[j, c] += z g_c[i];  dz = sum_c g_c[i] W2[j, c];
 *                           db1_j += dz;  dW1[k, j] += x_k[i] dz
 *                           (accumulated in local scalars, even and odd rows apart, stored once per unit)
 *
 * Passes 1 and 3 run in WebAssembly SIMD (fused-wasm.ts, two rows per instruction, no branch:
 * the ReLU is a mask) when the engine has it, else in the JavaScript below; both give bit-identical
 * results (tested), and agree with the row kernel and the graph's gates to 1e-13 (the sums over
 * rows go in two lanes). On the spiral with trained weights the WebAssembly passes make one
 * iteration about 3x faster than either JavaScript kernel: whether a unit is active flips
 * unpredictably along the rows, and a mispredicted branch costs more than the arithmetic.
 * Recomputing z in pass 3 costs D multiply-adds and saves an n x H buffer's writes and reads.
 * The columns (x_k, s_c, g_c, each n long, in the WebAssembly memory when there is one) are
 * closure state of the generated kernel, grown when a larger n arrives (never in a steady-state
 * loop). The short loops over inputs and classes are unrolled into scalar variables by generating
 * the kernel once per shape.
 */
import type { FusedKernel } from './fused';
import { soaWasmInstance } from './fused-wasm';

/** Whether the structure-of-arrays kernel handles this shape (few inputs, few classes). */
export function soaFits(D: number, K: number): boolean {
  return D >= 1 && D <= 4 && K >= 2 && K <= 8;
}

/**
 * The structure-of-arrays kernel for D inputs, H hidden units and K classes (soaFits(D, K)).
 * Its signature is FusedKernel's; the scratch arguments hs, dz, s, g are not used. `engine`
 * 'js' keeps passes 1 and 3 in JavaScript (the fallback, for comparisons); 'wasm' uses
 * WebAssembly SIMD when available.
 */
export function generateSoaKernel(D: number, H: number, K: number, engine: 'wasm' | 'js' = 'wasm'): FusedKernel {
  const ds = Array.from({ length: D }, (_, k) => k);
  const ks = Array.from({ length: K }, (_, c) => c);
  const each = <T>(xs: T[], f: (x: T) => string, sep = ' ') => xs.map(f).join(sep);
  const z = (r: string) => `bj${each(ds, (k) => ` + x${k}[${r}] * w${k}`, '')}`;
  const unitWeights = `const bj = b1[j]; ${each(ds, (k) => `const w${k} = W1[${k * H} + j];`)} ${each(ks, (c) => `const v${c} = W2[j * ${K} + ${c}];`)}`;
  const L: string[] = [];
  L.push(`let cap = 0, wasm = null; ${each(ds, (k) => `let X${k} = new Float64Array(0);`)} ${each(ks, (c) => `let S${c} = new Float64Array(0), G${c} = new Float64Array(0);`)}`);
  // columns: in the WebAssembly memory when there is one, else plain arrays; cap even
  L.push(`function grow(n) {`);
  L.push(`  cap = n + (n & 1);`);
  L.push(`  wasm = useWasm ? instance(${D}, ${H}, ${K}, cap) : null;`);
  L.push(`  const col = (a, i) => wasm ? a[i] : new Float64Array(cap);`);
  L.push(`  ${each(ds, (k) => `X${k} = col(wasm && wasm.x, ${k});`)} ${each(ks, (c) => `S${c} = col(wasm && wasm.s, ${c}); G${c} = col(wasm && wasm.g, ${c});`)}`);
  L.push(`}`);
  L.push(`return function fusedSoa(X, y, n, W1, b1, W2, b2, dW1, db1, dW2, db2) {`);
  L.push(`  if (n > cap) grow(n);`);
  L.push(`  const ${each(ds, (k) => `x${k} = X${k}`, ', ')}, ${each(ks, (c) => `s${c} = S${c}, g${c} = G${c}`, ', ')};`);
  L.push(`  const invN = 1 / n; let loss = 0;`);
  // pass 0: columns of X, scores start at b2; an odd n gets a padding row of zeros (x and g)
  L.push(`  { ${each(ks, (c) => `const c${c} = b2[${c}];`)}`);
  L.push(`    for (let i = 0; i < n; i++) { ${each(ds, (k) => `x${k}[i] = X[i * ${D} + ${k}];`)} ${each(ks, (c) => `s${c}[i] = c${c};`)} }`);
  L.push(`    if (n & 1) { ${each(ds, (k) => `x${k}[n] = 0;`)} ${each(ks, (c) => `g${c}[n] = 0;`)} } }`);
  L.push(`  const nBytes = (n + (n & 1)) * 8;`);
  // pass 1: hidden unit by hidden unit, scores += relu(z) W2[j, :]
  L.push(`  if (wasm) {`);
  L.push(`    const w = wasm.weights; w.set(W1, 0); w.set(b1, ${D * H}); w.set(W2, ${D * H + H});`);
  L.push(`    wasm.forward(nBytes);`);
  L.push(`  } else {`);
  L.push(`    for (let j = 0; j < ${H}; j++) {`);
  L.push(`      ${unitWeights}`);
  L.push(`      for (let i = 0; i < n; i++) {`);
  L.push(`        const z = ${z('i')};`);
  L.push(`        if (z > 0) { ${each(ks, (c) => `s${c}[i] += z * v${c};`)} }`);
  L.push(`      }`);
  L.push(`    }`);
  L.push(`  }`);
  // pass 2: softmax cross-entropy per row and its gradient on the scores
  L.push(`  { ${each(ks, (c) => `let d${c} = 0;`)}`);
  L.push(`    for (let i = 0; i < n; i++) {`);
  L.push(`      ${each(ks, (c) => `const t${c} = s${c}[i];`)}`);
  L.push(`      let m = t0; ${each(ks.slice(1), (c) => `if (t${c} > m) m = t${c};`)}`);
  L.push(`      ${each(ks, (c) => `const e${c} = Math.exp(t${c} - m);`)}`);
  L.push(`      const zs = ${each(ks, (c) => `e${c}`, ' + ')};`);
  L.push(`      const yi = y[i];`);
  L.push(`      const sy = ${each(ks.slice(0, -1), (c) => `yi === ${c} ? t${c} : `, '')}t${K - 1};`);
  L.push(`      loss += Math.log(zs) - (sy - m);`);
  L.push(`      const f = invN / zs;`);
  L.push(`      ${each(ks, (c) => `const q${c} = e${c} * f - (yi === ${c} ? invN : 0); g${c}[i] = q${c}; d${c} += q${c};`)}`);
  L.push(`    }`);
  L.push(`    ${each(ks, (c) => `db2[${c}] += d${c};`)} }`);
  // pass 3: backward, hidden unit by hidden unit, over the rows where the unit is active; even
  // rows accumulate in lane A, odd rows in lane B (as the WebAssembly f64x2 lanes do)
  L.push(`  if (wasm) {`);
  L.push(`    wasm.backward(nBytes);`);
  L.push(`    const d = wasm.grads;`);
  L.push(`    for (let q = 0; q < ${D * H}; q++) dW1[q] += d[q];`);
  L.push(`    for (let q = 0; q < ${H}; q++) db1[q] += d[${D * H} + q];`);
  L.push(`    for (let q = 0; q < ${H * K}; q++) dW2[q] += d[${D * H + H} + q];`);
  L.push(`    return loss * invN;`);
  L.push(`  }`);
  const row = (r: string, lane: string) => [
    `      { const z = ${z(r)};`,
    `        if (z > 0) {`,
    `          ${each(ks, (c) => `const q${c} = g${c}[${r}];`)}`,
    `          const dh = ${each(ks, (c) => `q${c} * v${c}`, ' + ')};`,
    `          ${each(ks, (c) => `u${c}${lane} += z * q${c};`)}`,
    `          db${lane} += dh; ${each(ds, (k) => `a${k}${lane} += x${k}[${r}] * dh;`)}`,
    `      } }`,
  ];
  L.push(`  for (let j = 0; j < ${H}; j++) {`);
  L.push(`    ${unitWeights}`);
  for (const lane of ['A', 'B']) L.push(`    let db${lane} = 0; ${each(ds, (k) => `let a${k}${lane} = 0;`)} ${each(ks, (c) => `let u${c}${lane} = 0;`)}`);
  L.push(`    let i = 0;`);
  L.push(`    for (; i + 1 < n; i += 2) {`, ...row('i', 'A'), ...row('i + 1', 'B'), `    }`);
  L.push(`    if (i < n) {`, ...row('i', 'A'), `    }`);
  L.push(`    ${each(ks, (c) => `dW2[j * ${K} + ${c}] += u${c}A + u${c}B;`)} db1[j] += dbA + dbB; ${each(ds, (k) => `dW1[${k * H} + j] += a${k}A + a${k}B;`)}`);
  L.push(`  }`);
  L.push(`  return loss * invN;`);
  L.push(`};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated once per shape, from numbers only
  return new Function('useWasm', 'instance', L.join('\n'))(engine === 'wasm', soaWasmInstance) as FusedKernel;
}
