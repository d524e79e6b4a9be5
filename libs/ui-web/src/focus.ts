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
 * Focus for what a click draws or removes (a new row, the message after a saved form): without it
 * keyboard focus falls back to the page's start. The element may appear only once an answer has
 * come back and the screen reloaded, so it is looked for a few seconds; never found, nothing moves.
 */
export function focusLater(id: string, waitMs = 5_000): void {
  const until = Date.now() + waitMs;
  const attempt = () => {
    const element = document.getElementById(id);
    if (element) element.focus();
    else if (Date.now() < until) setTimeout(attempt, 50);
  };
  setTimeout(attempt, 0);
}
