/**
 * Notices at the top of the page (a `role=status` region): a bad link, a diverged training run,
 * an imported network file or why it was refused.
 * Each has a key, so the same notice is not stacked twice, and a dismiss button.
 */
export class Notices {
  private readonly shown = new Map<string, HTMLElement>();

  constructor(
    private readonly root: HTMLElement,
    private readonly dismissLabel: string,
  ) {}

  /** Shows (or replaces) the notice `key`. */
  show(key: string, message: string, kind: 'info' | 'warning' | 'error' = 'warning'): void {
    this.hide(key);
    const box = document.createElement('div');
    box.className = `notice notice-${kind}`;
    box.dataset.notice = key;
    const text = document.createElement('span');
    text.textContent = message;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', this.dismissLabel);
    close.addEventListener('click', () => this.hide(key));
    box.append(text, close);
    this.root.appendChild(box);
    this.shown.set(key, box);
  }

  hide(key: string): void {
    this.shown.get(key)?.remove();
    this.shown.delete(key);
  }
}
