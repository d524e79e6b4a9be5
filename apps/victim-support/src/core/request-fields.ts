import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';

/** Free text a counsellor writes (encrypted where it is stored). */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const unique = <T>(values: T[]) => new Set(values).size === values.length;

export const noRepeats = bilingual('Hay valores repetidos.', 'Values must not repeat.');
