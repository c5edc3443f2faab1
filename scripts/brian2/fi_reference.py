"""f-I curves (spike count over a window) of the soma models a converted network's hidden layer can be,
with Brian2, for Soma's soma-fi tests (src/core/experiments/soma-fi-brian2.test.ts).

One neuron per constant current, from rest, for DURATION_MS; the count of spikes in the window is
what a converted network's hidden neuron is read by (experiments/soma-fi.ts `measureFi`).
  lif: dv/dt = (-(v - v_rest) + I)/tau_m, I in mV of drive, tau 20 ms, t_ref 2 ms, rest/reset -65,
       threshold -50 mV, method exact, dt 0.1 ms (Brian2 tests the threshold at the end of a step;
       Soma solves the crossing inside it: counts may differ by a spike or so over 1 s)
  izhikevich RS, FS, LTS (2003): the published scheme (two half steps of v, then u) as
       run_regularly code, v >= 30, v0 = -65, u0 = b v0, dt 0.1 ms
  hh: NEURON's hh.mod at 6.3 C, rk4, dt 0.01 ms, a spike = v crossing 0 mV upwards, 200 ms
    /usr/bin/python3 scripts/brian2/fi_reference.py > src/core/bio/reference/fi_brian2.json
"""
import json
import warnings

warnings.filterwarnings("ignore")
import numpy as np
from brian2 import NeuronGroup, SpikeMonitor, Network, ms, mV, defaultclock, prefs, __version__

from hh_model import hh_group

prefs.codegen.target = 'numpy'


def grid(lo, hi, n=41):
    return [round(lo + (hi - lo) * k / (n - 1), 9) for k in range(n)]


def counts(G, mon, duration_ms):
    net = Network(G, mon)
    net.run(duration_ms * ms)
    return [int(c) for c in mon.count]


def lif(currents, dt_ms=0.1, duration_ms=1000.0):
    defaultclock.dt = dt_ms * ms
    G = NeuronGroup(len(currents), '''dv/dt = (-(v - v_rest) + I*mV)/tau_m : volt (unless refractory)
I : 1''', threshold='v >= v_thresh', reset='v = v_reset', refractory=2 * ms, method='exact',
                    namespace={'v_rest': -65 * mV, 'v_thresh': -50 * mV, 'v_reset': -65 * mV, 'tau_m': 20 * ms})
    G.v = -65 * mV
    G.I = currents
    return counts(G, SpikeMonitor(G), duration_ms)


IZH = {'RS': (0.02, 0.2, -65, 8), 'FS': (0.1, 0.2, -65, 2), 'LTS': (0.02, 0.25, -65, 2)}


def izhikevich(preset, currents, dt_ms=0.1, duration_ms=1000.0):
    defaultclock.dt = dt_ms * ms
    a, b, c, d = IZH[preset]
    G = NeuronGroup(len(currents), 'v : 1\nu : 1\nI : 1\n', threshold='v >= 30', reset='v = c; u = u + d', method='euler',
                    namespace={'a': a, 'b': b, 'c': c, 'd': d})
    G.run_regularly('''v = v + 0.5*(dt/ms)*(0.04*v**2 + 5*v + 140 - u + I)
v = v + 0.5*(dt/ms)*(0.04*v**2 + 5*v + 140 - u + I)
u = u + (dt/ms)*a*(b*v - u)''', when='groups')
    G.v = -65
    G.u = b * -65
    G.I = currents
    return counts(G, SpikeMonitor(G), duration_ms)


def hh(currents, dt_ms=0.01, duration_ms=200.0):
    defaultclock.dt = dt_ms * ms
    G = hh_group(currents, method='rk4')
    return counts(G, SpikeMonitor(G), duration_ms)


curves = []
c = grid(0, 60); curves.append({'soma': 'lif', 'dt_ms': 0.1, 'duration_ms': 1000.0, 'currents': c, 'counts': lif(c)})
for p in IZH:
    c = grid(0, 30); curves.append({'soma': f'izhikevich:{p}', 'dt_ms': 0.1, 'duration_ms': 1000.0, 'currents': c, 'counts': izhikevich(p, c)})
c = grid(0, 40, 21); curves.append({'soma': 'hh', 'dt_ms': 0.01, 'duration_ms': 200.0, 'currents': c, 'counts': hh(c)})
print(json.dumps({'simulator': f'Brian2 {__version__} (numpy target)', 'script': 'scripts/brian2/fi_reference.py', 'curves': curves}, indent=1))
