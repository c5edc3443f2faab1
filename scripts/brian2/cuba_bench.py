"""Times Brian2 on the CUBA network (4000 neurons, 1 s, dt 0.1 ms) for `npm run bench -- --only cuba`.

Prints one JSON object:
  standalone_s      wall time of the C++ standalone binary (it builds the network and runs it),
                    compiled beforehand (compilation not counted)
  cython_build_s    Cython runtime: creating the groups and the synapses (connect)
  cython_run_s      Cython runtime: run(1 s); the first call of a fresh machine compiles (~25 s):
                    take the figures of a second call
  --build-only      standalone: compile only and print the binary's path (the bench runs it itself,
                    alternating with Soma's runs)
Usage: /usr/bin/python3 scripts/brian2/cuba_bench.py [--neurons N] [--target standalone|cython|both] [--build-only]
"""
import argparse
import json
import os
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
import brian2
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, second, defaultclock, prefs,
                    set_device, device, seed as brian_seed)


def model(n):
    taum = 20 * ms; taue = 5 * ms; taui = 10 * ms
    Vt = -50 * mV; Vr = -60 * mV; El = -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact',
                    namespace=dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El))
    P.v = 'Vr + rand() * (Vt - Vr)'
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    Ce = Synapses(P, P, on_pre='ge += we', namespace=dict(we=we))
    Ci = Synapses(P, P, on_pre='gi += wi', namespace=dict(wi=wi))
    Ce.connect(f'i<{int(0.8 * n)}', p=0.02)
    Ci.connect(f'i>={int(0.8 * n)}', p=0.02)
    mon = SpikeMonitor(P)
    return Network(P, Ce, Ci, mon), mon


def cython(n):
    # the code objects are cached on disk by content; run this twice and take the second run's
    # figures, when nothing is compiled any more (the bench does so)
    prefs.codegen.target = 'cython'
    defaultclock.dt = 0.1 * ms
    brian_seed(2)
    t0 = time.perf_counter()
    net, mon = model(n)
    t1 = time.perf_counter()
    net.run(1 * second)
    t2 = time.perf_counter()
    return {'cython_build_s': t1 - t0, 'cython_run_s': t2 - t1, 'cython_spikes': int(mon.num_spikes)}


def standalone(n, build_only):
    d = os.path.join(tempfile.gettempdir(), f'soma_cuba_standalone_{n}')
    set_device('cpp_standalone', directory=d, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0
    defaultclock.dt = 0.1 * ms
    net, _ = model(n)
    net.run(1 * second)
    device.build(directory=d, compile=True, run=False)
    if build_only:
        return {'standalone_directory': d, 'standalone_binary': os.path.join(d, 'main')}
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        device.run(directory=d, with_output=False, run_args=[])
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
    return {'standalone_s': best}


ap = argparse.ArgumentParser()
ap.add_argument('--neurons', type=int, default=4000)
ap.add_argument('--target', default='both')
ap.add_argument('--build-only', action='store_true', help='standalone: compile, print the directory, do not run')
a = ap.parse_args()
out = {'brian2': brian2.__version__}
if a.target in ('cython', 'both'):
    out.update(cython(a.neurons))
if a.target in ('standalone', 'both'):
    out.update(standalone(a.neurons, a.build_only))
print(json.dumps(out))
