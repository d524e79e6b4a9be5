import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { FieldErrors } from './layout';

interface FieldProps {
  name: string;
  label: string;
  help?: string;
  errors?: readonly string[];
  idPrefix?: string;
}

/**
 * The frame of a labelled control: its label, its help and, from problem+json, its errors beside
 * it; `control` gets the id and the ARIA attributes that tie them together.
 */
function Field(
  props: FieldProps & {
    control: (aria: {
      id: string;
      name: string;
      'aria-invalid': true | undefined;
      'aria-describedby': string | undefined;
    }) => ReactNode;
  },
) {
  const { name, label, help, errors, idPrefix = 'f' } = props;
  const id = `${idPrefix}-${name}`;
  const described = [help ? `${id}-help` : '', errors?.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={errors?.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {props.control({
        id,
        name,
        'aria-invalid': errors?.length ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {help && (
        <span className="help" id={`${id}-help`}>
          {help}
        </span>
      )}
      <FieldErrors id={`${id}-error`} messages={errors} />
    </div>
  );
}

/** A labelled input with its help and, from problem+json, its errors beside it. */
export function TextField(
  props: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>,
) {
  const { name, label, help, errors, idPrefix, ...input } = props;
  return (
    <Field
      {...{ name, label, help, errors, idPrefix }}
      control={(aria) => <input {...aria} {...input} />}
    />
  );
}

/** A labelled select with its help and, from problem+json, its errors beside it. */
export function SelectField(
  props: FieldProps & { children: ReactNode } & Omit<
      SelectHTMLAttributes<HTMLSelectElement>,
      'name' | 'id'
    >,
) {
  const { name, label, help, errors, idPrefix, children, ...select } = props;
  return (
    <Field
      {...{ name, label, help, errors, idPrefix }}
      control={(aria) => (
        <select {...aria} {...select}>
          {children}
        </select>
      )}
    />
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

/**
 * A form's closing buttons: submit (disabled while `busy`) and, with `onCancel`, a secondary
 * button that leaves the form. Every form ends the same way, so the keyboard order does too.
 */
export function FormActions(props: {
  submit: ReactNode;
  busy?: boolean;
  cancel?: ReactNode;
  onCancel?: () => void;
}) {
  return (
    <div className="actions">
      <button type="submit" disabled={props.busy}>
        {props.submit}
      </button>
      {props.onCancel && (
        <button type="button" className="secondary" onClick={props.onCancel}>
          {props.cancel}
        </button>
      )}
    </div>
  );
}
