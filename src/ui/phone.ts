/**
 * The page on a phone (<= 700 px wide, styles in src/styles/access.css): the top bar's last row
 * (Play, Step, Reset, the tour's Next while a step is open, the spike sound, the File menu) stays
 * on screen while the page scrolls, and the export and import actions live in one File menu.
 *
 * Sticky row: the whole top bar is `position: sticky` with a negative top, minus the height of
 * the rows above its last one (`--topbar-lift`), so those rows scroll away and the last row
 * sticks; the tour bar sticks just under it (`--topbar-stuck`). Both are measured by a
 * ResizeObserver, so a wrapped title or Korean words keep it right.
 *
 * File menu: a disclosure button (aria-expanded, aria-controls) that shows the Export group as a
 * list under the bar; on a wide window the button is hidden and the group is the toolbar it was.
 * Keys in the open menu: up / down (and Home / End) move between its items, Escape closes it and
 * returns focus to the button; focus leaving it, or a click on an action, closes it.
 */
import { at } from './access-text';
import type { Lang } from './i18n';

/** The phone layout's width limit, as in page.css. */
export const PHONE_QUERY = '(max-width: 700px)';

const ITEMS = 'button:not([disabled]), select, input:not([type="hidden"])';

export class PhoneHeader {
  readonly menuButton: HTMLButtonElement;
  readonly nextButton: HTMLButtonElement;
  private readonly observer: ResizeObserver;
  private readonly tourObserver: MutationObserver;
  private readonly off: (() => void)[] = [];

  constructor(private readonly topbar: HTMLElement, private readonly transport: HTMLElement, private readonly menu: HTMLElement, lang: Lang) {
    // The tour's Next, in the bar (shown on a phone while a step is open).
    this.nextButton = document.createElement('button');
    this.nextButton.type = 'button';
    this.nextButton.id = 'bar-next';
    this.nextButton.textContent = at(lang, 'next');
    this.nextButton.title = at(lang, 'nextTip');
    this.nextButton.hidden = true;
    this.nextButton.setAttribute('aria-keyshortcuts', 'N');
    this.on(this.nextButton, 'click', () => document.getElementById('tour-next')?.click());

    this.menuButton = document.createElement('button');
    this.menuButton.type = 'button';
    this.menuButton.id = 'file-menu';
    this.menuButton.className = 'file-menu-button';
    this.menuButton.textContent = at(lang, 'menu');
    this.menuButton.title = at(lang, 'menuTip');
    this.menuButton.setAttribute('aria-label', at(lang, 'menuName'));
    this.menuButton.setAttribute('aria-expanded', 'false');
    this.menuButton.setAttribute('aria-controls', menu.id);
    this.on(this.menuButton, 'click', () => this.setOpen(!this.isOpen));
    this.transport.append(this.nextButton, this.menuButton);

    this.on(menu, 'keydown', (e) => this.menuKey(e as KeyboardEvent));
    this.on(menu, 'focusout', (e) => {
      const to = (e as FocusEvent).relatedTarget as Node | null;
      if (this.isOpen && to && !menu.contains(to) && to !== this.menuButton) this.setOpen(false);
    });
    // An action taken (a download, a file chosen) closes the menu; the select stays open to choose.
    this.on(menu, 'click', (e) => {
      const t = e.target as HTMLElement;
      if (this.isOpen && t.closest('button')) this.setOpen(false);
    });
    this.on(menu, 'change', (e) => {
      if (this.isOpen && (e.target as HTMLElement).matches('input[type="file"]')) this.setOpen(false);
    });

    this.observer = new ResizeObserver(() => this.measure());
    this.observer.observe(topbar);
    this.observer.observe(transport);
    this.tourObserver = new MutationObserver(() => this.followTour());
    this.tourObserver.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['hidden', 'disabled'] });
    this.followTour();
    this.measure();
  }

  private on(el: EventTarget, type: string, fn: (e: Event) => void): void {
    el.addEventListener(type, fn);
    this.off.push(() => el.removeEventListener(type, fn));
  }

  get isOpen(): boolean {
    return this.menu.dataset.open === 'true';
  }

  /** Opens or closes the File menu; opening moves focus to its first item. */
  setOpen(open: boolean, focusButton = false): void {
    // The list opens just under the button, wherever the bar is (scrolled or not).
    if (open) this.menu.style.setProperty('--menu-top', `${Math.round(this.menuButton.getBoundingClientRect().bottom + 4)}px`);
    if (open) this.menu.dataset.open = 'true';
    else delete this.menu.dataset.open;
    this.menuButton.setAttribute('aria-expanded', String(open));
    if (open) this.items()[0]?.focus();
    else if (focusButton) this.menuButton.focus();
  }

  private items(): HTMLElement[] {
    return [...this.menu.querySelectorAll<HTMLElement>(ITEMS)];
  }

  private menuKey(e: KeyboardEvent): void {
    if (!this.isOpen) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // the tour's Escape does not also close the tour
      this.setOpen(false, true);
      return;
    }
    if ((e.target as HTMLElement).tagName === 'SELECT' && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) return; // its own choices
    const items = this.items();
    const k = items.indexOf(document.activeElement as HTMLElement);
    const to = e.key === 'ArrowDown' ? k + 1 : e.key === 'ArrowUp' ? k - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    e.stopPropagation();
    items[(to + items.length) % items.length]?.focus();
  }

  /** The bar's Next follows the tour: shown while a step is open, disabled at the last step. */
  private followTour(): void {
    const tour = document.getElementById('tour');
    const next = document.getElementById('tour-next') as HTMLButtonElement | null;
    const open = !!tour && !tour.hidden;
    if (this.nextButton.hidden === open) this.nextButton.hidden = !open;
    const disabled = !!next?.disabled;
    if (this.nextButton.disabled !== disabled) this.nextButton.disabled = disabled;
  }

  /** How far the bar lifts before it sticks (the rows above its last one) and how much of it stays. */
  private measure(): void {
    const root = document.documentElement;
    const lift = Math.max(0, this.transport.offsetTop - this.topbar.offsetTop - 4);
    const stuck = Math.max(0, this.topbar.offsetHeight - lift);
    root.style.setProperty('--topbar-lift', `${lift}px`);
    root.style.setProperty('--topbar-stuck', `${stuck}px`);
  }

  destroy(): void {
    for (const f of this.off) f();
    this.observer.disconnect();
    this.tourObserver.disconnect();
    this.nextButton.remove();
    this.menuButton.remove();
  }
}
