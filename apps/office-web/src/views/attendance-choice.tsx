/** The words of the two choices (each service's messages carry them). */
export interface AttendanceWords {
  present: string;
  absent: string;
  presentOf: (who: string) => string;
  absentOf: (who: string) => string;
}

/**
 * One person's attendance on a phone, shared by the community sessions and the education
 * classes: two big radio choices, "came" and "did not come", each named with the person for
 * screen readers (the visible words alone would repeat down the list).
 */
export function AttendanceChoice(props: {
  /** The radio group's name: one group a person. */
  name: string;
  who: string;
  /** The current mark; undefined while none is chosen. */
  present: boolean | undefined;
  onChoose: (present: boolean) => void;
  words: AttendanceWords;
}) {
  const { words, who } = props;
  return (
    <fieldset className="attendance-choice">
      <legend>{who}</legend>
      {([true, false] as const).map((came) => (
        <label key={String(came)} className="big-choice">
          <input
            type="radio"
            name={props.name}
            checked={props.present === came}
            onChange={() => props.onChoose(came)}
            aria-label={came ? words.presentOf(who) : words.absentOf(who)}
          />
          <span aria-hidden="true">{came ? words.present : words.absent}</span>
        </label>
      ))}
    </fieldset>
  );
}
