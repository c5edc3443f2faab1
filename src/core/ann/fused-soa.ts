/**
 * The hot path for few inputs (D <= 4) and few classes (K <= 8), e.g. the course's spiral
 * (D = 2, H = 100, K = 3): hidden-unit-major passes over columns (structure of arrays), so the
 * inner loop runs over the n rows as a tight stream while one hidden unit's weights sit in local
 * scalars. Same maths, and the same order of every sum, as the row-by-row kernel (fused.ts), so
 * both give bit-identical results (tested):
 *
 *   pass 0 (rows)           x_k[i] = X[i, k];  s_c[i] = b2_c
 *   pass 1 (j outer, i)     z = b1_j + sum_k x_k[i] W1[k, j];  h = relu(z);  s_c[i] += h W2[j, c]
 *   pass 2 (rows)           softmax cross-entropy of row i; g_c[i] = (p_c - [y_i = c]) / n;
 *                           db2_c += g_c[i]; loss += log sum_c e^(s_c - m) - (s_y - m)
 *   pass 3 (j outer, i)     z recomputed (bit-identical, W1 has not changed); where z > 0:
 *                           dW2[j, c] += z g_c[i];  dz = sum_c g_c[i] W2[j, c];
 *                           db1_j += dz;  dW1[k, j] += x_k[i] dz
 *                           (accumulated in local scalars, stored once per unit)
 *
 * Recomputing z in pass 3 costs D multiply-adds and saves an n x H buffer's writes and reads.
 * The columns (x_k, s_c, g_c, each n long) are closure state of the generated kernel, grown when
 * a larger n arrives (never in a steady-state loop). The short loops over inputs and classes are
 * unrolled into scalar variables by generating the kernel once per shape.
 */
import type { FusedKernel } from './fused';

/** Whether the structure-of-arrays kernel handles this shape (few inputs, few classes). */
export function soaFits(D: number, K: number): boolean {
  return D >= 1 && D <= 4 && K >= 2 && K <= 8;
}

/**
 * The structure-of-arrays kernel for D inputs, H hidden units and K classes (soaFits(D, K)).
 * Its signature is FusedKernel's; the scratch arguments hs, dz, s, g are not used.
 */
export function generateSoaKernel(D: number, H: number, K: number): FusedKernel {
  const ds = Array.from({ length: D }, (_, k) => k);
  const ks = Array.from({ length: K }, (_, c) => c);
  const each = <T>(xs: T[], f: (x: T) => string, sep = ' ') => xs.map(f).join(sep);
  const z = `bj${each(ds, (k) => ` + x${k}[i] * w${k}`, '')}`;
  const L: string[] = [];
  L.push(`let cap = 0; ${each(ds, (k) => `let X${k} = new Float64Array(0);`)} ${each(ks, (c) => `let S${c} = new Float64Array(0), G${c} = new Float64Array(0);`)}`);
  L.push(`return function fusedSoa(X, y, n, W1, b1, W2, b2, dW1, db1, dW2, db2) {`);
  L.push(`  if (n > cap) { cap = n; ${each(ds, (k) => `X${k} = new Float64Array(n);`)} ${each(ks, (c) => `S${c} = new Float64Array(n); G${c} = new Float64Array(n);`)} }`);
  L.push(`  const ${each(ds, (k) => `x${k} = X${k}`, ', ')}, ${each(ks, (c) => `s${c} = S${c}, g${c} = G${c}`, ', ')};`);
  L.push(`  const invN = 1 / n; let loss = 0;`);
  // pass 0: columns of X, scores start at b2
  L.push(`  { ${each(ks, (c) => `const c${c} = b2[${c}];`)}`);
  L.push(`    for (let i = 0; i < n; i++) { ${each(ds, (k) => `x${k}[i] = X[i * ${D} + ${k}];`)} ${each(ks, (c) => `s${c}[i] = c${c};`)} } }`);
  // pass 1: hidden unit by hidden unit, scores += relu(z) W2[j, :]
  L.push(`  for (let j = 0; j < ${H}; j++) {`);
  L.push(`    const bj = b1[j]; ${each(ds, (k) => `const w${k} = W1[${k * H} + j];`)} ${each(ks, (c) => `const v${c} = W2[j * ${K} + ${c}];`)}`);
  L.push(`    for (let i = 0; i < n; i++) {`);
  L.push(`      const z = ${z};`);
  L.push(`      if (z > 0) { ${each(ks, (c) => `s${c}[i] += z * v${c};`)} }`);
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
  // pass 3: backward, hidden unit by hidden unit, over the rows where the unit is active
  L.push(`  for (let j = 0; j < ${H}; j++) {`);
  L.push(`    const bj = b1[j]; ${each(ds, (k) => `const w${k} = W1[${k * H} + j];`)} ${each(ks, (c) => `const v${c} = W2[j * ${K} + ${c}];`)}`);
  L.push(`    let db = 0; ${each(ds, (k) => `let a${k} = 0;`)} ${each(ks, (c) => `let u${c} = 0;`)}`);
  L.push(`    for (let i = 0; i < n; i++) {`);
  L.push(`      const z = ${z};`);
  L.push(`      if (z > 0) {`);
  L.push(`        ${each(ks, (c) => `const q${c} = g${c}[i];`)}`);
  L.push(`        const dh = ${each(ks, (c) => `q${c} * v${c}`, ' + ')};`);
  L.push(`        ${each(ks, (c) => `u${c} += z * q${c};`)}`);
  L.push(`        db += dh; ${each(ds, (k) => `a${k} += x${k}[i] * dh;`)}`);
  L.push(`      }`);
  L.push(`    }`);
  L.push(`    ${each(ks, (c) => `dW2[j * ${K} + ${c}] += u${c};`)} db1[j] += db; ${each(ds, (k) => `dW1[${k * H} + j] += a${k};`)}`);
  L.push(`  }`);
  L.push(`  return loss * invN;`);
  L.push(`};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated once per shape, from numbers only
  return new Function(L.join('\n'))() as FusedKernel;
}
