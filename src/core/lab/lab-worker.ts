/**
 * The Web Worker the page runs its lab in: the `LabService` (training, the spiking network, the
 * region grid, the soma panel) exposed through comlink; the page's `LabClient` calls it and draws
 * the snapshots it answers with, so no step of either network runs on the main thread.
 * Bundled by Vite from `new Worker(new URL('../core/lab/lab-worker.ts', import.meta.url), { type: 'module' })`.
 */
import './zod-jitless';
import { expose } from 'comlink';
import { makeTrainerPort } from './engines';
import { LabService } from './lab-service';

expose(new LabService(makeTrainerPort));
