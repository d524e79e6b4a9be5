import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';

const DAY_MS = 86_400_000;

/**
 * When something really happened, recorded later (on paper, while offline, or imported from the
 * office's earlier files): an ISO timestamp not in the future (a minute of clock skew allowed) and
 * at most `maxDaysBack` days ago. The workflows measure deadlines and follow-ups from this date.
 */
export function recordedDate(maxDaysBack: number, what: { es: string; en: string }) {
  return z.iso.datetime({ offset: true }).refine(
    (value) => {
      const at = Date.parse(value);
      return at <= Date.now() + 60_000 && at >= Date.now() - maxDaysBack * DAY_MS;
    },
    {
      message: bilingual(
        `${what.es} no puede ser futura ni de hace más de ${maxDaysBack} días.`,
        `${what.en} cannot be in the future or more than ${maxDaysBack} days ago.`,
      ),
    },
  );
}
