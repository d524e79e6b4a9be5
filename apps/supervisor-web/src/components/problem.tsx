import {
  Loading as SharedLoading,
  type Problem,
  ProblemMessage as SharedProblemMessage,
} from '@reintegra/ui-web';
import { useI18n } from '../i18n';

/** An API problem for people: its title and, for bad input, what is wrong with each field. */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  const { t } = useI18n();
  return <SharedProblemMessage problem={problem} genericTitle={t.errors.generic} />;
}

export function Loading() {
  const { t } = useI18n();
  return <SharedLoading label={t.loading} />;
}
