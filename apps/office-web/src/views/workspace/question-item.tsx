import { findOccupation } from '@reintegra/reference-data';
import { FieldErrors, focusLater, type Problem } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import { errorsAt, type FormValue, type Item, type OccupationEntry } from './questionnaire';

interface ItemProps {
  item: Item;
  value: FormValue | undefined;
  onChange: (value: FormValue) => void;
  problem: Problem | undefined;
}

const describedBy = (...ids: (string | false | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined;

/** One question of the questionnaire, drawn by its type, with intake's errors beside it. */
export function QuestionItem(props: ItemProps) {
  const { item } = props;
  const { language } = useI18n();
  const id = `q-${item.id}`;
  const errors = errorsAt(props.problem, `answers.${item.id}`);
  const invalid = errors.length > 0;
  const helpId = item.help ? `${id}-help` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const help = item.help && (
    <span className="help" id={helpId}>
      {item.help[language]}
    </span>
  );
  const errorLine = <FieldErrors id={`${id}-error`} messages={errors} />;
  const className = invalid ? 'field invalid' : 'field';
  if (item.type === 'single-choice' || item.type === 'number') {
    const text = typeof props.value === 'string' ? props.value : '';
    return (
      <div className={className} data-testid={`item-${item.id}`}>
        <label htmlFor={id}>
          {item.label[language]}
          {item.type === 'number' && item.unit ? ` (${item.unit[language]})` : ''}
        </label>
        {item.type === 'single-choice' ? (
          <SingleChoice
            {...props}
            id={id}
            invalid={invalid}
            describedBy={describedBy(helpId, errorId)}
          />
        ) : (
          <input
            id={id}
            type="text"
            inputMode={item.type === 'number' && item.integer ? 'numeric' : 'decimal'}
            value={text}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy(helpId, errorId)}
            onChange={(event) => props.onChange(event.target.value)}
          />
        )}
        {help}
        {errorLine}
      </div>
    );
  }
  if (item.type === 'isco-occupations') return <Occupations {...props} id={id} />;
  return (
    <fieldset className={className} data-testid={`item-${item.id}`}>
      <legend>{item.label[language]}</legend>
      {item.type === 'multi-choice' ? (
        <MultiChoice
          {...props}
          id={id}
          invalid={invalid}
          describedBy={describedBy(helpId, errorId)}
        />
      ) : (
        <OneOf {...props} id={id} invalid={invalid} describedBy={describedBy(helpId, errorId)} />
      )}
      {help}
      {errorLine}
    </fieldset>
  );
}

type ControlProps = ItemProps & { id: string; invalid: boolean; describedBy: string | undefined };

function SingleChoice(props: ControlProps) {
  const { t, language } = useI18n();
  if (props.item.type !== 'single-choice') return null;
  return (
    <select
      id={props.id}
      value={typeof props.value === 'string' ? props.value : ''}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      onChange={(event) => props.onChange(event.target.value)}
    >
      <option value="">{t.workspace.assessment.choose}</option>
      {props.item.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label[language]}
        </option>
      ))}
    </select>
  );
}

/** Yes/no and scales: a few radio buttons, the first of them "no answer". */
function OneOf(props: ControlProps) {
  const { t, language } = useI18n();
  const { item } = props;
  const choices: { value: string; text: string }[] =
    item.type === 'yes-no'
      ? [
          { value: 'yes', text: t.workspace.assessment.yes },
          { value: 'no', text: t.workspace.assessment.no },
        ]
      : item.type === 'scale'
        ? Array.from({ length: item.max - item.min + 1 }, (_, i) => {
            const value = String(item.min + i);
            const end =
              i === 0
                ? item.minLabel[language]
                : item.min + i === item.max
                  ? item.maxLabel[language]
                  : '';
            return { value, text: end ? `${value} · ${end}` : value };
          })
        : [];
  const current = typeof props.value === 'string' ? props.value : '';
  return (
    <div>
      {[{ value: '', text: t.workspace.assessment.unanswered }, ...choices].map((choice, index) => (
        <label className="check" key={choice.value}>
          <input
            id={index === 0 ? props.id : undefined}
            type="radio"
            name={props.id}
            value={choice.value}
            checked={current === choice.value}
            aria-invalid={props.invalid || undefined}
            aria-describedby={props.describedBy}
            onChange={() => props.onChange(choice.value)}
          />
          <span>{choice.text}</span>
        </label>
      ))}
    </div>
  );
}

function MultiChoice(props: ControlProps) {
  const { language } = useI18n();
  if (props.item.type !== 'multi-choice') return null;
  const options = props.item.options;
  const chosen = Array.isArray(props.value) ? (props.value as string[]) : [];
  const toggle = (value: string, on: boolean) => {
    const exclusive = options.find((o) => o.value === value)?.exclusive;
    // "None of these" goes alone: choosing it clears the others, and the other way round.
    const next = on
      ? exclusive
        ? [value]
        : [...chosen.filter((v) => !options.find((o) => o.value === v)?.exclusive), value]
      : chosen.filter((v) => v !== value);
    props.onChange(next);
  };
  return (
    <div>
      {options.map((option, index) => (
        <label className="check" key={option.value}>
          <input
            id={index === 0 ? props.id : undefined}
            type="checkbox"
            value={option.value}
            checked={chosen.includes(option.value)}
            aria-invalid={props.invalid || undefined}
            aria-describedby={props.describedBy}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
          <span>{option.label[language]}</span>
        </label>
      ))}
    </div>
  );
}

/** Trades as ISCO-08 unit groups: code, years of experience, learned abroad. */
function Occupations(props: ItemProps & { id: string }) {
  const { t, language } = useI18n();
  const { item } = props;
  if (item.type !== 'isco-occupations') return null;
  const entries = Array.isArray(props.value) ? (props.value as OccupationEntry[]) : [];
  const errors = errorsAt(props.problem, `answers.${item.id}`);
  const change = (index: number, patch: Partial<OccupationEntry>) =>
    props.onChange(entries.map((entry, i) => (i === index ? { ...entry, ...patch } : entry)));
  return (
    <fieldset className={errors.length ? 'field invalid' : 'field'} data-testid={`item-${item.id}`}>
      <legend>{item.label[language]}</legend>
      {item.help && <span className="help">{item.help[language]}</span>}
      <FieldErrors id={`${props.id}-error`} messages={errors} />
      {entries.map((entry, index) => {
        const base = `${props.id}-${index}`;
        const at = (key: string) => errorsAt(props.problem, `answers.${item.id}.${index}.${key}`);
        const occupation = findOccupation(entry.code.trim());
        const field = (key: string, label: string, input: 'code' | 'years') => {
          const messages = at(key);
          return (
            <div className={messages.length ? 'field invalid' : 'field'}>
              <label htmlFor={`${base}-${key}`}>{label}</label>
              <input
                id={`${base}-${key}`}
                type="text"
                inputMode="numeric"
                value={entry[input]}
                aria-invalid={messages.length > 0 || undefined}
                aria-describedby={describedBy(
                  messages.length > 0 && `${base}-${key}-error`,
                  input === 'code' && occupation && `${base}-title`,
                )}
                onChange={(event) => change(index, { [input]: event.target.value })}
              />
              {input === 'code' && occupation && (
                <span className="help" id={`${base}-title`}>
                  {language === 'es' ? occupation.titleEs : occupation.titleEn}
                </span>
              )}
              <FieldErrors id={`${base}-${key}-error`} messages={messages} />
            </div>
          );
        };
        return (
          <fieldset key={index}>
            <legend>{t.workspace.assessment.occupation(index + 1)}</legend>
            <div className="grid">
              {field('code', t.workspace.assessment.occupationCode, 'code')}
              {field('yearsOfExperience', t.workspace.assessment.years, 'years')}
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={entry.abroad}
                onChange={(event) => change(index, { abroad: event.target.checked })}
              />
              <span>{t.workspace.assessment.abroad}</span>
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                props.onChange(entries.filter((_, i) => i !== index));
                focusLater(`${props.id}-add`);
              }}
            >
              {t.workspace.assessment.removeOccupation(index + 1)}
            </button>
          </fieldset>
        );
      })}
      {entries.length < item.maxEntries && (
        <p>
          <button
            type="button"
            id={`${props.id}-add`}
            className="secondary"
            onClick={() => {
              props.onChange([...entries, { code: '', years: '', abroad: false }]);
              focusLater(`${props.id}-${entries.length}-code`);
            }}
          >
            {t.workspace.assessment.addOccupation}
          </button>
        </p>
      )}
    </fieldset>
  );
}
