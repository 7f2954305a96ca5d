import * as React from "react";
import { Button, Caption1, Checkbox, Field, Input, Radio, RadioGroup, Select, Subtitle2, Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import { parsePoints } from "../../engine/points";
import { CLASS_SCHEME_CHOICES } from "../class-schemes";
import type { Lang, Strings } from "../i18n";
import type { Outputs } from "../session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  flush: { margin: 0 },
  checks: { display: "flex", flexDirection: "column", marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  choices: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
  },
  warning: { color: tokens.colorPaletteRedForeground1 },
  flushTitle: { margin: 0 },
  // A native select is as wide as its longest option: kept to the pane's width.
  fullWidth: { width: "100%", minWidth: 0, maxWidth: "100%" },
  selectNarrow: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
});

export interface OutputsFormProps {
  t: Strings;
  lang: Lang;
  /** A ranking sheet needs two or more units ranked together. */
  rankable: boolean;
  /** Sheets a responsibility table may be read from (the analysed sheets left out). */
  sheets: readonly string[];
  busy: boolean;
  onWrite: (outputs: Outputs) => void;
  /** The criteria set's sheet chosen (null: none): the recognised step shows the table with it. */
  onCriteriaSet?: (sheet: string | null) => void;
  onStartOver: () => void;
}

/** "85,5", "85.5", " 90 " -> "85.5", "85.5", "90" (as the engine reads points); anything else -> null. */
function pointsOf(text: string): string | null {
  if (text.trim() === "") return null;
  const parsed = parsePoints(text);
  return parsed.ok && !parsed.value.isNegative() ? parsed.value.toString() : null;
}

/** "3", " 10 " -> 3, 10; "", "0", "2,5", "abc" -> null (empty is "no target", the rest invalid). */
function placeOf(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) && Number(trimmed) >= 1 ? Number(trimmed) : null;
}

/**
 * Step 3: what to write (checkboxes), the analysis options the command line has (class scheme,
 * target place, responsibility sheet), and the button that runs it.
 */
export function OutputsForm({ t, lang, rankable, sheets, busy, onWrite, onCriteriaSet, onStartOver }: OutputsFormProps): React.JSX.Element {
  const styles = useStyles();
  const [outputs, setOutputs] = React.useState<Outputs>({ gap: true, ranking: rankable, highlights: true, formulas: true });
  const [classScheme, setClassScheme] = React.useState("");
  const [targetText, setTargetText] = React.useState("");
  const [byBody, setByBody] = React.useState(false);
  const [bodySheet, setBodySheet] = React.useState(sheets[0] ?? "");
  const [ownSet, setOwnSet] = React.useState(false);
  const [setSheet, setSetSheet] = React.useState(sheets[0] ?? "");
  const none = !outputs.gap && !(outputs.ranking && rankable) && !outputs.highlights;
  const [valueText, setValueText] = React.useState("");
  const targetRank = placeOf(targetText);
  const targetInvalid = targetText.trim() !== "" && targetRank === null;
  // A one-unit table cannot tell what place K takes: the user gives that place's published total.
  const targetValue = rankable ? null : pointsOf(valueText);
  const valueInvalid = !rankable && valueText.trim() !== "" && targetValue === null;
  const toggle = (key: "gap" | "ranking" | "highlights" | "formulas") => (_e: unknown, data: { checked: boolean | "mixed" }) =>
    setOutputs((o) => ({ ...o, [key]: data.checked === true }));
  // An invalid field blocks the action it belongs to, and says so next to the button.
  const blocked = targetInvalid || valueInvalid;
  const blockedId = useId("write-blocked");
  const write = () =>
    onWrite({
      ...outputs,
      ranking: outputs.ranking && rankable,
      classScheme: classScheme || null,
      targetRank: rankable || targetValue !== null ? targetRank : null,
      targetValue,
      responsibilitySheet: byBody && bodySheet ? bodySheet : null,
      criteriaSheet: ownSet && setSheet ? setSheet : null,
    });
  return (
    <section className={styles.root} data-testid="outputs">
      <Subtitle2 as="h2" className={styles.flush}>
        {t.outputsTitle}
      </Subtitle2>
      <div className={styles.checks}>
        <Checkbox checked={outputs.gap} onChange={toggle("gap")} label={t.outputGap} data-testid="output-gap" disabled={busy} />
        <Checkbox
          checked={outputs.ranking && rankable}
          onChange={toggle("ranking")}
          label={t.outputRanking}
          data-testid="output-ranking"
          disabled={busy || !rankable}
        />
        <Checkbox
          checked={outputs.highlights}
          onChange={toggle("highlights")}
          label={t.outputHighlights}
          data-testid="output-highlights"
          disabled={busy}
        />
        <Checkbox
          checked={outputs.formulas !== false}
          onChange={toggle("formulas")}
          label={t.outputFormulas}
          data-testid="output-formulas"
          disabled={busy || !(outputs.gap || (outputs.ranking && rankable))}
        />
      </div>
      <Caption1>{t.outputsNote}</Caption1>
      {none && (
        <Text size={200} className={styles.warning} data-testid="outputs-none">
          {t.outputsNone}
        </Text>
      )}

      <div className={styles.choices} data-testid="choices">
        <Text as="h3" weight="semibold" className={styles.flushTitle}>
          {t.choicesTitle}
        </Text>
        {/* Radios, not a select: a long scheme name wraps instead of being cut in a narrow or zoomed pane. */}
        <Field label={t.classSchemeLabel} hint={classScheme ? t.classSchemeHint : undefined}>
          <RadioGroup value={classScheme} onChange={(_e, data) => setClassScheme(data.value)} disabled={busy} data-testid="class-scheme">
            <Radio value="" label={t.classSchemeNone} data-testid="class-scheme-none" />
            {CLASS_SCHEME_CHOICES.map((c) => (
              <Radio key={c.id} value={c.id} label={c.name[lang]} data-testid={`class-scheme-${c.id}`} />
            ))}
          </RadioGroup>
        </Field>
        <Field
            label={t.targetRankLabel}
            hint={targetInvalid ? undefined : t.targetRankHint}
            validationState={targetInvalid ? "error" : "none"}
            validationMessage={targetInvalid ? t.targetRankInvalid : undefined}
          >
            <Input
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={targetText}
              onChange={(_e, data) => setTargetText(data.value)}
              disabled={busy}
              data-testid="target-rank"
            />
          </Field>
        {!rankable && targetRank !== null && (
          <Field
            label={t.targetValueLabel}
            hint={valueInvalid ? undefined : t.targetValueHint}
            validationState={valueInvalid ? "error" : "none"}
            validationMessage={valueInvalid ? t.targetValueInvalid : undefined}
          >
            <Input inputMode="decimal" value={valueText} onChange={(_e, data) => setValueText(data.value)} disabled={busy} data-testid="target-value" />
          </Field>
        )}
        <div className={styles.checks}>
          <Checkbox
            checked={byBody && sheets.length > 0}
            onChange={(_e, data) => setByBody(data.checked === true)}
            label={t.responsibilityLabel}
            disabled={busy || sheets.length === 0}
            data-testid="by-body"
          />
        </div>
        {sheets.length === 0 ? (
          <Caption1 data-testid="by-body-none">{t.responsibilityNoSheet}</Caption1>
        ) : (
          byBody && (
            <Field label={t.responsibilitySheetLabel} hint={t.responsibilityHint}>
              <SheetSelect sheets={sheets} value={bodySheet} onChange={setBodySheet} disabled={busy} testId="by-body-sheet" />
            </Field>
          )
        )}
        {sheets.length > 0 && (
          <div className={styles.checks}>
            <Checkbox
              checked={ownSet}
              onChange={(_e, data) => {
                setOwnSet(data.checked === true);
                onCriteriaSet?.(data.checked === true && setSheet ? setSheet : null);
              }}
              label={t.criteriaSheetLabel}
              disabled={busy}
              data-testid="own-criteria"
            />
          </div>
        )}
        {sheets.length > 0 && ownSet && (
          <Field label={t.criteriaSheetSelect} hint={t.criteriaSheetHint}>
            <SheetSelect
              sheets={sheets}
              value={setSheet}
              onChange={(sheet) => {
                setSetSheet(sheet);
                onCriteriaSet?.(sheet || null);
              }}
              disabled={busy}
              testId="own-criteria-sheet"
            />
          </Field>
        )}
      </div>

      {blocked && (
        <Text size={200} className={styles.warning} id={blockedId} data-testid="write-blocked">
          {t.writeBlocked}
        </Text>
      )}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={none || blocked}
          disabledFocusable={busy}
          onClick={write}
          aria-describedby={blocked ? blockedId : undefined}
          data-testid="write"
        >
          {t.write}
        </Button>
        <Button appearance="secondary" disabledFocusable={busy} onClick={onStartOver} data-testid="start-over">
          {t.startOver}
        </Button>
      </div>
    </section>
  );
}

/** A choice among the workbook's sheets (the responsibility sheet, the criteria sheet). */
function SheetSelect(props: { sheets: readonly string[]; value: string; onChange: (sheet: string) => void; disabled: boolean; testId: string }): React.JSX.Element {
  const styles = useStyles();
  return (
    <Select
      className={styles.fullWidth}
      select={{ className: styles.selectNarrow }}
      value={props.value}
      onChange={(_e, data) => props.onChange(data.value)}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      {props.sheets.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </Select>
  );
}
