import { z } from 'zod';
import type { FieldError } from '@reintegra/platform-errors';

export type Language = 'es' | 'en';

const PREFIX = 'i18n:';

/** A custom validation message in both languages (Spanish first), for `.refine()` and friends. */
export function bilingual(es: string, en: string): string {
  return `${PREFIX}${JSON.stringify({ es, en })}`;
}

const localeErrors = { es: z.locales.es().localeError, en: z.locales.en().localeError };

/** Renders zod issues as field errors in the caller's language. */
export function localizeIssues(
  issues: readonly z.core.$ZodIssue[],
  language: Language,
): FieldError[] {
  return issues.map((issue) => {
    let message = issue.message;
    if (message.startsWith(PREFIX)) {
      message = (JSON.parse(message.slice(PREFIX.length)) as Record<Language, string>)[language];
    } else if (issue.code !== 'custom') {
      const localized = localeErrors[language](issue as never);
      message = (typeof localized === 'string' ? localized : localized?.message) ?? message;
    }
    return { field: issue.path.map(String).join('.'), message };
  });
}

/** First language of Accept-Language that we speak; Spanish (es-SV) by default. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}
