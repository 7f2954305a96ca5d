/** The label/value list ("Dạng bảng: ...", "Xếp hạng: 3/12") shared by the recognised and summary views. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useFactListStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
});
