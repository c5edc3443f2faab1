/**
 * Keyboard shortcuts: space plays and pauses, the right arrow steps. Ignored while typing in a
 * text field, a text area or a list, so they never steal keys from a control; and Space on a
 * focused button, link or summary is left to it (it presses that button, as everywhere else on
 * the web). Returns the function that removes the listener.
 */
export function bindShortcuts(target: Document, actions: { toggle(): void; step(): void }): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const el = e.target as HTMLElement | null;
    const tag = el?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
    if (e.key === ' ' || e.code === 'Space') {
      if (el?.closest('button, a[href], summary, [role="button"], [role="menuitem"], [role="tab"]')) return;
      e.preventDefault(); // no page scroll
      actions.toggle();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      actions.step();
    }
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
