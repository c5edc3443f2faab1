"""Izhikevich (2003) presets with Brian2, for Soma's Izhikevich tests.

For each preset (RS IB CH FS TC RZ LTS) at I = 10 over 1 s at dt = 0.1 ms, v0 = -65, u0 = b v0,
with both schemes of src/core/bio/izhikevich.ts:
  published: v += dt/2 f(v,u); v += dt/2 f(v,u); u += dt a (b v - u)  (Brian2 run_regularly code)
  euler:     Brian2's own method='euler' on the differential equations
A spike is v >= 30 after the update, recorded by Brian2 at the start of the step (t).

    /usr/bin/python3 scripts/brian2/izhikevich_reference.py > src/core/bio/reference/izhikevich_brian2.json
"""
import json
import warnings

warnings.filterwarnings("ignore")
import numpy as np
from brian2 import NeuronGroup, SpikeMonitor, Network, ms, defaultclock, prefs, __version__

PRESETS = {
    'RS': (0.02, 0.2, -65, 8), 'IB': (0.02, 0.2, -55, 4), 'CH': (0.02, 0.2, -50, 2),
    'FS': (0.1, 0.2, -65, 2), 'TC': (0.02, 0.25, -65, 0.05), 'RZ': (0.1, 0.26, -65, 2),
    'LTS': (0.02, 0.25, -65, 2),
}
I_EXT, DURATION_MS, DT_MS = 10.0, 1000.0, 0.1


def run(scheme):
    prefs.codegen.target = 'numpy'
    defaultclock.dt = DT_MS * ms
    names = list(PRESETS)
    params = '''a : 1
b : 1
c : 1
d : 1
I : 1
'''
    if scheme == 'published':
        G = NeuronGroup(len(names), params + 'v : 1\nu : 1\n', threshold='v >= 30', reset='v = c; u = u + d', method='euler')
        G.run_regularly('''v = v + 0.5*(dt/ms)*(0.04*v**2 + 5*v + 140 - u + I)
v = v + 0.5*(dt/ms)*(0.04*v**2 + 5*v + 140 - u + I)
u = u + (dt/ms)*a*(b*v - u)''', when='groups')
    else:
        eqs = params + '''dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
du/dt = a*(b*v - u)/ms : 1
'''
        G = NeuronGroup(len(names), eqs, threshold='v >= 30', reset='v = c; u = u + d', method='euler')
    G.a = [PRESETS[n][0] for n in names]
    G.b = [PRESETS[n][1] for n in names]
    G.c = [PRESETS[n][2] for n in names]
    G.d = [PRESETS[n][3] for n in names]
    G.I = I_EXT
    G.v = -65
    G.u = 'b*v'
    mon = SpikeMonitor(G)
    net = Network(G, mon)
    net.run(DURATION_MS * ms)
    trains = mon.spike_trains()
    return {n: [round(float(t / ms), 6) for t in trains[k]] for k, n in enumerate(names)}


doc = {
    'simulator': f'Brian2 {__version__} (numpy target)',
    'script': 'scripts/brian2/izhikevich_reference.py',
    'current': I_EXT, 'duration_ms': DURATION_MS, 'dt_ms': DT_MS, 'v0': -65, 'u0': 'b*v0',
    'presets': {n: dict(zip('abcd', PRESETS[n])) for n in PRESETS},
    'spike_times_ms': {s: run(s) for s in ('published', 'euler')},
}
print(json.dumps(doc, indent=1))
