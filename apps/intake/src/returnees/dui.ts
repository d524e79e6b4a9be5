/**
 * Salvadoran DUI (Documento Único de Identidad): `########-#`, the last digit a check digit.
 * Check digit: weights 9..2 over the eight digits; digit = (10 - sum mod 10) mod 10.
 */
export const DUI_PATTERN = /^\d{8}-\d$/;

export function isValidDui(dui: string): boolean {
  if (!DUI_PATTERN.test(dui)) return false;
  const digits = dui.replace('-', '').split('').map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0);
  return (10 - (sum % 10)) % 10 === digits[8];
}
