import { createI18n } from '@reintegra/ui-web';
import { en } from './en';
import { es } from './es';

export type { Messages } from './es';
export const { messages, LanguageProvider, useI18n } = createI18n({ es, en });
