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
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, second, defaultclock,
                    seed as brian_seed, prefs, __version__)


def run_cuba(n, duration_ms, dt_ms, seed, target):
    prefs.codegen.target = target
    brian_seed(seed)
    defaultclock.dt = dt_ms * ms
    taum = 20 * ms; taue = 5 * ms; taui = 10 * ms
    Vt = -50 * mV; Vr = -60 * mV; El = -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV  # 1.62 mV
    wi = (-20 * 4.5 / 10) * mV  # -9 mV
    n_exc = int(0.8 * n)
    Ce = Synapses(P, P, on_pre='ge += we')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect(f'i<{n_exc}', p=0.02)
    Ci.connect(f'i>={n_exc}', p=0.02)
    mon = SpikeMonitor(P)
    net = Network(P, Ce, Ci, mon)
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
