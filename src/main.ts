/**
 * Composition root of the page: picks the engines and the settings source, starts the app.
 * Everything but the start-up guard is imported inside it, so that a module failing to load is
 * shown as a notice (src/ui/start.ts) rather than a blank page; the strict-CSP set-up comes first.
 */
import './styles/page.css';
import type { SomaHandle } from './ui/app';
import { guardedStart } from './ui/start';

declare global {
  interface Window {
    /** The running page, for browser tests and the benchmark. */
    soma?: SomaHandle;
  }
}

await guardedStart(async () => {
  await import('./ui/strict-csp');
  const [{ makeTrainerPort }, { App }, { readUrlSettings }] = await Promise.all([
    import('./core/lab/engines'),
    import('./ui/app'),
    import('./ui/url-state'),
  ]);
  const { settings, problems } = readUrlSettings();
  const app = await App.start(settings, problems, makeTrainerPort);
  window.soma = app.handle();
});
