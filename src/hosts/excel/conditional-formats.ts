/**
 * Plan conditional-format rules as Office.js conditional formats (ExcelApi 1.6).
 *
 * - "formula": a custom rule; Office.js wants the leading "=" the plan leaves out. The formula is
 *   in en-US syntax with references relative to the range's top-left cell, as the plan writes it.
 * - "dataBar": bars between the plan's min and max (or the lowest and highest values).
 * - "colorScale": two or three colours from the lowest to the highest value (the middle one at
 *   the 50th percentile), as the .xlsx writer does.
 */
import type { ConditionalRule } from "../../report/plan";
import { ACTION_BYTES, PATH_BYTES, jsonBytes } from "./batches";

export function addConditionalFormat(range: Excel.Range, rule: ConditionalRule): Excel.ConditionalFormat {
  switch (rule.type) {
    case "formula": {
      const cf = range.conditionalFormats.add("Custom");
      cf.custom.rule.formula = `=${rule.formula}`;
      cf.custom.format.fill.color = `#${rule.fill}`;
      if (rule.fontColor) cf.custom.format.font.color = `#${rule.fontColor}`;
      return cf;
    }
    case "dataBar": {
      const cf = range.conditionalFormats.add("DataBar");
      cf.dataBar.positiveFormat.fillColor = `#${rule.color}`;
      cf.dataBar.lowerBoundRule = rule.min !== undefined ? { type: "Number", formula: rule.min } : { type: "LowestValue" };
      cf.dataBar.upperBoundRule = rule.max !== undefined ? { type: "Number", formula: rule.max } : { type: "HighestValue" };
      return cf;
    }
    case "colorScale": {
      const cf = range.conditionalFormats.add("ColorScale");
      const colors = rule.colors.map((c) => `#${c}`);
      const criteria: Excel.ConditionalColorScaleCriteria = {
        minimum: { type: "LowestValue", color: colors[0] },
        maximum: { type: "HighestValue", color: colors[colors.length - 1] },
      };
      if (colors.length >= 3) criteria.midpoint = { type: "Percentile", formula: "50", color: colors[1] };
      cf.colorScale.criteria = criteria;
      return cf;
    }
  }
}

/** An upper estimate of what `addConditionalFormat` queues (plus the range it goes on). */
export function conditionalFormatBytes(rule: ConditionalRule): number {
  return 7 * PATH_BYTES + 4 * ACTION_BYTES + jsonBytes(rule);
}
