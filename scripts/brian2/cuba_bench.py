"""Brian2's side of `npm run bench -- --only cuba` (and cuba-scaling): CUBA (Brette et al. 2007,
as Brian2's examples/CUBA.py), dt 0.1 ms, 1 s, N neurons with connection probability p.

  --target standalone   compile the C++ standalone project (once: kept in the temporary folder,
                        keyed by N, p and the text of this script and cuba_model.py) and print where its two binaries are:
                          standalone_binary          the project as Brian2 builds it: at exit it
                                                     writes every array (state, synapses, spikes)
                                                     to results/
                          standalone_binary_nowrite  the same project with _write_arrays() reduced
                                                     to results/last_run_info.txt (Brian2's own loop
                                                     time), so nothing else is written
                        The bench runs both itself, interleaved with Soma's processes, and reads
                        the spikes back from results/ to check the work.
  --target cython       one process: build the network, then run(1 s) --runs times; the first run
                        includes code generation and compilation (or the disk cache), later runs
                        are Brian2's loop alone. Prints build and per-run seconds and spike counts.
Usage: /usr/bin/python3 scripts/brian2/cuba_bench.py --target standalone|cython [--neurons N] [--p P] [--runs K]
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
import brian2
from brian2 import ms, second, defaultclock, prefs, set_device, device

import cuba_model
from cuba_model import cuba_network


def model(n, p):
    net, _, _, _, mon = cuba_network(n, p)
    return net, mon


def cython(n, p, runs):
    prefs.codegen.target = 'cython'
    defaultclock.dt = 0.1 * ms
    t0 = time.perf_counter()
    net, mon = model(n, p)
    build = time.perf_counter() - t0
    run_s, spikes = [], []
    for _ in range(runs):
        before = int(mon.num_spikes)
        t0 = time.perf_counter()
        net.run(1 * second)
        run_s.append(time.perf_counter() - t0)
        spikes.append(int(mon.num_spikes) - before)
    return {'cython_build_s': build, 'cython_run_s': run_s, 'cython_spikes': spikes}


def strip_writes(directory):
    """_write_arrays() keeps only its last block (results/last_run_info.txt); `make` rebuilds."""
    path = os.path.join(directory, 'objects.cpp')
    text = open(path).read()
    head = 'void _write_arrays()\n{\n\tusing namespace brian;\n'
    tail = '\t// Write last run info to disk'
    a, b = text.index(head) + len(head), text.index(tail)
    if not re.search(r'outfile_', text[a:b]):
        raise SystemExit('cuba_bench.py: unexpected objects.cpp (no array writes found)')
    open(path, 'w').write(text[:a] + text[b:])
    subprocess.run(['make', '-s'], cwd=directory, check=True, stdout=subprocess.DEVNULL)


def standalone(n, p):
    text = b''.join(open(path, 'rb').read() for path in (__file__, cuba_model.__file__))
    key = hashlib.sha1(text + f'{n} {p} {brian2.__version__}'.encode()).hexdigest()[:10]
    d = os.path.join(tempfile.gettempdir(), f'soma_cuba_standalone_{n}_{key}')
    nowrite = d + '_nowrite'
    stamp = os.path.join(nowrite, 'built.stamp')
    if not os.path.exists(stamp):
        shutil.rmtree(d, ignore_errors=True)
        shutil.rmtree(nowrite, ignore_errors=True)
        set_device('cpp_standalone', directory=d, build_on_run=False)
        prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, as Soma
        defaultclock.dt = 0.1 * ms
        net, _ = model(n, p)
        net.run(1 * second)
        device.build(directory=d, compile=True, run=False)
        shutil.copytree(d, nowrite, symlinks=True, copy_function=shutil.copy2)  # keep times: make rebuilds objects.o only
        strip_writes(nowrite)
        open(stamp, 'w').write(key)
    return {'standalone_binary': os.path.join(d, 'main'), 'standalone_binary_nowrite': os.path.join(nowrite, 'main')}


ap = argparse.ArgumentParser()
ap.add_argument('--neurons', type=int, default=4000)
ap.add_argument('--p', type=float, default=0.02)
ap.add_argument('--target', choices=['standalone', 'cython'], required=True)
ap.add_argument('--runs', type=int, default=4)
a = ap.parse_args()
out = {'brian2': brian2.__version__}
out.update(cython(a.neurons, a.p, a.runs) if a.target == 'cython' else standalone(a.neurons, a.p))
print(json.dumps(out))
