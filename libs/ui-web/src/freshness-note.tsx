import { useEffect, useState } from 'react';
import { announcedAge, ageInSeconds, updatedAgo } from './freshness';
import type { Language } from './i18n';

/**
 * How old the figures on screen are, from the API's `generatedAt`: the visible text ticks every
 * second; screen readers get a polite status that changes only now and then (announcedAge).
 */
export function FreshnessNote(props: { generatedAt: string; language: Language; note?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const age = ageInSeconds(props.generatedAt, now);
  return (
    <p className="muted freshness" data-testid="freshness">
      <span aria-hidden="true" data-testid="freshness-age">
        {updatedAgo(age, props.language)}
      </span>
      <span className="visually-hidden" role="status">
        {updatedAgo(announcedAge(age), props.language)}
      </span>
      {props.note ? <> · {props.note}</> : null}
    </p>
  );
}
