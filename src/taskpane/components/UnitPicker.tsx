import * as React from "react";
import { Combobox, Field, Option, makeStyles } from "@fluentui/react-components";
import { count, fmt, langOf, type Strings } from "../i18n";
import { MAX_MATCHES, foldName, matchUnits } from "../unit-search";

/** An option outside the unit list ("every unit"), shown after the units and found by its label too. */
export interface ExtraChoice {
  value: string;
  label: string;
}

export interface UnitPickerProps {
  label: string;
  /** The units' names, in table order; an option's value is its index as a string. */
  names: readonly string[];
  /** The chosen option's value: a unit's index, or an extra choice's value. */
  chosen: string;
  onChoose: (value: string) => void;
  extra?: ExtraChoice;
  t: Strings;
  testId: string;
}

const useStyles = makeStyles({
  // Fluent's combobox is at least 250 px wide; the pane can be 225 px.
  root: { minWidth: 0, width: "100%", boxSizing: "border-box" },
  input: { minWidth: 0 },
});

/**
 * A searchable unit list (Fluent's Combobox): the user types part of a name, with or without
 * Vietnamese marks, and picks among at most MAX_MATCHES options; arrows and Enter work as in any
 * combobox, and the hint under it says how many units match. A national table has 10,000 units, and
 * a plain select drawing all of them cost the pane more than a second.
 */
export function UnitPicker({ label, names, chosen, onChoose, extra, t, testId }: UnitPickerProps): React.JSX.Element {
  const styles = useStyles();
  const lang = langOf(t);
  const folded = React.useMemo(() => names.map(foldName), [names]);
  // What the user is typing; null while not searching (the box then shows the chosen option).
  const [query, setQuery] = React.useState<string | null>(null);
  const [open, setOpen] = React.useState(false);
  const chosenLabel = extra && chosen === extra.value ? extra.label : (names[Number(chosen)] ?? "");
  const typed = query ?? "";
  const matches = React.useMemo(() => matchUnits(folded, typed), [folded, typed]);
  const shown = React.useMemo(() => {
    const indices = matches.indices;
    // Not searching: the chosen unit is in the list even beyond the first options.
    const chosenIndex = Number(chosen);
    if (typed === "" && Number.isInteger(chosenIndex) && chosenIndex >= indices.length && chosenIndex < names.length) return [chosenIndex, ...indices.slice(0, -1)];
    return indices;
  }, [matches, typed, chosen, names.length]);
  const extraShown = extra && (typed === "" || foldName(extra.label).includes(foldName(typed)));
  const hint =
    typed !== "" && matches.total === 0
      ? fmt(t.unitSearchNone, { query: typed })
      : typed !== "" && matches.total > shown.length
        ? fmt(t.unitSearchMore, { shown: count(shown.length, lang), total: count(matches.total, lang) })
        : typed !== ""
          ? fmt(t.unitSearchCount, { total: count(matches.total, lang) })
          : names.length > MAX_MATCHES
            ? fmt(t.unitSearchHint, { n: count(names.length, lang) })
            : undefined;
  return (
    <Field label={label} hint={hint === undefined ? undefined : { children: hint, "aria-live": "polite" }}>
      <Combobox
        className={styles.root}
        input={{ className: styles.input }}
        value={query ?? chosenLabel}
        selectedOptions={[chosen]}
        placeholder={t.unitSearchPlaceholder}
        open={open}
        onChange={(event) => {
          // Typed or pasted: the matches show at once.
          setQuery(event.target.value);
          setOpen(true);
        }}
        onOptionSelect={(_e, data) => {
          // Fluent clears the selection when the text typed no longer starts the chosen name: the
          // choice stays until another option is picked.
          if (data.optionValue === undefined) return;
          onChoose(data.optionValue);
          setQuery(null);
        }}
        onOpenChange={(_e, data) => {
          setOpen(data.open);
          // Closed without a choice: the box shows the chosen unit again, as a select would.
          if (!data.open) setQuery(null);
        }}
        data-testid={testId}
      >
        {shown.map((i) => (
          <Option key={i} value={String(i)} lang="vi">
            {names[i]}
          </Option>
        ))}
        {extraShown && (
          <Option key={extra.value} value={extra.value}>
            {extra.label}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
