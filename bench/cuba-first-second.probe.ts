/**
 * Run in a fresh process by cuba-first-second.bench.ts (bundled with esbuild first, as the CLI
 * is): where the first CUBA run of a process spends its time. Prints one JSON line, ms:
 *   load          importing the CUBA code (the module graph of `soma cuba`)
 *   build, run    the first build and the first 1 s run, and the run in 10 slices of 100 ms
 *                 (10 x 1,000 steps: how fast the step loop reaches its warm speed)
 *   build2, run2  a second network (another seed) in the same process: the warm figures
 *   cpu_*         the same phases in CPU time of the whole process (all threads, including
 *                 V8's background compilers), which a busy machine inflates less than wall time
 */
export {};

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu(), t0 = performance.now();
const { buildCuba } = await import('../src/core/bio/cuba');
const t1 = performance.now(), c1 = cpu();
const seed = Number(process.argv[2] ?? 1);
const { network, monitors } = buildCuba({ neurons: 4000, durationMs: 1000, dtMs: 0.1, seed });
const t2 = performance.now(), c2 = cpu();
const slices: number[] = [];
for (let k = 0; k < 10; k++) {
  const s = performance.now();
  network.run(100);
  slices.push(performance.now() - s);
}
const t3 = performance.now(), c3 = cpu();
const spikes = monitors[0].count + monitors[1].count;
network.dispose();
const again = buildCuba({ neurons: 4000, durationMs: 1000, dtMs: 0.1, seed: seed + 1 });
const t4 = performance.now(), c4 = cpu();
again.network.run(1000);
const t5 = performance.now(), c5 = cpu();
again.network.dispose();
process.stdout.write(JSON.stringify({
  load: t1 - t0, build: t2 - t1, run: t3 - t2, slices, build2: t4 - t3, run2: t5 - t4,
  cpu_load: c1 - c0, cpu_build: c2 - c1, cpu_run: c3 - c2, cpu_build2: c4 - c3, cpu_run2: c5 - c4, spikes,
}) + '\n');
