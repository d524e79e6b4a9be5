import type { Problem } from '../api';
import { useI18n } from '../i18n';

/** An API problem for people: its title and, for bad input, what is wrong with each field. */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  const { t } = useI18n();
  if (!problem) return null;
  return (
    <div className="problem" role="alert">
      <strong>{problem.status === 0 ? t.errors.generic : problem.title}</strong>
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              {error.field ? <code>{error.field}</code> : null} {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
}
