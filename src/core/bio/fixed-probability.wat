;; Fixed-probability connectivity sampled straight into CSR (see fixed-probability.ts): the same
;; draws, in the same order, with the same double arithmetic as buildSynapses' JavaScript loop, so
;; the synapses are the same bit for bit. Assembled by `npm run wasm` into fixed-probability.wasm.ts.
;;
;; Geometric skipping, row by row: for presynaptic i, j starts at -1 and
;;     j += 1 + floor(log(1 - u) / log(1 - p)),   u = Rng.random()
;; until j >= nPost; every j (except i = j when self-connections are refused) is a synapse. The
;; gap to the next connected column is Geometric(p), so the cost is O(synapses).
;; Rng.random() is xoshiro128** on 32-bit integers (random.ts): two draws, 27 + 26 bits,
;;     u = (hi 2^26 + lo) / 2^53.
;; `log` is the engine's own Math.log, imported (V8 calls it directly from WebAssembly), so the
;; last bit of every logarithm is the JavaScript one.
;;
;; Memory layout (byte offsets, all i32 unless said): 0..15 the generator's state s0..s3;
;; 16 i (row), 20 k (synapses written), 24 resume flag, 32 j (f64); rowPtr at $rowAt (nPre + 1
;; entries), col at $colAt (capacity entries, the rest of the memory). When col is full the
;; function saves its state and returns -1 (the caller grows the memory and calls again); when the
;; rows are done it returns k.
(module
  (import "env" "memory" (memory 1))
  (import "env" "log" (func $log (param f64) (result f64)))

  ;; xoshiro128**'s next 32-bit output; state in globals while sampling
  (global $s0 (mut i32) (i32.const 0))
  (global $s1 (mut i32) (i32.const 0))
  (global $s2 (mut i32) (i32.const 0))
  (global $s3 (mut i32) (i32.const 0))

  (func $next (result i32)
    (local $result i32) (local $t i32)
    ;; result = rotl(s1 * 5, 7) * 9; t = s1 << 9
    (local.set $result (i32.mul (i32.rotl (i32.mul (global.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
    (local.set $t (i32.shl (global.get $s1) (i32.const 9)))
    (global.set $s2 (i32.xor (global.get $s2) (global.get $s0)))
    (global.set $s3 (i32.xor (global.get $s3) (global.get $s1)))
    (global.set $s1 (i32.xor (global.get $s1) (global.get $s2)))
    (global.set $s0 (i32.xor (global.get $s0) (global.get $s3)))
    (global.set $s2 (i32.xor (global.get $s2) (local.get $t)))
    (global.set $s3 (i32.rotl (global.get $s3) (i32.const 11)))
    (local.get $result))

  ;; Rng.random(): (hi * 2^26 + lo) / 2^53 with hi = next >>> 5, lo = next >>> 6 (exact in doubles)
  (func $random (result f64)
    (local $hi f64)
    (local.set $hi (f64.convert_i32_u (i32.shr_u (call $next) (i32.const 5))))
    (f64.div
      (f64.add
        (f64.mul (local.get $hi) (f64.const 67108864))
        (f64.convert_i32_u (i32.shr_u (call $next) (i32.const 6))))
      (f64.const 9007199254740992)))

  (func (export "sample")
    (param $nPre i32) (param $nPost i32) (param $noSelf i32) (param $logq f64)
    (param $rowAt i32) (param $colAt i32) (param $capacity i32)
    (result i32)
    (local $i i32) (local $k i32) (local $j f64) (local $resume i32) (local $jj i32)
    (global.set $s0 (i32.load offset=0 (i32.const 0)))
    (global.set $s1 (i32.load offset=4 (i32.const 0)))
    (global.set $s2 (i32.load offset=8 (i32.const 0)))
    (global.set $s3 (i32.load offset=12 (i32.const 0)))
    (local.set $i (i32.load offset=16 (i32.const 0)))
    (local.set $k (i32.load offset=20 (i32.const 0)))
    (local.set $resume (i32.load offset=24 (i32.const 0)))
    (local.set $j (f64.load offset=32 (i32.const 0)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $nPre)))
        (block $rowDone
          (loop $draws
            ;; j += 1 + floor(log(1 - u) / logq), unless resuming with j already drawn
            (if (i32.eqz (local.get $resume))
              (then
                (local.set $j
                  (f64.add (local.get $j)
                    (f64.add (f64.const 1)
                      (f64.floor (f64.div (call $log (f64.sub (f64.const 1) (call $random))) (local.get $logq))))))))
            (local.set $resume (i32.const 0))
            (br_if $rowDone (f64.ge (local.get $j) (f64.convert_i32_u (local.get $nPost))))
            (local.set $jj (i32.trunc_f64_s (local.get $j)))
            (br_if $draws (i32.and (local.get $noSelf) (i32.eq (local.get $jj) (local.get $i))))
            ;; col full: save the state, j included, and let the caller grow the memory
            (if (i32.ge_u (local.get $k) (local.get $capacity))
              (then
                (i32.store offset=0 (i32.const 0) (global.get $s0))
                (i32.store offset=4 (i32.const 0) (global.get $s1))
                (i32.store offset=8 (i32.const 0) (global.get $s2))
                (i32.store offset=12 (i32.const 0) (global.get $s3))
                (i32.store offset=16 (i32.const 0) (local.get $i))
                (i32.store offset=20 (i32.const 0) (local.get $k))
                (i32.store offset=24 (i32.const 0) (i32.const 1))
                (f64.store offset=32 (i32.const 0) (local.get $j))
                (return (i32.const -1))))
            (i32.store (i32.add (local.get $colAt) (i32.shl (local.get $k) (i32.const 2))) (local.get $jj))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $draws)))
        ;; row i ends at k: rowPtr[i + 1] = k
        (i32.store (i32.add (local.get $rowAt) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2))) (local.get $k))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $j (f64.const -1))
        (br $rows)))
    (i32.store offset=0 (i32.const 0) (global.get $s0))
    (i32.store offset=4 (i32.const 0) (global.get $s1))
    (i32.store offset=8 (i32.const 0) (global.get $s2))
    (i32.store offset=12 (i32.const 0) (global.get $s3))
    (local.get $k))
)
