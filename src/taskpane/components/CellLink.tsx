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
  // The name starts with the text shown ("C11"), as speech input users say it (WCAG 2.5.3).
  const label = fmt(t.cellLink, { cell: at.cell });
  return (
    <Link
      as="button"
      inline
      onClick={() => onSelect(at)}
      title={fmt(t.goToCell, { cell: at.cell })}
      aria-label={label}
      data-testid="cell-link"
      data-sheet={at.sheet}
      data-cell={at.cell}
    >
      {at.cell}
    </Link>
  );
}
