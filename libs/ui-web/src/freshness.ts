import type { Language } from './i18n';

/** Whole seconds since an ISO instant; never negative (the browser's clock may run behind). */
export function ageInSeconds(generatedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(generatedAt)) / 1000));
}

/** "Actualizado hace 12 s" / "Updated 12 s ago"; minutes from 60 s, hours from 60 min. */
export function updatedAgo(seconds: number, language: Language): string {
  const age =
    seconds < 60
      ? `${seconds} s`
      : seconds < 3600
        ? `${Math.floor(seconds / 60)} min`
        : `${Math.floor(seconds / 3600)} h`;
  return language === 'es' ? `Actualizado hace ${age}` : `Updated ${age} ago`;
}

const ANNOUNCED_AGES = [0, 30, 60, 300, 900, 1800, 3600];

/**
 * The age screen readers are told: it changes only at 30 s, 1, 5, 15 and 30 min, then hourly, so
 * a polite live region speaks a few times an hour, not every second as the visible text changes.
 */
export function announcedAge(seconds: number): number {
  if (seconds >= 3600) return Math.floor(seconds / 3600) * 3600;
  return ANNOUNCED_AGES.filter((threshold) => threshold <= seconds).pop() ?? 0;
}
