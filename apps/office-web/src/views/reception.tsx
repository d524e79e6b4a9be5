import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import {
  formatDate,
  Loading,
  navigate,
  type Problem,
  ProblemMessage,
  problemFrom,
  problemOf,
} from '@reintegra/ui-web';
import { api, intake } from '../api';
import { useI18n } from '../i18n';
import type { ArrivalEntry } from '../registration';
import { offlineStore } from '../offline/offline-store';
import { OfflineStatus } from './offline-status';
import { isTransient } from '../offline/transient';
import { RegisterPerson, type Registered } from './register-person';

interface ArrivalList {
  id: string;
  status: 'processing' | 'completed';
  rowsTotal: number;
  rowsProcessed: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  uploadedAt: string;
  errors: { row: number; field: string; message: string }[];
}

interface EntryPage {
  items: ArrivalEntry[];
  links: { self: string; next?: string };
}

/** Lists opened in this tab: their code and trip only (no personal data), for the session. */
const RECENT_KEY = 'reintegra.office.recent-lists';
interface RecentList {
  id: string;
  label: string;
}
const recentLists = (): RecentList[] => {
  try {
    return JSON.parse(sessionStorage.getItem(RECENT_KEY) ?? '[]') as RecentList[];
  } catch {
    return [];
  }
};
const rememberList = (list: RecentList) =>
  sessionStorage.setItem(
    RECENT_KEY,
    JSON.stringify([list, ...recentLists().filter((l) => l.id !== list.id)].slice(0, 10)),
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function Reception(props: {
  listId: string | undefined;
  officerMunicipality: string | null;
}) {
  return (
    <>
      <OfflineStatus />
      {props.listId ? (
        <ArrivalListView listId={props.listId} officerMunicipality={props.officerMunicipality} />
      ) : (
        <ReceptionStart />
      )}
    </>
  );
}

function ReceptionStart() {
  const { t } = useI18n();
  const [problem, setProblem] = useState<Problem>();
  const [imported, setImported] = useState<ArrivalList>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const recent = recentLists();

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem('list-file') as HTMLInputElement)
      .files?.[0];
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const text = await file.text();
      const json = file.name.toLowerCase().endsWith('.json');
      const response = await fetch(intake('/arrival-lists'), {
        method: 'POST',
        headers: api.headers({ 'content-type': json ? 'application/json' : 'text/csv' }),
        body: text,
      });
      const body = (await response.json()) as ArrivalList & Record<string, unknown>;
      if (!response.ok) {
        setProblem(problemFrom(response.status, response.statusText, body));
        return;
      }
      setImported(body);
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t.reception.title}</h1>
      <section aria-labelledby="import-title" className="panel">
        <h2 id="import-title">{t.reception.importTitle}</h2>
        <p className="muted">{t.reception.importHelp}</p>
        <form onSubmit={(e) => void upload(e)} className="inline-form">
          <div className="field">
            <label htmlFor="list-file">{t.reception.file}</label>
            <input
              id="list-file"
              name="list-file"
              type="file"
              accept=".csv,.json,text/csv,application/json"
              required
            />
          </div>
          <button type="submit" disabled={busy}>
            {t.reception.import}
          </button>
        </form>
        <ProblemMessage problem={problem} genericTitle={t.genericError} />
        {imported && (
          <div className="notice" role="status">
            <p>{t.reception.imported(imported.accepted, imported.rejected, imported.duplicates)}</p>
            <p>
              {t.reception.code}: <code data-testid="list-code">{imported.id}</code>
            </p>
            {imported.errors.length > 0 && (
              <details>
                <summary>{t.reception.rowErrors}</summary>
                <ul>
                  {imported.errors.map((error) => (
                    <li key={`${error.row}:${error.field}`}>
                      {t.reception.row} {error.row}: <code>{error.field}</code> {error.message}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <a className="button-link" href={`#/reception/${imported.id}`}>
              {t.reception.open}
            </a>
          </div>
        )}
      </section>
      <section aria-labelledby="open-title" className="panel">
        <h2 id="open-title">{t.reception.openTitle}</h2>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (UUID.test(code.trim())) navigate(`#/reception/${code.trim()}`);
          }}
        >
          <div className="field">
            <label htmlFor="list-code">{t.reception.listCode}</label>
            <input
              id="list-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby="list-code-help"
              pattern="[0-9a-fA-F-]{36}"
              autoComplete="off"
              required
            />
            <span className="help" id="list-code-help">
              {t.reception.listCodeHelp}
            </span>
          </div>
          <button type="submit">{t.reception.open}</button>
        </form>
        {recent.length > 0 && (
          <>
            <h3>{t.reception.recent}</h3>
            <ul>
              {recent.map((list) => (
                <li key={list.id}>
                  <a href={`#/reception/${list.id}`}>{list.label}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function ArrivalListView(props: { listId: string; officerMunicipality: string | null }) {
  const { t, language } = useI18n();
  const list = api.useApi<ArrivalList>(intake(`/arrival-lists/${props.listId}`));
  const reloadList = list.reload;
  const [entries, setEntries] = useState<ArrivalEntry[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(true);
  const [current, setCurrent] = useState<ArrivalEntry>();
  const [handled, setHandled] = useState<Record<string, Registered>>({});
  const headingRef = useRef<HTMLHeadingElement>(null);

  const [fromDevice, setFromDevice] = useState(false);
  const load = useCallback(
    async (path: string, append: boolean) => {
      setLoading(true);
      // People queued offline are not pending any more, even before intake has them.
      const queued = new Set(
        (await offlineStore.queued().catch(() => [])).flatMap((item) =>
          item.entryId ? [item.entryId] : [],
        ),
      );
      const unqueued = (items: ArrivalEntry[]) => items.filter((entry) => !queued.has(entry.id));
      try {
        const page = await api.apiGet<EntryPage>(path);
        setEntries((existing) => unqueued(append ? [...existing, ...page.items] : page.items));
        setNext(page.links.next ? intake(page.links.next) : undefined);
        setProblem(undefined);
        setFromDevice(false);
        // Kept on this device for working without a network (first page: the screen's list).
        if (!append) {
          await offlineStore.keepList(props.listId, page.items).catch(() => undefined);
        }
      } catch (failure) {
        const cached = isTransient(failure)
          ? await offlineStore.keptList(props.listId).catch(() => undefined)
          : undefined;
        if (cached) {
          setEntries(unqueued(cached));
          setFromDevice(true);
          setProblem(undefined);
        } else setProblem(problemOf(failure));
      } finally {
        setLoading(false);
      }
    },
    [props.listId],
  );
  useEffect(() => {
    const firstPage = () =>
      void load(intake(`/arrival-lists/${props.listId}/entries?status=pending&limit=100`), false);
    firstPage();
    // Back online: the list from intake again, instead of the one kept on the device.
    const online = () => {
      firstPage();
      reloadList();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [load, props.listId, reloadList]);

  const first = entries[0];
  const tripLabel = first
    ? `${t.reception.trip(first.transport, first.tripNumber)} · ${formatDate(first.arrivalDate, language)}`
    : undefined;
  useEffect(() => {
    if (tripLabel) rememberList({ id: props.listId, label: tripLabel });
  }, [tripLabel, props.listId]);

  const pending = entries.filter((entry) => !handled[entry.id]);
  const done = Object.keys(handled).length;

  const finish = (entry: ArrivalEntry, result: Registered) => {
    void offlineStore.forget(props.listId, entry.id).catch(() => undefined);
    setHandled((all) => ({ ...all, [entry.id]: result }));
  };
  const goToNext = () => {
    const after = pending.filter((entry) => entry.id !== current?.id);
    setCurrent(after[0]);
    if (!after[0]) setTimeout(() => headingRef.current?.focus(), 0);
  };

  if (current) {
    return (
      <RegisterPerson
        key={current.id}
        entry={current}
        listId={props.listId}
        officerMunicipality={props.officerMunicipality}
        onRegistered={(result) => finish(current, result)}
        onNext={goToNext}
        onCancel={() => {
          setCurrent(undefined);
          setTimeout(() => headingRef.current?.focus(), 0);
        }}
        hasNext={pending.some((entry) => entry.id !== current.id)}
      />
    );
  }

  return (
    <>
      <p>
        <a href="#/reception">{t.reception.back}</a>
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        {tripLabel ? t.reception.listTitle(tripLabel) : t.reception.title}
      </h1>
      <p className="muted">
        {t.reception.code}: <code>{props.listId}</code>
        {list.data && ` · ${t.reception.progress(done, done + pending.length)}`}
      </p>
      {fromDevice ? (
        <p className="warning" data-testid="list-from-device">
          {t.offline.listFromDevice}
        </p>
      ) : (
        <ProblemMessage problem={list.error ?? problem} genericTitle={t.genericError} />
      )}
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">
          {t.reception.pending} ({pending.length}
          {next ? '+' : ''})
        </h2>
        {loading && entries.length === 0 && <Loading label={t.loading} />}
        {!loading && pending.length === 0 && !next && <p>{t.reception.noPending}</p>}
        <ul className="entries" data-testid="pending-entries">
          {pending.map((entry) => {
            const name = `${entry.firstNames} ${entry.lastNames}`;
            return (
              <li key={entry.id} className="entry" data-testid="pending-entry">
                <div>
                  <strong>{name}</strong>
                  <span className="muted">
                    {t.reception.bornOn} {formatDate(entry.dateOfBirth, language)} ·{' '}
                    {entry.dui ?? t.reception.withoutDui}
                  </span>
                </div>
                <button
                  type="button"
                  aria-label={t.reception.registerPerson(name)}
                  onClick={() => setCurrent(entry)}
                >
                  {t.reception.register}
                </button>
              </li>
            );
          })}
        </ul>
        {next && (
          <button type="button" className="secondary" onClick={() => void load(next, true)}>
            {t.reception.more}
          </button>
        )}
      </section>
      {done > 0 && (
        <section aria-labelledby="handled-title">
          <h2 id="handled-title">{t.reception.registeredHere}</h2>
          <ul className="plain" data-testid="handled-entries">
            {Object.entries(handled).map(([id, item]) => (
              <li key={id}>
                {item.caseId ? <a href={`#/cases/${item.caseId}`}>{item.name}</a> : item.name}{' '}
                <span className="muted">{item.summary}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
