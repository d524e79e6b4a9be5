const FOLDED: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u', ü: 'u', ñ: 'n' };

/**
 * Lower case without accents, as the trigram index returnees_name_trgm folds names
 * (`translate(lower(...), 'áéíóúüñ', 'aeiouun')`): José Ñúñez → jose nunez.
 */
export const foldName = (value: string) =>
  value.toLowerCase().replace(/[áéíóúüñ]/g, (c) => FOLDED[c] ?? c);
