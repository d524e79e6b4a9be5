import { type KeyboardEvent, useEffect, useState } from 'react';
import { api, employment } from '../../api';
import { useI18n } from '../../i18n';

export interface Occupation {
  iscoCode: string;
  titleEs: string;
  titleEn: string;
}

/**
 * The trade as the person says it ("albañil", "costurera") looked up in ISCO-08 with its Spanish
 * synonyms: a combobox (WAI-ARIA pattern) — type, move with the arrows, Enter chooses, Escape
 * closes; the number of suggestions is announced.
 */
export function OccupationCombobox(props: {
  id: string;
  chosen: Occupation | undefined;
  onChoose: (occupation: Occupation) => void;
}) {
  const { t, language } = useI18n();
  const m = t.employment;
  const [text, setText] = useState('');
  const [options, setOptions] = useState<Occupation[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const titleOf = (o: Occupation) => (language === 'es' ? o.titleEs : o.titleEn);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setOptions([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api
        .apiGet<Occupation[]>(employment(`/occupations?q=${encodeURIComponent(query)}`))
        .then((found) => {
          if (cancelled) return;
          setOptions(found);
          setActive(found.length > 0 ? 0 : -1);
          setOpen(true);
        })
        .catch(() => undefined);
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text]);

  const choose = (occupation: Occupation) => {
    props.onChoose(occupation);
    setText(`${occupation.iscoCode} ${titleOf(occupation)}`);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };
  const listId = `${props.id}-options`;
  const expanded = open && options.length > 0;
  return (
    <div className="field combobox">
      <label htmlFor={props.id}>{m.occupation}</label>
      <input
        id={props.id}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={`${props.id}-help`}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <span className="help" id={`${props.id}-help`}>
        {m.occupationHelp}
      </span>
      <ul
        id={listId}
        role="listbox"
        className="options"
        hidden={!expanded}
        aria-label={m.occupation}
      >
        {options.map((occupation, index) => (
          <li
            key={occupation.iscoCode}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(occupation);
            }}
          >
            {occupation.iscoCode} {titleOf(occupation)}
          </li>
        ))}
      </ul>
      <p className="sr-status" role="status" aria-live="polite">
        {open && text.trim().length >= 2
          ? options.length === 0
            ? m.noOccupation
            : m.suggestions(options.length)
          : ''}
      </p>
      {props.chosen && (
        <p className="muted" data-testid="chosen-occupation">
          {m.chosen(props.chosen.iscoCode, titleOf(props.chosen))}
        </p>
      )}
    </div>
  );
}
