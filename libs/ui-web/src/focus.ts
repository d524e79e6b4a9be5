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
