import { findOccupation, isco08UnitGroups } from '@reintegra/reference-data';
import synonyms from '../reference/occupation-synonyms.json';
import { foldText } from './text';

export interface OccupationMatch {
  iscoCode: string;
  titleEs: string;
  titleEn: string;
  /** The synonym or title words that matched, folded. */
  matched: string;
  source: 'synonym' | 'title';
}

interface Term {
  folded: string;
  iscoCode: string;
}

/** Synonym terms, longest first: the most specific term wins ("ayudante de albañil" before "albañil"). */
const TERMS: readonly Term[] = synonyms.occupations
  .flatMap((entry) =>
    entry.terms.map((term) => ({ folded: foldText(term), iscoCode: entry.iscoCode })),
  )
  .sort((a, b) => b.folded.length - a.folded.length);

/** Codes used in the synonym table that ISCO-08 does not have (must stay empty; see the spec). */
export const unknownSynonymCodes = (): string[] =>
  [...new Set(synonyms.occupations.map((entry) => entry.iscoCode))].filter(
    (code) => !findOccupation(code),
  );

const containsWords = (text: string, words: string) => ` ${text} `.includes(` ${words} `);

const STOP_WORDS = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'el',
  'y',
  'en',
  'a',
  'and',
  'of',
  'the',
  'or',
  'o',
]);

function toMatch(iscoCode: string, matched: string, source: OccupationMatch['source']) {
  const occupation = findOccupation(iscoCode);
  return occupation
    ? { iscoCode, titleEs: occupation.titleEs, titleEn: occupation.titleEn, matched, source }
    : undefined;
}

/**
 * ISCO-08 unit groups for free text such as "albañil", "trabajé en construcción" or "drywall",
 * best first: synonym terms found as whole words (longest first), then ISCO titles sharing the
 * most words with the text. An exact ISCO code ("7112") is returned as itself.
 */
export function lookupOccupations(text: string, limit = 5): OccupationMatch[] {
  const folded = foldText(text);
  if (!folded) return [];
  if (/^[0-9]{4}$/.test(folded)) {
    const exact = toMatch(folded, folded, 'title');
    return exact ? [exact] : [];
  }
  const found = new Map<string, OccupationMatch>();
  for (const term of TERMS) {
    if (found.size >= limit) break;
    if (!found.has(term.iscoCode) && containsWords(folded, term.folded)) {
      const match = toMatch(term.iscoCode, term.folded, 'synonym');
      if (match) found.set(term.iscoCode, match);
    }
  }
  if (found.size < limit) {
    const words = folded.split(' ').filter((word) => word.length > 2 && !STOP_WORDS.has(word));
    const scored = isco08UnitGroups
      .filter((occupation) => !found.has(occupation.code))
      .map((occupation) => {
        const title = ` ${foldText(`${occupation.titleEs} ${occupation.titleEn}`)} `;
        const hits = words.filter((word) => title.includes(` ${word}`));
        return { occupation, hits };
      })
      .filter((entry) => entry.hits.length > 0)
      .sort(
        (a, b) =>
          b.hits.length - a.hits.length || a.occupation.code.localeCompare(b.occupation.code),
      );
    for (const { occupation, hits } of scored.slice(0, limit - found.size)) {
      found.set(occupation.code, {
        iscoCode: occupation.code,
        titleEs: occupation.titleEs,
        titleEn: occupation.titleEn,
        matched: hits.join(' '),
        source: 'title',
      });
    }
  }
  return [...found.values()];
}

/** The one ISCO code a synonym gives for free text, if any (titles alone are too loose to code). */
export function codeOccupation(text: string): string | undefined {
  const [best] = lookupOccupations(text, 1);
  return best?.source === 'synonym' || /^[0-9]{4}$/.test(foldText(text))
    ? best?.iscoCode
    : undefined;
}

export const isKnownOccupation = (code: string) => findOccupation(code) !== undefined;
