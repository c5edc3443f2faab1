"""CUBA network (Brette et al. 2007), as in Brian2's example examples/CUBA.py.

Runs the network for several seeds and prints (or writes) the mean rate and the ISI coefficient
of variation, which Soma's CUBA test compares against. Run with Debian's Python:

    /usr/bin/python3 scripts/brian2/cuba_reference.py --out src/core/bio/reference/cuba_brian2.json

Statistics, the same definitions as src/core/bio/cuba.ts:
  rate_hz = spikes / (neurons * duration)
  cv_isi  = mean over neurons with >= 3 spikes of std(ISI) / mean(ISI)
"""
import argparse
import json
import warnings

warnings.filterwarnings("ignore")
import numpy as np
from brian2 import ms, defaultclock, seed as brian_seed, prefs, __version__

from cuba_model import cuba_network


def run_cuba(n, duration_ms, dt_ms, seed, target):
    prefs.codegen.target = target
    brian_seed(seed)
    defaultclock.dt = dt_ms * ms
    net, _, Ce, Ci, mon = cuba_network(n, p=0.02)
    net.run(duration_ms * ms)
    i = np.asarray(mon.i)
    t = np.asarray(mon.t / ms)
    cvs = []
    for k in range(n):
        tk = np.sort(t[i == k])
        if len(tk) >= 3:
            isi = np.diff(tk)
            cvs.append(isi.std() / isi.mean())
    return {
        'seed': seed,
        'spikes': int(len(i)),
        'synapses': int(len(Ce) + len(Ci)),
        'rate_hz': len(i) / (n * duration_ms / 1000.0),
        'cv_isi': float(np.mean(cvs)) if cvs else None,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--neurons', type=int, default=4000)
    ap.add_argument('--duration', type=float, default=1000.0)
    ap.add_argument('--dt', type=float, default=0.1)
    ap.add_argument('--seeds', type=str, default='1,2,3,4,5')
    ap.add_argument('--target', type=str, default='cython')
    ap.add_argument('--out', type=str, default=None)
    a = ap.parse_args()
    runs = [run_cuba(a.neurons, a.duration, a.dt, int(s), a.target) for s in a.seeds.split(',')]
    doc = {
        'simulator': f'Brian2 {__version__} ({a.target})',
        'script': 'scripts/brian2/cuba_reference.py',
        'neurons': a.neurons, 'duration_ms': a.duration, 'dt_ms': a.dt,
        'runs': runs,
        'rate_hz_mean': float(np.mean([r['rate_hz'] for r in runs])),
        'cv_isi_mean': float(np.mean([r['cv_isi'] for r in runs])),
    }
    text = json.dumps(doc, indent=1)
    if a.out:
        with open(a.out, 'w') as f:
            f.write(text + '\n')
    print(text)


if __name__ == '__main__':
    main()
