import type { ReactNode } from 'react';
import { TableHead } from '@reintegra/ui-web';

/**
 * A table of the dashboard: its box scrolls sideways on narrow screens, its columns are headed,
 * and `children` are the body's rows.
 */
export function DataTable(props: { columns: readonly ReactNode[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <TableHead columns={props.columns} />
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
