import { type ReactNode, useEffect, useState } from 'react';
import { Loading, type Problem, ProblemMessage, problemOf } from '@reintegra/ui-web';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/**
 * The frame every referral inbox of the office shares (employment, education, outside
 * organisations): title, the last answer's notice, the referrals to answer and, below, the ones
 * answered recently.
 */
export function InboxPage<T>(props: {
  title: string;
  intro: string;
  list: { data?: T[] | undefined; error?: Problem | undefined; loading: boolean };
  notice?: string | undefined;
  isOpen: (row: T) => boolean;
  /** One row's list item (with its key): both lists draw their rows the same way. */
  renderItem: (row: T) => ReactNode;
}) {
  const { t } = useI18n();
  const rows = props.list.data ?? [];
  const open = rows.filter(props.isOpen);
  // Referrals already answered: the 50 most recent, for reference.
  const answered = rows.filter((row) => !props.isOpen(row)).slice(0, 50);
  const list = (items: T[], testId: string) => (
    <ul className="inbox" data-testid={testId}>
      {items.map((row) => props.renderItem(row))}
    </ul>
  );
  return (
    <>
      <h1>{props.title}</h1>
      <p className="muted">{props.intro}</p>
      {props.notice && (
        <p className="notice" role="status">
          {props.notice}
        </p>
      )}
      <ProblemMessage problem={props.list.error} genericTitle={t.genericError} />
      {props.list.loading && !props.list.data && <Loading label={t.loading} />}
      {props.list.data && rows.length === 0 && <p>{t.inbox.none}</p>}
      {rows.length > 0 && (
        <>
          <section aria-labelledby="open-referrals">
            <h2 id="open-referrals">
              {t.inbox.toAnswer} ({open.length})
            </h2>
            {open.length === 0 ? <p>{t.inbox.noneToAnswer}</p> : list(open, 'inbox')}
          </section>
          {answered.length > 0 && (
            <section aria-labelledby="answered-referrals">
              <h2 id="answered-referrals">{t.inbox.answeredList}</h2>
              {list(answered, 'inbox-answered')}
            </section>
          )}
        </>
      )}
    </>
  );
}

/** One answer to a referral at a time: busy while it goes, the API's problem kept for display. */
export function useAnswer(onAnswered: (message: string) => void) {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const send = async (path: string, body: unknown, message: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.apiPost(path, body);
      onAnswered(message);
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, send };
}

/**
 * The notice of an answer, shown once what it answered has been read again: never "accepted"
 * beside the status from before.
 */
export function useAnswerNotice(list: { data?: unknown; error?: unknown; reload: () => void }) {
  const [pending, setPending] = useState<{ message: string; before: unknown }>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (!pending || (list.data === pending.before && !list.error)) return;
    setNotice(pending.message);
    setPending(undefined);
  }, [pending, list.data, list.error]);
  const answered = (message: string) => {
    setNotice(undefined);
    setPending({ message, before: list.data });
    list.reload();
  };
  return { notice, answered };
}
