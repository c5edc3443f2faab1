/**
 * Composition root of the page: starts the lab in its Web Worker, reads the settings, starts the app.
 * Everything but the start-up guard is imported inside it, so that a module failing to load is
 * shown as a notice (src/ui/start.ts) rather than a blank page; the strict-CSP set-up comes first.
 */
import './styles/page.css';
import { somaHandle, type SomaHandle } from './ui/soma-handle';
import { guardedStart } from './ui/start';

declare global {
  interface Window {
    /** The running page, for browser tests and the benchmark. */
    soma?: SomaHandle;
  }
}

await guardedStart(async () => {
  await import('./ui/strict-csp');
  const [{ connectLab }, { App }, { readUrlSettings }, { mountPictures }] = await Promise.all([
    import('./ui/lab-connection'),
    import('./ui/app'),
    import('./ui/url-state'),
    import('./ui/pictures'),
  ]);
  const { settings, problems } = readUrlSettings();
  // The lab (training, the spiking network, the region grid) runs in its Web Worker.
  const { client } = await connectLab(settings);
  const app = await App.start(settings, problems, client);
  // Picture buttons on every panel (PNG; the circuit as SVG) and the 2x box in the Export group.
  mountPictures(() => app.stage, document.getElementById('export-bar')!, settings.lang as 'en' | 'ko');
  window.soma = somaHandle(app);
});
