/** Composition root of the page: picks the engines and the settings source, starts the app. */
import { makeTrainerPort } from './core/lab/engines';
import './styles/page.css';
import { App, type SomaHandle } from './ui/app';
import { readUrlSettings } from './ui/url-state';

declare global {
  interface Window {
    /** The running page, for browser tests and the benchmark. */
    soma?: SomaHandle;
  }
}

const { settings, problems } = readUrlSettings();
const app = await App.start(settings, problems, makeTrainerPort);
window.soma = app.handle();
document.body.dataset.ready = 'true';
