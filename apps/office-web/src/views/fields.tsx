import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { FieldErrors } from '@reintegra/ui-web';

/** A labelled input with its help and, from problem+json, its errors beside it. */
export function TextField(
  props: {
    name: string;
    label: string;
    help?: string;
    errors?: readonly string[];
    idPrefix?: string;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>,
) {
  const { name, label, help, errors, idPrefix = 'f', ...input } = props;
  const id = `${idPrefix}-${name}`;
  const described = [help ? `${id}-help` : '', errors?.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={errors?.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {help && (
        <span className="help" id={`${id}-help`}>
          {help}
        </span>
      )}
      <FieldErrors id={`${id}-error`} messages={errors} />
    </div>
  );
}

export function SelectField(
  props: {
    name: string;
    label: string;
    help?: string;
    errors?: readonly string[];
    idPrefix?: string;
    children: ReactNode;
  } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'>,
) {
  const { name, label, help, errors, idPrefix = 'f', children, ...select } = props;
  const id = `${idPrefix}-${name}`;
  const described = [help ? `${id}-help` : '', errors?.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={errors?.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={described || undefined}
        {...select}
      >
        {children}
      </select>
      {help && (
        <span className="help" id={`${id}-help`}>
          {help}
        </span>
      )}
      <FieldErrors id={`${id}-error`} messages={errors} />
    </div>
  );
}

/** A reason code chosen from a vocabulary (code → words), with an empty "choose one" first. */
export function ReasonField(props: {
  idPrefix: string;
  label: string;
  placeholder: string;
  reasons: Readonly<Record<string, string>>;
  value: string;
  onChange: (code: string) => void;
  required?: boolean;
  name?: string;
  errors?: readonly string[] | undefined;
}) {
  return (
    <SelectField
      idPrefix={props.idPrefix}
      name={props.name ?? 'reasonCode'}
      errors={props.errors}
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required={props.required}
    >
      <option value="">{props.placeholder}</option>
      {Object.entries(props.reasons).map(([code, text]) => (
        <option key={code} value={code}>
          {text}
        </option>
      ))}
    </SelectField>
  );
}
