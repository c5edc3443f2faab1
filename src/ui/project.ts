/**
 * "Save project" / "Open project" and a project file dropped anywhere on the page
 * (src/core/export/project-file.ts): a teacher prepares a lesson at home and opens it in class as
 * it was, weights included. The buttons talk to the page only through `ProjectHost` (the state to
 * save, a way to restore one); `pageProjectHost` builds it from the few parts of the page it uses
 * (`ProjectPage`), so when the lab moves into a Web Worker only that function is re-wired
 * (`state` and `restore` may return promises).
 *
 * A bad file (not JSON, from a newer Soma, hostile, wrong field) is refused with a notice naming
 * the field; the page keeps its state, because the file is parsed and checked before `restore`
 * is called. A project whose language differs from the page's is kept in sessionStorage over the
 * reload that changes the language, and opened after it (`takePendingProject`).
 */
import { ParameterError } from '../core/errors';
import { checkNetworkFileSize } from '../core/export/network-file';
import { parseProjectFileText, projectFileText, PROJECT_FILE_NAME, type ProjectState } from '../core/export/project-file';
import type { Settings } from '../core/lab/settings';
import type { App } from './app';
import { download } from './export';
import { fileInput, takeDroppedFiles } from './file-input';
import type { Lang } from './i18n';
import type { Notices } from './notices';
import type { Tour } from './tour';

/** The parts of the page a project touches (app.ts hands them over in one object). */
export interface ProjectPage {
  app: Pick<App, 'lab' | 'runner' | 'stage' | 'applySettings'>;
  settings(): Settings;
  setSettings(s: Settings): void;
  tour(): Tour | null;
  /** Redraws after the lab changed (`prev`: the snapshot before). */
  refresh(prev: unknown): void;
  notices: Pick<Notices, 'show' | 'hide'>;
}

/**
 * The host of a page: saves its settings, current weights and selection; restores a project as
 * tour step, settings (after the step, so the project's win), weights, selection, training paused.
 * Weights that do not fit the data throw ParameterError after the page went back to its state.
 */
export function pageProjectHost(page: ProjectPage): ProjectHost {
  const { app } = page;
  const state = async (): Promise<ProjectState> => ({ settings: { ...page.settings() }, network: await app.lab.networkFile(), selectedNeuron: app.stage.selected });
  const put = async (q: ProjectState): Promise<void> => {
    const prev = app.lab.snapshot;
    app.runner.setPlaying(false);
    if (q.settings.tour > 0) page.tour()?.go(q.settings.tour, true);
    else page.tour()?.close();
    await app.applySettings(q.settings);
    // the weights go in while no frame is in flight (the lab is in its worker)
    if (q.network) page.setSettings({ ...(await app.runner.exclusive(() => app.lab.loadNetwork(q.network!, 'project.network'))) });
    app.runner.speed = q.settings.speed;
    const overlay = document.getElementById('overlay');
    if (overlay) overlay.hidden = !q.settings.perf;
    app.stage.selected = q.selectedNeuron;
    page.refresh(prev);
  };
  return {
    state,
    async restore(q) {
      const before = await state();
      try {
        await put(q);
      } catch (e) {
        await put(before);
        throw e;
      }
    },
    notify: (message, kind) => (message ? page.notices.show('project', message, kind) : page.notices.hide('project')),
  };
}

/** What the project buttons need from the page. */
export interface ProjectHost {
  /** The page's state now: every setting, the current weights, the selected neuron. */
  state(): ProjectState | Promise<ProjectState>;
  /** Puts a checked state on the page (settings, then weights, tour step, selection). */
  restore(state: ProjectState): void | Promise<void>;
  /** Shows a message in the notices ('' hides it). */
  notify(message: string, kind: 'info' | 'warning' | 'error'): void;
}

const TEXT = {
  save: { en: 'Save project', ko: '프로젝트 저장' },
  saveTip: {
    en: 'Download the whole page as one project file (lesson.soma.json): every setting, the trained or imported weights, your own points, the tour step and the selected neuron. Open it here, or with soma convert --project',
    ko: '페이지 전체를 프로젝트 파일 하나(lesson.soma.json)로 내려받습니다: 모든 설정, 학습하거나 가져온 가중치, 직접 찍은 점, 둘러보기 단계, 선택한 뉴런. 여기서 열거나 soma convert --project로 읽습니다',
  },
  open: { en: 'Open project', ko: '프로젝트 열기' },
  openName: { en: 'Open a project file', ko: '프로젝트 파일 열기' },
  openTip: { en: 'Open a project file (.soma.json) saved by this page; you can also drop it anywhere on the page', ko: '이 페이지가 저장한 프로젝트 파일(.soma.json)을 엽니다. 페이지 어디에나 끌어다 놓아도 됩니다' },
  opened: { en: 'Opened {file}: settings, weights, tour step and selection as saved.', ko: '{file}을(를) 열었습니다: 저장한 그대로의 설정, 가중치, 둘러보기 단계, 선택.' },
  problem: { en: 'Not opened ({file}); the page keeps its state:', ko: '열지 못했습니다 ({file}). 페이지는 현재 상태를 유지합니다:' },
} as const;

type Key = keyof typeof TEXT;
const tx = (lang: Lang, key: Key, vars: Record<string, string> = {}): string => TEXT[key][lang === 'ko' ? 'ko' : 'en'].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/** sessionStorage key of a project waiting for the reload that changes the page's language. */
const PENDING = 'soma-project-pending';

/** The text and name of a project left by a language change before the reload, once; else null. */
export function takePendingProject(): { text: string; name: string } | null {
  try {
    const raw = sessionStorage.getItem(PENDING);
    if (raw === null) return null;
    sessionStorage.removeItem(PENDING);
    return JSON.parse(raw) as { text: string; name: string };
  } catch {
    return null;
  }
}

/**
 * Opens the text of a project file: parsed and checked first (a refusal changes nothing), then
 * restored; a project in the other language reloads the page in it first. Returns '' or the refusal.
 */
export async function openProjectText(text: string, name: string, host: ProjectHost, lang: Lang): Promise<string> {
  let state: ProjectState;
  try {
    state = parseProjectFileText(text);
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    host.notify(`${tx(lang, 'problem', { file: name })} ${e.message}`, 'error');
    return e.message;
  }
  if (state.settings.lang !== lang) {
    sessionStorage.setItem(PENDING, JSON.stringify({ text, name }));
    const url = new URL(location.href);
    url.searchParams.set('lang', state.settings.lang);
    location.replace(url.toString());
    return '';
  }
  try {
    await host.restore(state);
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    host.notify(`${tx(lang, 'problem', { file: name })} ${e.message}`, 'error');
    return e.message;
  }
  host.notify(tx(lang, 'opened', { file: name }), 'info');
  return '';
}

/**
 * Adds "Save project" and "Open project" to `root` and takes project files dropped on the page
 * (drops another handler already took are left alone). Returns the teardown.
 */
export function mountProject(root: HTMLElement, page: ProjectPage | ProjectHost, lang: Lang): () => void {
  const host = 'app' in page ? pageProjectHost(page) : page;
  const save = document.createElement('button');
  save.type = 'button';
  save.id = 'project-save';
  save.textContent = tx(lang, 'save');
  save.title = tx(lang, 'saveTip');
  save.addEventListener('click', () => {
    void Promise.resolve(host.state()).then((state) => download(PROJECT_FILE_NAME, projectFileText(state, new Date()), 'application/json'));
  });

  const file = fileInput({
    id: 'project-open', accept: '.json,application/json', name: tx(lang, 'openName'), text: tx(lang, 'open'), tip: tx(lang, 'openTip'),
    checkSize: (bytes) => checkNetworkFileSize(bytes, 'project'),
    onText: (text, name) => void openProjectText(text, name, host, lang),
    onRefused: (name, message) => host.notify(`${tx(lang, 'problem', { file: name })} ${message}`, 'error'),
  });
  root.append(save, file.input, file.label);

  // A project file dropped anywhere on the page (the ANN scene's own drop takes network files first).
  const stopDrops = takeDroppedFiles(document, file.read);
  // a project left by a language change opens after the reload
  const pending = takePendingProject();
  if (pending) void openProjectText(pending.text, pending.name, host, lang);
  return () => {
    stopDrops();
    save.remove();
    file.input.remove();
    file.label.remove();
  };
}
