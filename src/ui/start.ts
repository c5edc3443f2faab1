/**
 * The page's start, guarded: if starting throws or rejects (no WebGL, a script refused by the
 * Content-Security-Policy, a module that failed to load), the page shows a notice naming the
 * cause and the error instead of staying blank. Only this module and the word table are loaded
 * before the guard, so a failure anywhere else is caught.
 */
import { texts, type Lang } from './i18n';

/** The language asked for by the link (`?lang=ko`), read directly: the settings may be what failed. */
function linkLang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'ko' ? 'ko' : 'en';
}

/** Whether this browser gives a page a WebGL context (the probe context is released at once). */
export function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

/** The words of the notice: headline, then the causes found, then the error's own message. */
export function startFailureLines(lang: Lang, error: unknown, causes: { webgl: boolean; refused: string[] }): string[] {
  const u = texts(lang).ui;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const lines = [u.startFailed];
  if (!causes.webgl) lines.push(u.startNoWebgl);
  if (causes.refused.length) lines.push(`${u.startCsp} ${causes.refused.join('; ')}`);
  lines.push(`${u.startError} ${message}`);
  return lines;
}

/** Shows the start-up notice at the top of the page (styled inline: the style sheet may be what failed). */
export function showStartFailure(lines: string[], lang: Lang): HTMLElement {
  const box = document.createElement('div');
  box.id = 'start-failure';
  box.setAttribute('role', 'alert');
  Object.assign(box.style, {
    margin: '12px', padding: '12px 16px', border: '1px solid #803030', borderRadius: '6px',
    background: '#3a2020', color: '#f2e6e6', font: '15px/1.45 system-ui, sans-serif', position: 'relative', zIndex: '10',
  });
  lines.forEach((line, k) => {
    const p = document.createElement(k === 0 ? 'strong' : 'p');
    p.textContent = line;
    p.style.display = 'block';
    p.style.margin = k === 0 ? '0 0 6px' : '4px 0';
    box.appendChild(p);
  });
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = texts(lang).ui.startReload;
  reload.addEventListener('click', () => location.reload());
  box.appendChild(reload);
  document.body.prepend(box);
  return box;
}

/**
 * Runs `start`; on success marks the page ready (`data-ready="true"` on <body>), on failure
 * shows the notice, logs the error, and sets `window.__somaError` to its text (browser tests
 * wait for either).
 */
export async function guardedStart(start: () => Promise<void>): Promise<void> {
  const refused: string[] = [];
  const onRefused = (e: SecurityPolicyViolationEvent) => refused.push(`${e.effectiveDirective} (${e.blockedURI || 'inline'})`);
  document.addEventListener('securitypolicyviolation', onRefused);
  try {
    await start();
    document.body.dataset.ready = 'true';
  } catch (error) {
    const lang = linkLang();
    const lines = startFailureLines(lang, error, { webgl: webglAvailable(), refused });
    showStartFailure(lines, lang);
    (window as unknown as { __somaError?: string }).__somaError = lines.join(' ');
    console.error(error);
  } finally {
    document.removeEventListener('securitypolicyviolation', onRefused);
  }
}
