#!/bin/sh
# Deeper networks through the conversion: spiral, moons and iris, hidden 32,16 and 32,32,16, seeds 0-2
# (Adam lr 0.01, he init, 1500 iterations, IF neurons, max norm, current input, dt 1 ms, the 20% split).
# One JSON line per run: ANN test accuracy, spiking test accuracy at each T (ms), hidden rate vs activation r
# (last hidden layer). Output committed as scripts/deep/convert-sweep.jsonl; the README's table is read from it.
# Run from the project folder: sh scripts/deep/convert-sweep.sh > scripts/deep/convert-sweep.jsonl
for ds in spiral moons iris; do for h in 32,16 32,32,16; do for seed in 0 1 2; do
  npx tsx src/cli/main.ts convert --dataset $ds --hidden $h --optimizer adam --lr 0.01 --init he --iters 1500 \
    --seed $seed --T 20,50,100,200,500,1000 --format json 2>/dev/null |
  node -e "let s='';process.stdin.on('data',(c)=>s+=c).on('end',()=>{const d=JSON.parse(s);
    console.log(JSON.stringify({dataset:'$ds',hidden:'$h',seed:$seed,ann:d.ann_acc,snn:Object.fromEntries(d.snn.map((c)=>[c.t_ms,c.acc])),r:d.rate_vs_activation_r}));});"
done; done; done
