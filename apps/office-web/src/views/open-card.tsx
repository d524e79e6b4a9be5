import type { ReactNode } from 'react';

/**
 * A card of a list that opens its own page (a community activity, an education group): the name
 * as heading, what the list says of it, then the open link, named with the item for screen
 * readers since its visible text repeats on every card.
 */
export function OpenCard(props: {
  testId: string;
  /** More data-* attributes for the tests (e.g. the item's id). */
  data?: Record<`data-${string}`, string>;
  title: string;
  href: string;
  openLabel: string;
  openText: string;
  children: ReactNode;
}) {
  return (
    <li className="card" data-testid={props.testId} {...props.data}>
      <h2 className="item-title">{props.title}</h2>
      {props.children}
      <a href={props.href} aria-label={props.openLabel} className="button-link">
        {props.openText}
      </a>
    </li>
  );
}
