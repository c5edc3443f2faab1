;; The LIF population's free-integration pass (pass 1 of LifSoma.step, see lif-kernel.ts):
;; 128-bit SIMD, two neurons per f64x2, four per loop iteration. Assembled by `npm run wasm`
;; (scripts/wasm/build.ts, wabt with SIMD) into lif-kernel.wasm.ts; never hand-edit that file.
;;
;; For every neuron i < n rounded down to even (an odd last neuron is left to the caller):
;;     x = (((V e + c) + b base) + a0 G0) + a1 G1        (the JavaScript order of operations)
;;     V <- x
;;     if x >= V_th or V >= V_th or refractoryLeft != 0:  pending[m] = i, pendingV[m] = V, m += 1
;; and returns m. IEEE double arithmetic without fused multiply-add, so V is bit for bit that of
;; the same expression in JavaScript. Every array is addressed by its byte offset in the imported
;; memory (16-byte aligned for the f64 arrays); pending holds i32 indices.
(module
  (import "env" "memory" (memory 1))

  (func (export "step")
    (param $n i32) (param $vAt i32) (param $baseAt i32) (param $g0At i32) (param $g1At i32)
    (param $refAt i32) (param $pendingAt i32) (param $pendingVAt i32)
    (param $decay f64) (param $c f64) (param $b f64) (param $a0 f64) (param $a1 f64) (param $vThresh f64)
    (result i32)
    (local $i i32) (local $m i32) (local $off i32) (local $mask i32) (local $nPairs i32)
    (local $vi0 v128) (local $vi1 v128) (local $x v128)
    (local $sDecay v128) (local $sC v128) (local $sB v128) (local $sA0 v128) (local $sA1 v128)
    (local $sTh v128) (local $zero v128)

    ;; the step's constants in both lanes
    (local.set $sDecay (f64x2.splat (local.get $decay)))
    (local.set $sC (f64x2.splat (local.get $c)))
    (local.set $sB (f64x2.splat (local.get $b)))
    (local.set $sA0 (f64x2.splat (local.get $a0)))
    (local.set $sA1 (f64x2.splat (local.get $a1)))
    (local.set $sTh (f64x2.splat (local.get $vThresh)))
    (local.set $zero (f64x2.splat (f64.const 0)))
    (local.set $nPairs (i32.and (local.get $n) (i32.const -2)))
    (local.set $n (i32.and (local.get $n) (i32.const -4)))

    ;; four neurons per iteration (two pairs, the second at offset 16), one test of both masks
    (block $done
      (loop $quads
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        ;; the pair at byte offset off + 0: V <- x; mask: lanes flagged
        (local.set $vi0 (v128.load offset=0 (i32.add (local.get $vAt) (local.get $off))))
        (local.set $x
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (local.get $vi0) (local.get $sDecay)) (local.get $sC))
                (f64x2.mul (local.get $sB) (v128.load offset=0 (i32.add (local.get $baseAt) (local.get $off)))))
              (f64x2.mul (local.get $sA0) (v128.load offset=0 (i32.add (local.get $g0At) (local.get $off)))))
            (f64x2.mul (local.get $sA1) (v128.load offset=0 (i32.add (local.get $g1At) (local.get $off))))))
        (v128.store offset=0 (i32.add (local.get $vAt) (local.get $off)) (local.get $x))
        (local.set $mask
          (i64x2.bitmask
            (v128.or
              (v128.or (f64x2.ge (local.get $x) (local.get $sTh)) (f64x2.ge (local.get $vi0) (local.get $sTh)))
              (f64x2.ne (v128.load offset=0 (i32.add (local.get $refAt) (local.get $off))) (local.get $zero)))))
        ;; the pair at byte offset off + 16: V <- x; bits 2, 3 of mask: lanes flagged
        (local.set $vi1 (v128.load offset=16 (i32.add (local.get $vAt) (local.get $off))))
        (local.set $x
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (local.get $vi1) (local.get $sDecay)) (local.get $sC))
                (f64x2.mul (local.get $sB) (v128.load offset=16 (i32.add (local.get $baseAt) (local.get $off)))))
              (f64x2.mul (local.get $sA0) (v128.load offset=16 (i32.add (local.get $g0At) (local.get $off)))))
            (f64x2.mul (local.get $sA1) (v128.load offset=16 (i32.add (local.get $g1At) (local.get $off))))))
        (v128.store offset=16 (i32.add (local.get $vAt) (local.get $off)) (local.get $x))
        (local.set $mask
          (i32.or (local.get $mask)
            (i32.shl
              (i64x2.bitmask
                (v128.or
                  (v128.or (f64x2.ge (local.get $x) (local.get $sTh)) (f64x2.ge (local.get $vi1) (local.get $sTh)))
                  (f64x2.ne (v128.load offset=16 (i32.add (local.get $refAt) (local.get $off))) (local.get $zero))))
              (i32.const 2))))
        ;; neuron i + k (lane k % 2 of vi0 or vi1) when bit k of mask is set:
        ;; pending[m] = i + k; pendingV[m] = its V at the step's start; m += 1
        (if (local.get $mask)
          (then
            (if (i32.and (local.get $mask) (i32.const 1))
              (then
                (i32.store (i32.add (local.get $pendingAt) (i32.shl (local.get $m) (i32.const 2)))
                  (local.get $i))
                (f64.store (i32.add (local.get $pendingVAt) (i32.shl (local.get $m) (i32.const 3)))
                  (f64x2.extract_lane 0 (local.get $vi0)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))
            (if (i32.and (local.get $mask) (i32.const 2))
              (then
                (i32.store (i32.add (local.get $pendingAt) (i32.shl (local.get $m) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 1)))
                (f64.store (i32.add (local.get $pendingVAt) (i32.shl (local.get $m) (i32.const 3)))
                  (f64x2.extract_lane 1 (local.get $vi0)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))
            (if (i32.and (local.get $mask) (i32.const 4))
              (then
                (i32.store (i32.add (local.get $pendingAt) (i32.shl (local.get $m) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 2)))
                (f64.store (i32.add (local.get $pendingVAt) (i32.shl (local.get $m) (i32.const 3)))
                  (f64x2.extract_lane 0 (local.get $vi1)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))
            (if (i32.and (local.get $mask) (i32.const 8))
              (then
                (i32.store (i32.add (local.get $pendingAt) (i32.shl (local.get $m) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 3)))
                (f64.store (i32.add (local.get $pendingVAt) (i32.shl (local.get $m) (i32.const 3)))
                  (f64x2.extract_lane 1 (local.get $vi1)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quads)))

    ;; a last pair
    (if (i32.lt_u (local.get $i) (local.get $nPairs))
      (then
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        ;; the pair at byte offset off + 0: V <- x; mask: lanes flagged
        (local.set $vi0 (v128.load offset=0 (i32.add (local.get $vAt) (local.get $off))))
        (local.set $x
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.mul (local.get $vi0) (local.get $sDecay)) (local.get $sC))
                (f64x2.mul (local.get $sB) (v128.load offset=0 (i32.add (local.get $baseAt) (local.get $off)))))
              (f64x2.mul (local.get $sA0) (v128.load offset=0 (i32.add (local.get $g0At) (local.get $off)))))
            (f64x2.mul (local.get $sA1) (v128.load offset=0 (i32.add (local.get $g1At) (local.get $off))))))
        (v128.store offset=0 (i32.add (local.get $vAt) (local.get $off)) (local.get $x))
        (local.set $mask
          (i64x2.bitmask
            (v128.or
              (v128.or (f64x2.ge (local.get $x) (local.get $sTh)) (f64x2.ge (local.get $vi0) (local.get $sTh)))
              (f64x2.ne (v128.load offset=0 (i32.add (local.get $refAt) (local.get $off))) (local.get $zero)))))
        (if (local.get $mask)
          (then
            (if (i32.and (local.get $mask) (i32.const 1))
              (then
                (i32.store (i32.add (local.get $pendingAt) (i32.shl (local.get $m) (i32.const 2)))
                  (local.get $i))
                (f64.store (i32.add (local.get $pendingVAt) (i32.shl (local.get $m) (i32.const 3)))
                  (f64x2.extract_lane 0 (local.get $vi0)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))
            (if (i32.and (local.get $mask) (i32.const 2))
              (then
                (i32.store (i32.add (local.get $pendingAt) (i32.shl (local.get $m) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 1)))
                (f64.store (i32.add (local.get $pendingVAt) (i32.shl (local.get $m) (i32.const 3)))
                  (f64x2.extract_lane 1 (local.get $vi0)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))))))))
    (local.get $m))
)
