// SheetPlan → commands queued on an Office.js Worksheet. Nothing here syncs: the caller sends everything in one
// context.sync() (Script Lab's queueCommandsTo… style). Cells go as whole 2-D arrays, formats as grouped
// multi-area ranges (one command per style, not per cell).

import {
  STYLES,
  rangeAddr,
  type ConditionalRule,
  type RangeRef,
  type SheetPlan,
  type StyleName,
  type StyleSpec,
  type ValidationRule,
} from '../sheet/plan';
import { lineAreas, areaLists, rangeLists, rectangles } from './addresses';
import { planCellInput, type CellInput } from './cellInput';

/** Chinese forms are set in 宋体 (as the .xlsx writer does); the plan's StyleSpec names no font. */
export const FONT_NAME = '宋体';
export const DEFAULT_SIZE = 11;
/**
 * Plan widths are Excel character units; Office.js takes points. One unit is a digit of the default font plus its
 * share of padding: about 7 px at 96 dpi, i.e. 5.25 pt, a little more for 宋体 — 6 pt keeps Chinese labels unclipped.
 */
export const POINTS_PER_CHAR = 6;

/** What the user may still do on the protected sheet: widen columns and rows to read long text. */
export const PROTECTION_OPTIONS: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true };

const NUMBER_FORMAT_GENERAL = 'General';
const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

/** Everything except defined names, activation and protection (those belong to the caller's ordering). */
export function queuePlan(sheet: Excel.Worksheet, plan: SheetPlan): void {
  queueCells(sheet, plan);
  queueStyles(sheet, plan);
  queueMerges(sheet, plan);
  queueSizes(sheet, plan);
  queueUnlockedInputs(sheet, plan);
  queueValidations(sheet, plan);
  queueConditionalFormats(sheet, plan);
  queueFreeze(sheet, plan);
  queuePageLayout(sheet, plan);
  if (plan.hidden) sheet.visibility = 'Hidden';
}

/** The used rectangle of the plan. */
export function planArea(plan: SheetPlan): RangeRef {
  return { row: 1, col: 1, rowEnd: plan.rowCount, colEnd: plan.colCount };
}

/**
 * The whole rectangle in one `formulas` and one `numberFormat` assignment. `formulas` takes formulas in invariant
 * (en-US) syntax — `formulasLocal` would read them in the user's locale — and constants as typed.
 */
export function queueCells(sheet: Excel.Worksheet, plan: SheetPlan): void {
  const inputs: CellInput[][] = [];
  const formats: string[][] = [];
  for (let r = 0; r < plan.rowCount; r++) {
    const row = plan.cells[r] ?? [];
    const inputRow: CellInput[] = [];
    const formatRow: string[] = [];
    for (let c = 0; c < plan.colCount; c++) {
      const cell = row[c] ?? null;
      inputRow.push(planCellInput(cell));
      formatRow.push(cell?.numFmt ?? NUMBER_FORMAT_GENERAL);
    }
    inputs.push(inputRow);
    formats.push(formatRow);
  }
  const range = sheet.getRange(rangeAddr(planArea(plan)));
  range.formulas = inputs;
  // After the formulas: Excel picks a format for some formulas it is given; the plan's own format wins.
  range.numberFormat = formats;
}

function cellsWhere(plan: SheetPlan, test: (cell: NonNullable<SheetPlan['cells'][number][number]>) => boolean) {
  const out: { row: number; col: number }[] = [];
  plan.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell && test(cell)) out.push({ row: r + 1, col: c + 1 });
    }),
  );
  return out;
}

export function queueStyles(sheet: Excel.Worksheet, plan: SheetPlan): void {
  const byStyle = new Map<StyleName, { row: number; col: number }[]>();
  plan.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell?.style) return;
      let list = byStyle.get(cell.style);
      if (!list) byStyle.set(cell.style, (list = []));
      list.push({ row: r + 1, col: c + 1 });
    }),
  );
  for (const [name, cells] of byStyle) {
    const spec = STYLES[name];
    const rects = rectangles(cells);
    for (const list of rangeLists(rects)) applyStyle(sheet.getRanges(list).format, spec);
    if (spec.border) queueBorders(sheet, rects);
  }
}

function applyStyle(format: Excel.RangeFormat, spec: StyleSpec): void {
  const font = format.font;
  font.name = FONT_NAME;
  font.size = spec.size ?? DEFAULT_SIZE;
  if (spec.bold) font.bold = true;
  if (spec.italic) font.italic = true;
  if (spec.color) font.color = `#${spec.color}`;
  if (spec.fill) format.fill.color = `#${spec.fill}`;
  if (spec.hAlign) format.horizontalAlignment = spec.hAlign === 'left' ? 'Left' : spec.hAlign === 'center' ? 'Center' : 'Right';
  if (spec.vAlign) format.verticalAlignment = spec.vAlign === 'top' ? 'Top' : spec.vAlign === 'middle' ? 'Center' : 'Bottom';
  if (spec.wrap) format.wrapText = true;
}

/**
 * A thin line round every cell: the edges of each area, plus the inside lines of areas that have any (an inside
 * line is only asked of areas with more than one row or column).
 */
function queueBorders(sheet: Excel.Worksheet, rects: RangeRef[]): void {
  const line = (border: Excel.RangeBorder): void => {
    border.style = 'Continuous';
    border.weight = 'Thin';
    border.color = '#000000';
  };
  for (const list of rangeLists(rects)) {
    const borders = sheet.getRanges(list).format.borders;
    for (const edge of BORDER_EDGES) line(borders.getItem(edge));
  }
  for (const list of rangeLists(rects.filter((r) => r.rowEnd > r.row))) {
    line(sheet.getRanges(list).format.borders.getItem('InsideHorizontal'));
  }
  for (const list of rangeLists(rects.filter((r) => r.colEnd > r.col))) {
    line(sheet.getRanges(list).format.borders.getItem('InsideVertical'));
  }
}

export function queueMerges(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const m of plan.merges) {
    if (m.row === m.rowEnd && m.col === m.colEnd) continue;
    sheet.getRange(rangeAddr(m)).merge(false);
  }
}

/** Column widths and row heights, one command per distinct size. */
export function queueSizes(sheet: Excel.Worksheet, plan: SheetPlan): void {
  const widths = new Map<number, number[]>();
  plan.columnWidths.forEach((w, i) => {
    const points = Math.round(w * POINTS_PER_CHAR * 100) / 100;
    widths.set(points, [...(widths.get(points) ?? []), i + 1]);
  });
  for (const [points, cols] of widths) {
    for (const list of areaLists(lineAreas(cols, 'columns'))) sheet.getRanges(list).format.columnWidth = points;
  }
  const heights = new Map<number, number[]>();
  for (const [row, h] of Object.entries(plan.rowHeights)) heights.set(h, [...(heights.get(h) ?? []), Number(row)]);
  for (const [points, rows] of heights) {
    for (const list of areaLists(lineAreas(rows, 'rows'))) sheet.getRanges(list).format.rowHeight = points;
  }
}

/** Cells are locked by default; the input cells are the ones a protected sheet lets people type into. */
export function queueUnlockedInputs(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const list of rangeLists(rectangles(cellsWhere(plan, (c) => c.input === true)))) {
    sheet.getRanges(list).format.protection.locked = false;
  }
}

/** One data-validation setting per distinct rule, on all the ranges that share it. */
export function queueValidations(sheet: Excel.Worksheet, plan: SheetPlan): void {
  const byRule = new Map<string, { rule: ValidationRule; ranges: RangeRef[] }>();
  for (const v of plan.validations) {
    const key = JSON.stringify(v.rule);
    const entry = byRule.get(key);
    if (entry) entry.ranges.push(v.range);
    else byRule.set(key, { rule: v.rule, ranges: [v.range] });
  }
  for (const { rule, ranges } of byRule.values()) {
    const settings = validationSettings(rule);
    for (const list of rangeLists(ranges)) {
      const dv = sheet.getRanges(list).dataValidation;
      dv.rule = settings.rule;
      dv.ignoreBlanks = true;
      dv.prompt = settings.prompt;
      dv.errorAlert = settings.errorAlert;
    }
  }
}

export function validationSettings(rule: ValidationRule): {
  rule: Excel.DataValidationRule;
  prompt: Excel.DataValidationPrompt;
  errorAlert: Excel.DataValidationErrorAlert;
} {
  const prompt: Excel.DataValidationPrompt = { showPrompt: true, title: rule.promptTitle, message: rule.prompt };
  const errorAlert: Excel.DataValidationErrorAlert = { showAlert: true, style: 'Stop', title: rule.promptTitle, message: rule.error };
  if (rule.type === 'list') {
    for (const item of rule.items) {
      if (item.includes(',')) throw new Error(`drop-down item must not contain a comma: ${item}`);
    }
    return { rule: { list: { inCellDropDown: true, source: rule.items.join(',') } }, prompt, errorAlert };
  }
  const { min, max } = rule;
  const decimal: Excel.BasicDataValidation =
    min !== undefined && max !== undefined
      ? { operator: 'Between', formula1: min, formula2: max }
      : min !== undefined
        ? { operator: 'GreaterThanOrEqualTo', formula1: min }
        : max !== undefined
          ? { operator: 'LessThanOrEqualTo', formula1: max }
          : { operator: 'Between', formula1: -9.99e307, formula2: 9.99e307 }; // any number; text is still refused
  return { rule: { decimal }, prompt, errorAlert };
}

export function queueConditionalFormats(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const cf of plan.conditionalFormats) {
    const range = sheet.getRange(rangeAddr(cf.range));
    for (const rule of cf.rules) queueConditionalRule(range, rule);
  }
}

function queueConditionalRule(range: Excel.Range, rule: ConditionalRule): void {
  if (!rule.formula.startsWith('=')) throw new Error(`conditional format formula must start with '=': ${rule.formula}`);
  const custom = range.conditionalFormats.add('Custom').custom;
  // Relative to the top-left cell of the range, as in Excel's own dialog.
  custom.rule.formula = rule.formula;
  const s = rule.style;
  if (s.fill) custom.format.fill.color = `#${s.fill}`;
  if (s.color) custom.format.font.color = `#${s.color}`;
  if (s.bold) custom.format.font.bold = true;
  if (s.italic) custom.format.font.italic = true;
}

export function queueFreeze(sheet: Excel.Worksheet, plan: SheetPlan): void {
  const { rows, cols } = plan.freeze;
  if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(rangeAddr({ row: 1, col: 1, rowEnd: rows, colEnd: cols }));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (cols > 0) sheet.freezePanes.freezeColumns(cols);
}

/** A4, fit to the plan's width in pages and as many pages tall as needed, header rows repeated on every page. */
export function queuePageLayout(sheet: Excel.Worksheet, plan: SheetPlan): void {
  const layout = sheet.pageLayout;
  const p = plan.print;
  layout.paperSize = 'A4';
  layout.orientation = p.landscape ? 'Landscape' : 'Portrait';
  // verticalFitToPages 0 = no limit, as fitToHeight="0" in the file format.
  layout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: 0 };
  layout.setPrintArea(rangeAddr(p.area));
  layout.setPrintTitleRows(`$${p.titleRows.from}:$${p.titleRows.to}`);
}

/** Workbook-scoped names on the sheet's ranges, replacing same-named ones (Excel compares names without case). */
export function queueNames(
  workbook: Excel.Workbook,
  sheet: Excel.Worksheet,
  names: SheetPlan['names'],
  existing: readonly string[],
): void {
  for (const n of names) {
    const old = existing.find((e) => e.toUpperCase() === n.name.toUpperCase());
    if (old !== undefined) workbook.names.getItem(old).delete();
    workbook.names.add(n.name, sheet.getRange(rangeAddr(n.range)));
  }
}

/** The last command of an insert: protection without a password unless the plan gives one (none for reports). */
export function queueProtect(sheet: Excel.Worksheet, protect: SheetPlan['protect']): void {
  if (!protect) return;
  if (protect.password) sheet.protection.protect(PROTECTION_OPTIONS, protect.password);
  else sheet.protection.protect(PROTECTION_OPTIONS);
}
