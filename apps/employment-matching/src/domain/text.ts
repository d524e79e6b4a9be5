/** Lower case, accents and punctuation removed, single spaces: "Albañil, Construcción" → "albanil construccion". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A code from free text: "Lectura de planos" → "lectura-de-planos". */
export function toCode(text: string): string {
  return foldText(text).replace(/ /g, '-');
}
