import type { ReactNode } from 'react';

/**
 * The connection line kept on the device (reception's registrations, community attendance marks):
 * announced politely as it changes, a notice once everything is sent and a warning otherwise;
 * its state is also in `data-state` for the tests.
 */
export function SyncStatusLine(props: { state: string; children: ReactNode }) {
  return (
    <p
      role="status"
      data-testid="sync-status"
      data-state={props.state}
      className={props.state === 'synced' ? 'notice' : 'warning'}
    >
      {props.children}
    </p>
  );
}
