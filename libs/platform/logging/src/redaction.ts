/**
 * Log redaction: personal and sensitive fields are censored wherever they appear (two levels
 * deep), and HTTP bodies are never logged. Returnees and survivors are at risk if data leaks.
 */
export const SENSITIVE_KEYS = [
  'dui',
  'firstNames',
  'lastNames',
  'names',
  'dateOfBirth',
  'phone',
  'email',
  'address',
  'contact',
  'password',
  'authorization',
  'cookie',
  'notes',
  'answers',
] as const;

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];
