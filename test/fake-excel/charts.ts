/** Fake charts: added from a range, titled, with a series and axis labels, positioned between two cells. */
import { type ContextCore, FakeClientObject } from "./client-object";
import { FakeOfficeError, invalidArgument, invalidOperation, itemNotFound } from "./errors";
import { type ChartState, parseAddress, rectAddress, type SheetState } from "./model";
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
  readonly legend: { visible: boolean };
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
    this.legend = {
      get visible(): boolean {
        throw new FakeOfficeError("PropertyNotLoaded", "fake: legend is write-only here; use snapshot()");
      },
      set visible(value: boolean) {
        setLegend(value);
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
    }, index);
  }
}

export class FakeChartSeries extends FakeClientObject<ChartTarget & { series: ChartState["series"][number] }> implements Pick<Excel.ChartSeries, "name"> {
  protected readonly scalarNames = ["name"] as const;
  constructor(ctx: ContextCore, locate: () => (ChartTarget & { series: ChartState["series"][number] }) | null, index: number) {
    super(ctx, locate, { name: "GetItemAt", args: [index] });
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
