/**
 * After a form comes back with field errors: focus moves to the first field marked invalid, so
 * that keyboard and screen-reader users land on what needs correcting. False when none is marked.
 */
export function focusFirstInvalid(root: HTMLElement | null): boolean {
  const first = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return false;
  first.focus();
  return true;
}

/**
 * Focus for what a click just drew or removed (a new row, a confirmation, the message after a
 * form): without it keyboard focus falls back to the page's start. Runs after the next render.
 */
export function focusLater(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}
