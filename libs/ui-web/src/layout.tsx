import './base.css';
import type { ReactNode } from 'react';
import type { Problem } from './problem';

/** First focusable element of every page: jumps past the navigation to the main content. */
export function SkipLink(props: { label: string; target?: string }) {
  const target = props.target ?? 'content';
  return (
    <a
      href={`#${target}`}
      className="skip-link"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(target)?.focus();
      }}
    >
      {props.label}
    </a>
  );
}

/**
 * The language switch: shows the other language's name in that language; its accessible name
 * starts with that visible text (WCAG 2.5.3) and says what it does in the current language.
 */
export function LanguageToggle(props: { text: string; label: string; onToggle: () => void }) {
  return (
    <button type="button" className="language" onClick={props.onToggle}>
      <span lang={props.text === 'English' ? 'en' : 'es'}>{props.text}</span>
      <span className="visually-hidden"> ({props.label})</span>
    </button>
  );
}

export function Loading(props: { label: string }) {
  return (
    <p className="loading" role="status">
      {props.label}
    </p>
  );
}

/**
 * An API problem for people: its title and what is wrong with each field that the screen does not
 * show beside the field itself (fieldLabels names the fields in the interface language).
 */
export function ProblemMessage(props: {
  problem: Problem | undefined;
  genericTitle: string;
  fieldLabels?: Record<string, string>;
  /** Field errors already shown beside their fields: left out of the summary. */
  shownFields?: readonly string[];
  children?: ReactNode;
}) {
  const { problem } = props;
  if (!problem) return null;
  const errors = (problem.errors ?? []).filter(
    (error) =>
      !props.shownFields?.some(
        (field) => error.field === field || error.field.startsWith(`${field}.`),
      ),
  );
  return (
    <div className="problem" role="alert">
      <strong>{problem.status === 0 ? props.genericTitle : problem.title}</strong>
      {errors.length > 0 && (
        <ul>
          {errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              {error.field ? <code>{props.fieldLabels?.[error.field] ?? error.field}</code> : null}{' '}
              {error.message}
            </li>
          ))}
        </ul>
      )}
      {props.children}
    </div>
  );
}

/** The errors of one field, beside it; its id goes in the field's aria-describedby. */
export function FieldErrors(props: { id: string; messages: readonly string[] | undefined }) {
  if (!props.messages || props.messages.length === 0) return null;
  return (
    <span className="field-error" id={props.id}>
      {props.messages.join(' ')}
    </span>
  );
}

/**
 * A wide table's box: it scrolls sideways on narrow screens, so it can be focused and scrolled
 * with the keyboard, and it is a named region.
 */
export function ScrollRegion(props: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}

/** A table's row of column headings. */
export function TableHead(props: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((column, index) => (
          <th scope="col" key={index}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
