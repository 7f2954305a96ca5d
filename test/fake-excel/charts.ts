/**
 * Fake charts: added from a range, titled, with series (added, valued, coloured, points coloured),
 * axis labels and axis settings, positioned between two cells. Members newer than ExcelApi 1.7 fail
 * as Office.js fails where the set is missing, so hosts must check `isSetSupported` first.
 */
import { type ContextCore, FakeClientObject } from "./client-object";
import { FakeOfficeError, invalidArgument, invalidOperation, itemNotFound } from "./errors";
import { type ChartSeriesState, type ChartState, parseAddress, rectAddress, type SheetState } from "./model";
import { FakeRange } from "./range";
import { FakeWorksheet } from "./workbook-objects";

interface ChartTarget {
  sheet: SheetState;
  chart: ChartState;
}

export class FakeChartCollection extends FakeClientObject<SheetState> {
  protected readonly scalarNames = ["count"] as const;
  constructor(
    private readonly ctx: ContextCore,
    private readonly sheet: FakeWorksheet,
  ) {
    super(ctx, () => sheet.locate(), { name: "Charts" });
  }
  protected readScalar(sheet: SheetState): unknown {
    return sheet.charts.length;
  }
  protected override collectionItems(sheet: SheetState): FakeClientObject<unknown>[] {
    return sheet.charts.map((chart) => new FakeChart(this.ctx, () => ({ sheet, chart }), "Item", [chart.name]));
  }
  get count(): number {
    return this.read("count");
  }
  get items(): FakeChart[] {
    return this.read("items");
  }
  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    let created: ChartTarget | undefined;
    const chart = new FakeChart(this.ctx, () => {
      if (!created) throw invalidOperation("chart used before it was added");
      return created;
    }, "Add", [type, sourceData, seriesBy]);
    this.queueCall("Add", [type, sourceData, seriesBy], (sheet) => {
      sheet.assertEditable("chart");
      const source = sourceData.target();
      if (source.sheet !== sheet) throw invalidArgument("chart data on another sheet");
      const state: ChartState = {
        id: this.ctx.state.newId(),
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        source: rectAddress(source.rect),
        seriesBy: seriesBy ?? "Auto",
        title: "",
        legendVisible: true,
        series: [{ name: "Series1", values: rectAddress(source.rect) }],
      };
      sheet.charts.push(state);
      created = { sheet, chart: state };
    });
    return chart;
  }
}

export class FakeChart extends FakeClientObject<ChartTarget> implements Pick<Excel.Chart, "delete"> {
  protected readonly scalarNames = ["name", "chartType"] as const;
  readonly title: { text: string };
  readonly legend: { visible: boolean; position: string };
  readonly axes: { categoryAxis: { reversePlotOrder: boolean; position: string }; valueAxis: { title: { text: string } } };
  constructor(
    private readonly ctx: ContextCore,
    locate: () => ChartTarget | null,
    method: string,
    args: unknown[],
  ) {
    super(ctx, locate, { name: method, args });
    const setTitle = (value: string) =>
      this.queueSet("Title.Text", value, (t) => {
        t.chart.title = value;
      });
    const setLegend = (value: boolean) =>
      this.queueSet("Legend.Visible", value, (t) => {
        t.chart.legendVisible = value;
      });
    this.title = {
      get text(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "fake: chart title is write-only here; use snapshot()");
      },
      set text(value: string) {
        setTitle(value);
      },
    };
    const setLegendPosition = (value: string) =>
      this.queueSet("Legend.Position", value, (t) => {
        t.chart.legendPosition = value;
      });
    const writeOnly = (what: string): never => {
      throw new FakeOfficeError("PropertyNotLoaded", `fake: ${what} is write-only here; use snapshot()`);
    };
    this.legend = {
      get visible(): boolean {
        return writeOnly("legend");
      },
      set visible(value: boolean) {
        setLegend(value);
      },
      get position(): string {
        return writeOnly("legend");
      },
      set position(value: string) {
        setLegendPosition(value);
      },
    };
    const apiVersion = (): string => ctx.state.apiVersion;
    const axis = (name: string, value: unknown, apply: (t: ChartTarget) => void) => this.queueSet(name, value, apply);
    const setValueAxisTitle = (value: string) =>
      axis("Axes.ValueAxis.Title.Text", value, (t) => {
        t.chart.valueAxisTitle = value;
      });
    this.axes = {
      categoryAxis: {
        get reversePlotOrder(): boolean {
          return writeOnly("axis");
        },
        set reversePlotOrder(value: boolean) {
          axis("Axes.CategoryAxis.ReversePlotOrder", value, (t) => {
            t.chart.categoryAxis = { ...t.chart.categoryAxis, reversePlotOrder: value };
          });
        },
        get position(): string {
          return writeOnly("axis");
        },
        set position(value: string) {
          // ChartAxis.position is ExcelApi 1.8: an older Excel has no such property.
          if (compareVersions(apiVersion(), "1.8") < 0) throw new FakeOfficeError("ApiNotFound", "ChartAxis.position needs ExcelApi 1.8");
          axis("Axes.CategoryAxis.Position", value, (t) => {
            t.chart.categoryAxis = { ...t.chart.categoryAxis, position: value };
          });
        },
      },
      valueAxis: {
        title: {
          get text(): string {
            return writeOnly("axis title");
          },
          set text(value: string) {
            setValueAxisTitle(value);
          },
        },
      },
    };
  }
  protected readScalar(t: ChartTarget, name: string): unknown {
    return name === "name" ? t.chart.name : t.chart.type;
  }
  get name(): string {
    return this.read("name");
  }
  get chartType(): string {
    return this.read("chartType");
  }
  get series(): FakeChartSeriesCollection {
    return this.child("series", () => new FakeChartSeriesCollection(this.ctx, this));
  }
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    this.queueCall("SetPosition", [startCell, endCell], (t) => {
      const at = (cell: FakeRange | string) => (typeof cell === "string" ? rectAddress(parseAddress(cell)) : rectAddress(cell.target().rect));
      t.chart.position = { from: at(startCell), to: endCell === undefined ? at(startCell) : at(endCell) };
    });
  }
  delete(): void {
    this.queueCall("Delete", [], (t) => {
      t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart);
    });
  }
}

export class FakeChartSeriesCollection extends FakeClientObject<ChartTarget> {
  protected readonly scalarNames = ["count"] as const;
  constructor(
    private readonly ctx: ContextCore,
    private readonly chart: FakeChart,
  ) {
    super(ctx, () => chart.locate(), { name: "Series" });
  }
  protected readScalar(t: ChartTarget): unknown {
    return t.chart.series.length;
  }
  get count(): number {
    return this.read("count");
  }
  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.ctx, () => {
      const t = this.chart.locate();
      if (!t) return null;
      const series = t.chart.series[index];
      if (!series) throw itemNotFound(`series ${index}`);
      return { ...t, series };
    }, "GetItemAt", [index]);
  }
  /** A new series with no values yet (ExcelApi 1.7), at the end. */
  add(name?: string): FakeChartSeries {
    let created: ChartSeriesState | undefined;
    const series = new FakeChartSeries(this.ctx, () => {
      const t = this.chart.locate();
      if (!t) return null;
      if (!created) throw invalidOperation("series used before it was added");
      return { ...t, series: created };
    }, "Add", [name]);
    this.queueCall("Add", [name], (t) => {
      created = { name: name ?? `Series${t.chart.series.length + 1}`, values: "" };
      t.chart.series.push(created);
    });
    return series;
  }
}

type SeriesTarget = ChartTarget & { series: ChartSeriesState };

/** Cells in a range address: the number of points a series of those values has. */
function cellCount(address: string): number {
  if (!address) return 0;
  const rect = parseAddress(address);
  return (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
}

function compareVersions(a: string, b: string): number {
  const [a1, a2 = 0] = a.split(".").map(Number);
  const [b1, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

export class FakeChartSeries extends FakeClientObject<SeriesTarget> implements Pick<Excel.ChartSeries, "name"> {
  protected readonly scalarNames = ["name"] as const;
  readonly format: { fill: { setSolidColor(color: string): void }; line: { color: string } };
  readonly points: { getItemAt(index: number): { format: { fill: { setSolidColor(color: string): void } } } };
  constructor(ctx: ContextCore, locate: () => SeriesTarget | null, method: string, args: unknown[]) {
    super(ctx, locate, { name: method, args });
    const call = (name: string, callArgs: unknown[], apply: (t: SeriesTarget) => void) => this.queueCall(name, callArgs, apply);
    const setLine = (color: string) =>
      this.queueSet("Format.Line.Color", color, (t) => {
        t.series.color = color.toUpperCase();
      });
    this.format = {
      fill: {
        setSolidColor: (color: string) =>
          call("Format.Fill.SetSolidColor", [color], (t) => {
            t.series.color = color.toUpperCase();
          }),
      },
      // A line chart's series is coloured by its line (ChartLineFormat.color, ExcelApi 1.1).
      line: {
        get color(): string {
          throw new Error("ChartLineFormat.color is write-only in this fake");
        },
        set color(value: string) {
          setLine(value);
        },
      },
    };
    this.points = {
      getItemAt: (index: number) => ({
        format: {
          fill: {
            setSolidColor: (color: string) =>
              call("Points.GetItemAt.Format.Fill.SetSolidColor", [index, color], (t) => {
                // A series has a point per value cell; asking for one beyond fails as in Excel.
                if (index < 0 || index >= cellCount(t.series.values)) throw itemNotFound(`point ${index} of a series of ${cellCount(t.series.values)}`);
                t.series.pointColors = { ...t.series.pointColors, [index]: color.toUpperCase() };
              }),
          },
        },
      }),
    };
  }
  set gapWidth(value: number) {
    this.queueSet("GapWidth", value, (t) => {
      t.series.gapWidth = value;
    });
  }
  protected readScalar(t: { series: { name: string } }): unknown {
    return t.series.name;
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.queueSet("Name", value, (t) => {
      t.series.name = value;
    });
  }
  setXAxisValues(sourceData: FakeRange): void {
    this.queueCall("SetXAxisValues", [sourceData], (t) => {
      t.series.xValues = rectAddress(sourceData.target().rect);
    });
  }
  setValues(sourceData: FakeRange): void {
    this.queueCall("SetValues", [sourceData], (t) => {
      t.series.values = rectAddress(sourceData.target().rect);
    });
  }
}
