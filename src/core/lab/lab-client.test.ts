/**
 * The lab behind a message channel (the page's Web Worker, here a Node MessageChannel with the
 * same comlink calls) against the lab called directly: the code being replaced is the oracle,
 * so every snapshot field must be equal bit for bit, refusals must arrive as the same
 * ParameterError, and the snapshot must keep its identity until the network's shape changes.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose, wrap, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { parseNetworkFile } from '../export/network-file';
import { makeTrainerPort } from './engines';
import { Lab } from './lab';
import { LabClient, copySnapshotInto, type LabServicePort } from './lab-client';
import { LabService, plainPair } from './lab-service';
import { defaultSettings, type Settings } from './settings';
import { allocateSnapshot, type LabSnapshot } from './snapshot';

function settings(patch: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...patch };
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/** A client talking to a service over a real MessageChannel (structured clone both ways), as the page does. */
async function overChannel(s: Settings): Promise<LabClient> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(new LabService(makeTrainerPort), port1 as unknown as Endpoint);
  return LabClient.connect(wrap<LabService>(port2 as unknown as Endpoint) as unknown as LabServicePort, s);
}

/** Every field of two snapshots, typed arrays compared element by element (NaN equals NaN). */
function expectSameSnapshot(a: LabSnapshot, b: LabSnapshot): void {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  expect(Object.keys(x).sort()).toEqual(Object.keys(y).sort());
  for (const key of Object.keys(x)) {
    if (key === 'frameMs') continue; // written by the page
    const u = x[key];
    const v = y[key];
    if (ArrayBuffer.isView(u)) expect({ key, v: Array.from(u as Float64Array) }).toEqual({ key, v: Array.from(v as Float64Array) });
    else expect({ key, v: u }).toEqual({ key, v });
  }
}

describe('the lab behind a message channel (the page\'s worker)', () => {
  it('same seed, same frames: every snapshot field equals the lab called directly, bit for bit', async () => {
    const s = settings({ dataset: 'spiral', hidden: 16 });
    const direct = new Lab(s, makeTrainerPort);
    const client = await overChannel(s);
    expectSameSnapshot(client.snapshot, direct.snapshot);
    for (let i = 0; i < 40; i++) {
      direct.frame(4);
      await client.frame(4);
    }
    expect(client.snapshot.totalSpikes).toBeGreaterThan(0);
    expectSameSnapshot(client.snapshot, direct.snapshot);
    // Paused frames, a probe move, a step and several frames in one call.
    direct.idle();
    await client.frame(0);
    direct.setProbe(0.3, -0.4);
    await client.setProbe(0.3, -0.4);
    direct.step();
    await client.step();
    for (let i = 0; i < 5; i++) direct.frame(6);
    await client.frames(5, 6);
    expectSameSnapshot(client.snapshot, direct.snapshot);
    expect(client.spikingActive).toBe(direct.spikingActive);
    expect(client.current).toEqual(direct.current);
    expect(await client.inspect(1, 3)).toEqual(plainPair(direct.inspect(1, 3)));
    expect(await client.networkFile()).toEqual(direct.networkFile());
  });

  it('the snapshot keeps its identity while the shape stays, and is replaced when the hidden layer changes', async () => {
    const client = await overChannel(settings({ hidden: 8 }));
    const first = client.snapshot;
    await client.frame(3);
    await client.configure({ ...client.current, speed: 7 });
    expect(client.snapshot).toBe(first);
    await client.configure({ ...client.current, hidden: 9 });
    expect(client.snapshot).not.toBe(first);
    expect(client.snapshot.sizes[1]).toBe(9);
    expect(client.snapshot.w1.length).toBe(2 * 9);
  });

  it('a network file that does not fit is refused as the same ParameterError, and the snapshot on show stays', async () => {
    const s = settings({ dataset: 'moons', hidden: 6 });
    const direct = new Lab(s, makeTrainerPort);
    const client = await overChannel(s);
    await client.frame(3);
    direct.frame(3);
    const snap = client.snapshot;
    const w1 = Array.from(snap.w1);
    const spiral = new Lab(settings({ dataset: 'spiral', hidden: 6 }), makeTrainerPort).networkFile(); // 3 classes, moons has 2
    let mine: unknown = null;
    let theirs: unknown = null;
    try {
      await client.loadNetwork(spiral);
    } catch (e) {
      mine = e;
    }
    try {
      direct.loadNetwork(spiral);
    } catch (e) {
      theirs = e;
    }
    expect(mine).toBeInstanceOf(ParameterError);
    expect((mine as ParameterError).parameter).toBe('network.layers[1].bias');
    expect((mine as ParameterError).message).toBe((theirs as ParameterError).message);
    expect(client.snapshot).toBe(snap);
    expect(Array.from(client.snapshot.w1)).toEqual(w1);
    await expect(client.setProbe(NaN, 0)).rejects.toThrow(ParameterError);
    // A file that fits loads: the sizes follow it.
    const good = parseNetworkFile(new Lab(settings({ dataset: 'moons', hidden: 4 }), makeTrainerPort).networkFile());
    expect((await client.loadNetwork(good)).hidden).toBe(4);
    expect(client.snapshot.sizes).toEqual([2, 4, 2]);
  });

  it('a watched unit arrives with every reply, equal to inspecting it directly', async () => {
    const s = settings({ hidden: 5 });
    const direct = new Lab(s, makeTrainerPort);
    const client = await overChannel(s);
    let called = 0;
    expect(client.watchedPair(1, 2, () => called++)).toBeNull();
    await client.frame(0); // the watch request is answered before this frame's reply
    direct.idle();
    expect(called).toBe(1);
    await client.frame(4);
    direct.frame(4);
    expect(client.watchedPair(1, 2, () => called++)).toEqual(plainPair(direct.inspect(1, 2)));
    expect(client.inspected!.bio!.axon.kind).toBe('spikes');
  });

  it('copySnapshotInto copies in place only between snapshots of one shape', () => {
    const a = allocateSnapshot([2, 3, 2], 10);
    const b = allocateSnapshot([2, 3, 2], 10);
    b.w1[4] = 1.5;
    b.trainStep = 12;
    const w1 = a.w1;
    expect(copySnapshotInto(a, b)).toBe(true);
    expect(a.w1).toBe(w1);
    expect(a.w1[4]).toBe(1.5);
    expect(a.trainStep).toBe(12);
    expect(copySnapshotInto(a, allocateSnapshot([2, 4, 2], 10))).toBe(false);
    expect(copySnapshotInto(a, allocateSnapshot([2, 3, 2], 11))).toBe(false);
    expect(a.trainStep).toBe(12);
  });
});
