import * as React from "react";
import { Link } from "@fluentui/react-components";
import type { CellRef } from "../facts";
import { fmt, type Strings } from "../i18n";

export interface CellLinkProps {
  at: CellRef;
  t: Strings;
  onSelect: (at: CellRef) => void;
}

/** The cell's address as a link that selects it in the workbook. */
export function CellLink({ at, t, onSelect }: CellLinkProps): React.JSX.Element {
  const label = fmt(t.goToCell, { cell: at.cell });
  return (
    <Link
      as="button"
      inline
      onClick={() => onSelect(at)}
      title={label}
      aria-label={label}
      data-testid="cell-link"
      data-sheet={at.sheet}
      data-cell={at.cell}
    >
      {at.cell}
    </Link>
  );
}
