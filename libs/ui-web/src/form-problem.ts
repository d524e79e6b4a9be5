import { useEffect, useRef, useState } from 'react';
import { focusFirstInvalid } from './focus';
import { type Problem, problemOf } from './problem';

/**
 * The messages a problem holds for one field, or undefined when it has none (so a field shows no
 * error block). With `nested`, a field's sub-fields count too (`schedules` takes `schedules.0.day`).
 */
export function fieldMessages(
  problem: Problem | undefined,
  field: string,
  nested = false,
): string[] | undefined {
  const found = (problem?.errors ?? [])
    .filter((e) => e.field === field || (nested && e.field.startsWith(`${field}.`)))
    .map((e) => e.message);
  return found.length ? found : undefined;
}

/**
 * A form's save and its problem: busy while the call runs, the problem kept for the fields and the
 * summary, and focus moved to the first invalid field when one comes back (keyboard and
 * screen-reader users land on what needs correcting).
 */
export function useFormProblem() {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (problem?.errors?.length) focusFirstInvalid(formRef.current);
  }, [problem]);
  /**
   * Runs a save: a thrown failure (or a problem the call returns) is kept and shown; true when it
   * went through.
   */
  const submit = async (call: () => Promise<Problem | undefined | void>): Promise<boolean> => {
    setBusy(true);
    try {
      const found = (await call()) ?? undefined;
      setProblem(found);
      return found === undefined;
    } catch (failure) {
      setProblem(problemOf(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { problem, setProblem, busy, formRef, submit };
}
