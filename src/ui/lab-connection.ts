/**
 * Starts the page's lab in its Web Worker and connects a `LabClient` to it (comlink's `wrap`
 * over the Worker). A worker that fails to load (a module error, a refused script) rejects the
 * start with the browser's message, so the page shows its start-up notice instead of waiting.
 */
import { wrap } from 'comlink';
import { LabClient, type LabServicePort } from '../core/lab/lab-client';
import type { LabService } from '../core/lab/lab-service';
import type { Settings } from '../core/lab/settings';
import { Runner } from './runner';

/** The worker, its client, and how to stop it. */
export interface LabConnection {
  client: LabClient;
  worker: Worker;
}

/** Starts the lab worker with the settings and waits for its first snapshot. */
export async function connectLab(settings: Settings): Promise<LabConnection> {
  const worker = new Worker(new URL('../core/lab/lab-worker.ts', import.meta.url), { type: 'module', name: 'soma-lab' });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`the lab worker failed to start: ${e.message || 'script error'}`)), { once: true });
  });
  const port = wrap<LabService>(worker) as unknown as LabServicePort;
  const client = await Promise.race([LabClient.connect(port, settings, Runner.budget), failed]);
  return { client, worker };
}
