/**
 * Pictures of the panels: a small "PNG" button at the right of the title row of every plot, plane and network
 * scene (accessible name "Download <panel> as PNG"), an "SVG" button on the circuit view, and the
 * "Pictures at 2x" check box in the Export group. A PNG is at the screen's resolution (the panel's
 * CSS pixels x devicePixelRatio), or at twice that in each direction for slides when the box is
 * ticked; Shift-click takes the other size once. Files: `soma-<panel>.png`, `soma-<panel>@2x.png`,
 * `soma-circuit.svg`. The pictures are drawn by the views (src/view/picture.ts); here they become
 * downloads. A picture that cannot be made shows a notice; the page is unchanged either way.
 */
import '../styles/pictures.css';
import { PICTURE_PANELS, type PicturePanel, type Stage } from '../view/stage';
import { pngBlob, standaloneSvg } from '../view/picture';
import { downloadBlob } from './export';
import { et } from './export-text';
import { texts, type Lang } from './i18n';
import { Notices } from './notices';

/** The heading each panel's button sits beside (the panel's name in the reader's language). */
const PANEL_HEADINGS: Record<PicturePanel, string> = {
  'bio-network': 'bio-title',
  'ann-network': 'ann-title',
  'ann-regions': 'ann-regions-title',
  'snn-regions': 'snn-regions-title',
  loss: 'loss-title',
  membrane: 'membrane-title',
  raster: 'raster-title',
  fi: 'fi-title',
  neuron: 'neuron-title',
  scatter: 'scatter-title',
};

/** File name of a panel's picture at `scale` (1 or 2). */
export function pictureFileName(panel: PicturePanel | 'circuit', scale: number, ext: 'png' | 'svg' = 'png'): string {
  return `soma-${panel}${scale === 2 ? '@2x' : ''}.${ext}`;
}

function pictureButton(text: string, name: string, tip: string, onClick: (e: MouseEvent) => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'picture-button';
  b.textContent = text;
  b.setAttribute('aria-label', name);
  b.title = tip;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Adds the picture buttons to the page's panels and the 2x box to `bar`; returns the teardown.
 * `stage()` is read at each click (the stage's views are rebuilt on a new network shape).
 */
export function mountPictures(stage: () => Stage, bar: HTMLElement, lang: Lang): () => void {
  const notices = new Notices(document.getElementById('notices') ?? document.body, texts(lang).ui.dismiss);
  const added: HTMLElement[] = [];

  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = 'pictures-2x';
  box.title = et(lang, 'pictures2xTip');
  const boxLabel = document.createElement('label');
  boxLabel.htmlFor = box.id;
  boxLabel.className = 'pictures-2x';
  boxLabel.title = box.title;
  boxLabel.textContent = et(lang, 'pictures2x');
  const boxWrap = document.createElement('span');
  boxWrap.className = 'pictures-2x-field';
  boxWrap.append(box, boxLabel);
  bar.append(boxWrap);
  added.push(boxWrap);

  const scaleFor = (e: MouseEvent): number => (box.checked !== e.shiftKey ? 2 : 1);

  for (const panel of PICTURE_PANELS) {
    const heading = document.getElementById(PANEL_HEADINGS[panel]);
    if (!heading) continue;
    const title = (): string => heading.textContent ?? '';
    const b = pictureButton('PNG', et(lang, 'picture', { panel: title() }), et(lang, 'pictureTip', { file: pictureFileName(panel, 1), file2x: pictureFileName(panel, 2) }), (e) => {
      const scale = scaleFor(e);
      try {
        const canvas = stage().picture(panel, scale, title());
        void pngBlob(canvas).then(
          (blob) => {
            downloadBlob(pictureFileName(panel, scale), blob);
            notices.hide('picture');
          },
          (err: unknown) => notices.show('picture', `${et(lang, 'pictureProblem', { panel: title() })} ${String(err)}`, 'error'),
        );
      } catch (err) {
        notices.show('picture', `${et(lang, 'pictureProblem', { panel: title() })} ${String(err)}`, 'error');
      }
    });
    b.dataset.picture = panel;
    heading.before(b); // floats right, beside the title (inside it, it would join the panel's name)
    added.push(b);
  }

  // The circuit view (mounted with the teacher's features): its drawing as a standalone SVG.
  const circuitTitle = document.getElementById('circuit-title');
  if (circuitTitle) {
    const title = (): string => circuitTitle.textContent ?? '';
    const b = pictureButton('SVG', et(lang, 'pictureSvg', { panel: title() }), et(lang, 'pictureSvgTip', { file: pictureFileName('circuit', 1, 'svg') }), () => {
      const svg = document.querySelector<SVGSVGElement>('#circuit-panel svg.circuit-svg');
      if (!svg) return;
      downloadBlob(pictureFileName('circuit', 1, 'svg'), new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
    });
    b.dataset.picture = 'circuit';
    circuitTitle.before(b);
    added.push(b);
  }

  return () => {
    for (const el of added) el.remove();
    notices.hide('picture');
  };
}
