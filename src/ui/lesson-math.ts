/**
 * Formulas on the page through KaTeX, loaded on first use (a dynamic import, so the page's first
 * frame does not wait for it and the entry chunk stays as small as before). Until KaTeX has
 * arrived an element shows the TeX source; the latest request per element wins, so a quick
 * change of step never leaves an old formula behind.
 */
import type { KatexOptions } from 'katex';
import { splitMath } from '../core/lessons/text';

type Katex = { render(tex: string, el: HTMLElement, options?: KatexOptions): void };

let katex: Katex | null = null;
let loading: Promise<Katex> | null = null;
const pending = new WeakMap<HTMLElement, () => void>();

/** Starts loading KaTeX (script and style); resolves when it can render. */
export function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => (katex = m.default));
  return loading;
}

/** Renders `draw` now if KaTeX is here, else once it is (unless the element got a newer request). */
function whenReady(el: HTMLElement, fallback: () => void, draw: (k: Katex) => void): void {
  if (katex) {
    pending.delete(el);
    draw(katex);
    return;
  }
  fallback();
  const job = (): void => draw(katex!);
  pending.set(el, job);
  void loadKatex().then(() => {
    if (pending.get(el) === job) {
      pending.delete(el);
      job();
    }
  });
}

/** Fills `el` with lesson text: words as text nodes, `$...$` as inline KaTeX. */
export function renderRich(el: HTMLElement, text: string): void {
  const segments = splitMath(text);
  const build = (k: Katex | null): void => {
    el.replaceChildren();
    for (const seg of segments) {
      if (seg.kind === 'text' || !k) {
        el.append(document.createTextNode(seg.kind === 'text' ? seg.value : seg.value));
      } else {
        const span = document.createElement('span');
        k.render(seg.value, span, { throwOnError: false, displayMode: false });
        el.append(span);
      }
    }
  };
  whenReady(el, () => build(null), (k) => build(k));
}

/** Fills `el` with one display formula. */
export function renderFormula(el: HTMLElement, tex: string): void {
  whenReady(
    el,
    () => (el.textContent = tex),
    (k) => k.render(tex, el, { throwOnError: false, displayMode: true }),
  );
}
