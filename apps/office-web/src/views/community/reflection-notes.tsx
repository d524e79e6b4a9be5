import { type FormEvent, useState } from 'react';
import {
  FieldErrors,
  type Problem,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
} from '@reintegra/ui-web';
import { api, community } from '../../api';
import { useI18n } from '../../i18n';

interface Note {
  id: string;
  notes: string;
  createdAt: string;
}

/**
 * Guided reflection on a sensitive session: notes only the activity's named facilitators read
 * (the service refuses everyone else and audits each read). Online only: never kept on the phone.
 */
export function ReflectionNotes(props: { sessionId: string }) {
  const { t } = useI18n();
  const m = t.community.reflection;
  const path = community(`/sessions/${props.sessionId}/reflection-notes`);
  const notes = api.useApi<Note[]>(path);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState(false);
  const { byField } = splitFieldErrors(problem, ['notes']);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setSaved(false);
    try {
      await api.apiPost(path, { notes: text });
      setText('');
      setSaved(true);
      notes.reload();
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };
  return (
    <section aria-labelledby="reflection-title" data-testid="reflection">
      <h2 id="reflection-title">{m.title}</h2>
      <p className="muted">{m.help}</p>
      <ProblemMessage
        problem={problem ?? notes.error}
        genericTitle={t.genericError}
        shownFields={['notes']}
      />
      {saved && (
        <p className="notice" role="status">
          {m.saved}
        </p>
      )}
      {notes.data?.length === 0 && <p>{m.none}</p>}
      <ul className="inbox">
        {notes.data?.map((note) => (
          <li key={note.id} className="card" data-testid="reflection-note">
            <p className="muted">{new Date(note.createdAt).toLocaleString('es-SV')}</p>
            <p>{note.notes}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className={byField['notes'] ? 'field invalid' : 'field'}>
          <label htmlFor="reflection-notes">{m.label}</label>
          <textarea
            id="reflection-notes"
            value={text}
            maxLength={10_000}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={byField['notes'] ? true : undefined}
            aria-describedby={byField['notes'] ? 'reflection-notes-error' : undefined}
          />
          <FieldErrors id="reflection-notes-error" messages={byField['notes']} />
        </div>
        <button type="submit">{m.save}</button>
      </form>
    </section>
  );
}
