// SheetPlan[] → .xlsx bytes through ExcelJS. The plan decides everything; this file only translates it.

import ExcelJS from 'exceljs';
import {
  STYLES,
  addr,
  quoteSheet,
  rangeAddr,
  type ConditionalRule,
  type PlanCell,
  type RangeRef,
  type SheetPlan,
  type StyleName,
  type StyleSpec,
  type ValidationRule,
} from '../sheet/plan';

/** Chinese forms are set in 宋体; the plan's StyleSpec does not name a font, so every styled cell gets this one. */
const FONT_NAME = '宋体';
const DEFAULT_SIZE = 11;

// Excel refuses (or "repairs") files whose validation texts exceed these lengths.
const MAX_PROMPT_TITLE = 32;
const MAX_PROMPT = 255;
const MAX_ERROR = 225;
const MAX_LIST_FORMULA = 255;

/** ExcelJS keeps data validations on the worksheet but leaves them out of its typings. */
interface DataValidationSink {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

export async function writeWorkbook(plans: SheetPlan[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.calcProperties.fullCalcOnLoad = true;
  checkUniqueNames(plans);
  for (const plan of plans) {
    await addPlanToWorkbook(workbook, plan);
  }
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/**
 * Adds one worksheet rendered from the plan, and the plan's workbook names, to a workbook in memory (writeWorkbook,
 * and the browser's MemoryWorkbook). Throws before touching the workbook when the sheet name is taken or one of the
 * plan's names is already defined; a fault in the plan itself (a formula without '=', a prompt too long …) can throw
 * half-way, so a caller that must stay whole renders into a scratch workbook first.
 */
export async function addPlanToWorkbook(workbook: ExcelJS.Workbook, plan: SheetPlan): Promise<void> {
  checkSheetName(plan.sheetName);
  const taken = workbook.worksheets.find((w) => w.name.toLowerCase() === plan.sheetName.toLowerCase());
  if (taken) throw new Error(`worksheet name "${plan.sheetName}" is taken by "${taken.name}"`);
  checkUniqueNames([plan]);
  const defined = new Set(workbook.definedNames.model.map((n) => n.name.toUpperCase()));
  for (const { name } of plan.names) {
    if (defined.has(name.toUpperCase())) {
      throw new Error(`defined name ${name} of sheet "${plan.sheetName}" is already defined in the workbook`);
    }
  }
  await writeSheet(workbook, plan);
}

async function writeSheet(workbook: ExcelJS.Workbook, plan: SheetPlan): Promise<void> {
  const ws = workbook.addWorksheet(plan.sheetName);
  writeCells(ws, plan);

  plan.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const [row, height] of Object.entries(plan.rowHeights)) {
    ws.getRow(Number(row)).height = height;
  }
  // After the cells: ExcelJS gives the covered cells the top-left cell's style, so borders run round the block.
  for (const m of plan.merges) {
    if (m.row === m.rowEnd && m.col === m.colEnd) continue;
    ws.mergeCells(m.row, m.col, m.rowEnd, m.colEnd);
  }
  for (const n of plan.names) {
    workbook.definedNames.add(`${quoteSheet(plan.sheetName)}!${rangeAddr(n.range, true)}`, n.name);
  }
  const validations = (ws as unknown as DataValidationSink).dataValidations;
  for (const v of plan.validations) {
    validations.add(rangeAddr(v.range), toValidation(v.rule));
  }
  let priority = 1;
  for (const cf of plan.conditionalFormats) {
    ws.addConditionalFormatting({
      ref: rangeAddr(cf.range),
      rules: cf.rules.map((rule) => toConditionalRule(rule, priority++)),
    });
  }
  if (plan.freeze.rows > 0 || plan.freeze.cols > 0) {
    ws.views = [{ state: 'frozen', xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  }
  Object.assign(ws.pageSetup, {
    paperSize: 9, // A4
    orientation: plan.print.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: plan.print.fitToWidth,
    fitToHeight: 0, // as many pages tall as needed
    printArea: printAreaForExcelJS(plan.print.area),
    printTitlesRow: `${plan.print.titleRows.from}:${plan.print.titleRows.to}`,
  });
  if (plan.hidden) ws.state = 'hidden';
  if (!plan.protect) return;
  // An empty password gives <sheetProtection sheet="1" …/> with no hash: protected, unprotected without a prompt.
  // In ExcelJS's options `true` means "users may": formatColumns: true is written as formatColumns="0".
  await ws.protect(plan.protect.password ?? '', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
}

/** ExcelJS would quietly merge two ranges given the same name into one multi-area name. */
function checkUniqueNames(plans: SheetPlan[]): void {
  const seen = new Map<string, string>();
  for (const plan of plans) {
    for (const { name } of plan.names) {
      const key = name.toUpperCase(); // Excel names are case-insensitive
      const other = seen.get(key);
      if (other !== undefined) {
        throw new Error(`defined name ${name} is used twice (sheets "${other}" and "${plan.sheetName}")`);
      }
      seen.set(key, plan.sheetName);
    }
  }
}

/**
 * Formulas and defined names quote the sheet name; ExcelJS writes the print ranges as `'name'!…` without
 * doubling quotes, and silently truncates names longer than 31 characters. Refuse what would break references.
 */
function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31) {
    throw new Error(`worksheet name must be 1–31 characters: "${name}"`);
  }
  if (/[*?:/\\[\]']/.test(name)) {
    throw new Error(`worksheet name must not contain * ? : / \\ [ ] or ': "${name}"`);
  }
}

/**
 * ExcelJS reads the print area as `A1:O53` and writes it back as `$A1:$O53` (it adds the column `$` only).
 * Given `A$1:O$53` it writes the fully absolute `$A$1:$O$53` that Excel itself writes (as writeSheet does).
 * For a sheet that was loaded from a file, before the workbook is saved again.
 */
export function keepPrintAreaAbsolute(ws: ExcelJS.Worksheet): void {
  const area = ws.pageSetup?.printArea;
  if (!area) return;
  ws.pageSetup.printArea = area
    .split('&&')
    .map((part) =>
      part
        .split(':')
        .map((ref) => {
          const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
          return m ? `${m[1]}$${m[2]}` : ref;
        })
        .join(':'),
    )
    .join('&&');
}

/**
 * ExcelJS builds the Print_Area name as `'sheet'!$<from>:$<to>`, i.e. it adds the column `$` only;
 * handing it `A$1:K$30` yields the fully absolute `$A$1:$K$30` that Excel itself writes.
 */
function printAreaForExcelJS(r: RangeRef): string {
  return `${addr(r.row, r.col, true).slice(1)}:${addr(r.rowEnd, r.colEnd, true).slice(1)}`;
}

function writeCells(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  // One style object per (style, numFmt, input): ExcelJS caches the style id per object, so shared objects
  // cost one style lookup per kind instead of one per cell. They must never be mutated through a cell.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleFor = (cell: PlanCell): Partial<ExcelJS.Style> => {
    const key = `${cell.style ?? ''}\u0000${cell.numFmt ?? ''}\u0000${cell.input ? 1 : 0}`;
    let s = styles.get(key);
    if (!s) {
      s = buildStyle(cell.style, cell.numFmt, cell.input === true);
      styles.set(key, s);
    }
    return s;
  };

  for (let r = 0; r < plan.cells.length; r++) {
    const planRow = plan.cells[r];
    if (!planRow) continue;
    let row: ExcelJS.Row | undefined;
    for (let c = 0; c < planRow.length; c++) {
      const pc = planRow[c];
      if (!pc) continue;
      row ??= ws.getRow(r + 1);
      const cell = row.getCell(c + 1);
      if (pc.formula !== undefined) {
        if (!pc.formula.startsWith('=')) {
          throw new Error(`formula at row ${r + 1}, column ${c + 1} must start with '=': ${pc.formula}`);
        }
        cell.value = { formula: pc.formula.slice(1) } as ExcelJS.CellFormulaValue;
      } else if (pc.value !== undefined && pc.value !== null) {
        if (typeof pc.value === 'number' && !Number.isFinite(pc.value)) {
          throw new Error(`value at row ${r + 1}, column ${c + 1} is not a finite number: ${pc.value}`);
        }
        // A string is a plain string value to ExcelJS: text starting with '=' stays text.
        cell.value = pc.value;
      }
      if (pc.style !== undefined || pc.numFmt !== undefined || pc.input) {
        cell.style = styleFor(pc);
      }
    }
  }
}

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const ALL_THIN: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function buildStyle(name: StyleName | undefined, numFmt: string | undefined, input: boolean): Partial<ExcelJS.Style> {
  const spec: StyleSpec = name ? STYLES[name] : {};
  const style: Partial<ExcelJS.Style> = {
    font: {
      name: FONT_NAME,
      size: spec.size ?? DEFAULT_SIZE,
      bold: spec.bold || undefined,
      italic: spec.italic || undefined,
      color: spec.color ? { argb: argb(spec.color) } : undefined,
    },
  };
  if (spec.fill) {
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(spec.fill) } };
  }
  if (spec.hAlign || spec.vAlign || spec.wrap) {
    style.alignment = { horizontal: spec.hAlign, vertical: spec.vAlign, wrapText: spec.wrap || undefined };
  }
  if (spec.border) style.border = ALL_THIN;
  if (numFmt) style.numFmt = numFmt;
  // Cells are locked by default; only input cells say otherwise.
  if (input) style.protection = { locked: false };
  return style;
}

function checkLength(what: string, text: string, max: number): string {
  if (text.length > max) {
    throw new Error(`data validation ${what} longer than Excel allows (${text.length} > ${max}): ${text}`);
  }
  return text;
}

function toValidation(rule: ValidationRule): ExcelJS.DataValidation {
  const messages = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: checkLength('promptTitle', rule.promptTitle, MAX_PROMPT_TITLE),
    prompt: checkLength('prompt', rule.prompt, MAX_PROMPT),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: checkLength('promptTitle', rule.promptTitle, MAX_PROMPT_TITLE),
    error: checkLength('error', rule.error, MAX_ERROR),
  } as const;
  if (rule.type === 'list') {
    for (const item of rule.items) {
      if (item.includes(',')) throw new Error(`drop-down item must not contain a comma: ${item}`);
    }
    const list = `"${rule.items.map((i) => i.replace(/"/g, '""')).join(',')}"`;
    checkLength('list', list, MAX_LIST_FORMULA);
    return { type: 'list', formulae: [list], ...messages };
  }
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    return { type: 'decimal', operator: 'between', formulae: [min, max], ...messages };
  }
  if (min !== undefined) {
    return { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [min], ...messages };
  }
  if (max !== undefined) {
    return { type: 'decimal', operator: 'lessThanOrEqual', formulae: [max], ...messages };
  }
  // Any number at all: the rule still rejects text.
  return { type: 'decimal', operator: 'between', formulae: [-9.99e307, 9.99e307], ...messages };
}

function toConditionalRule(rule: ConditionalRule, priority: number): ExcelJS.ConditionalFormattingRule {
  if (!rule.formula.startsWith('=')) {
    throw new Error(`conditional format formula must start with '=': ${rule.formula}`);
  }
  const style: Partial<ExcelJS.Style> = {};
  const s = rule.style;
  if (s.fill) {
    // In a differential format the solid colour is bgColor (Excel); LibreOffice reads either, so give both.
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) }, bgColor: { argb: argb(s.fill) } };
  }
  if (s.color || s.bold || s.italic) {
    style.font = {
      color: s.color ? { argb: argb(s.color) } : undefined,
      bold: s.bold || undefined,
      italic: s.italic || undefined,
    };
  }
  return { type: 'expression', formulae: [rule.formula.slice(1)], priority, style };
}
