// Cells → Form: find a form in a workbook (by its names, else by its header row) and read its inputs back.

import { FUND_LABELS, Form, FormMeta, FundLine, IndicatorRow, StandardId } from '../domain/form';
import { profileById, rowKind, RuleParams } from '../domain/rules';
import { STANDARDS } from '../domain/standards';
import { actualText, formatQuantity, parseTarget } from '../domain/target';
import { BUDGET_COL, COL, formNames, HAND_SCORE_HEADER, HEADERS, PARAM_LABELS, ROW } from './layout';
import { cellAt, CellValue, ReadSheet, ReadWorkbook } from './plan';

/** A form found in a workbook, with where its rows are (for writing inputs back). */
export interface FoundForm {
  sheet: string;
  /** name prefix when found by names; null when found by its header row */
  prefix: string | null;
  headerRow: number;
  /** sheet row of each indicator, in order */
  rowNumbers: number[];
  /** sheet row of each budget part (本年财政拨款, 上年结转资金, 其他资金) */
  partRows: number[];
  columns: Record<keyof typeof COL, number>;
  form: Form;
}

export class FormNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormNotFoundError';
  }
}

const str = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const num = (v: CellValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Value of a cell, or of the top-left cell of the merge that covers it (merged labels hold their value there). */
function mergedValue(sheet: ReadSheet, row: number, col: number): CellValue {
  const own = cellAt(sheet, row, col)?.v ?? null;
  if (own !== null && own !== '') return own;
  const m = sheet.merges.find((g) => row >= g.row && row <= g.rowEnd && col >= g.col && col <= g.colEnd);
  return m ? (cellAt(sheet, m.row, m.col)?.v ?? null) : own;
}

function findHeaderRow(sheet: ReadSheet): number | null {
  for (let r = 1; r <= sheet.cells.length; r++) {
    const row = sheet.cells[r - 1] ?? [];
    const labels = new Set(row.map((c) => str(c?.v)));
    if (labels.has(HEADERS.level1) && labels.has(HEADERS.level3) && labels.has(HEADERS.target)) return r;
  }
  return null;
}

function columnsOf(sheet: ReadSheet, headerRow: number): Record<keyof typeof COL, number> {
  const row = sheet.cells[headerRow - 1] ?? [];
  const out = {} as Record<keyof typeof COL, number>;
  (Object.keys(COL) as (keyof typeof COL)[]).forEach((k) => {
    const i = row.findIndex((c) => str(c?.v) === HEADERS[k]);
    out[k] = i >= 0 ? i + 1 : 0;
  });
  return out;
}

/** The cell to the right of a label (skipping the label's merge), searched in the given rows. */
function valueRightOf(sheet: ReadSheet, label: string, fromRow = 1, toRow = sheet.cells.length): CellValue {
  for (let r = fromRow; r <= toRow; r++) {
    const row = sheet.cells[r - 1] ?? [];
    const i = row.findIndex((c) => str(c?.v) === label);
    if (i < 0) continue;
    const m = sheet.merges.find((g) => g.row === r && g.col === i + 1);
    return cellAt(sheet, r, (m ? m.colEnd : i + 1) + 1)?.v ?? null;
  }
  return null;
}

function nameCell(wb: ReadWorkbook, name: string): CellValue | undefined {
  const n = wb.names.find((x) => x.name === name);
  if (!n) return undefined;
  const sheet = wb.sheets.find((s) => s.name === n.sheet);
  return sheet ? (cellAt(sheet, n.range.row, n.range.col)?.v ?? null) : undefined;
}

function readParams(get: (key: keyof RuleParams) => CellValue | undefined, base: RuleParams): RuleParams {
  const n = (k: keyof RuleParams, fallback: number): number => num(get(k) ?? null) ?? fallback;
  return {
    reverse: n('reverse', base.reverse === 'linear' ? 2 : 1) === 2 ? 'linear' : 'ratio',
    achievedMin: n('achievedMin', base.achievedMin),
    partialMin: n('partialMin', base.partialMin),
    achievedRate: n('achievedRate', base.achievedRate),
    partialRate: n('partialRate', base.partialRate),
    failedRate: n('failedRate', base.failedRate),
    overThreshold: n('overThreshold', base.overThreshold),
    naRescale: n('naRescale', base.naRescale ? 1 : 0) === 1,
    capByExecution: n('capByExecution', base.capByExecution ? 1 : 0) === 1,
  };
}

function readActual(v: CellValue, target: ReturnType<typeof parseTarget>): string {
  if (typeof v === 'number') {
    if (target.kind === 'number') return actualText({ kind: 'number', value: v }, target);
    if (target.kind === 'ratio') return actualText({ kind: 'ratio', n: v }, target);
    return String(v);
  }
  return str(v);
}

const SYMBOL: Record<string, string> = { '≥': '≥', '≤': '≤', '=': '=' };

/**
 * The target as the sheet computes it. The 指标性质 / 目标数值 / 度量单位 cells may have been corrected by hand (in WPS,
 * without the add-in); when they no longer say what the 年度指标值 text says, they win, written back as target text.
 */
function reconcileTarget(text: string, name: string, kind: CellValue, value: CellValue, unit: CellValue): string {
  const parsed = parseTarget(text, name);
  const k = str(kind);
  if (!k) return text; // a table without these columns (hand-made): the text is all there is
  const u = str(unit);
  const n = num(value);
  let fromCells: string | null = null;
  if (SYMBOL[k] && n !== null) {
    const same = parsed.kind === 'number' && rowKind(parsed) === k && Math.abs(parsed.value - n) < 1e-12 && parsed.unit === u;
    fromCells = same ? null : `${SYMBOL[k]}${formatQuantity(n, u)}`;
  } else if (k === '比例' && n !== null) {
    fromCells = parsed.kind === 'ratio' && parsed.n === n ? null : `1:${n}`;
  } else if (k === '是否' && (value === '是' || value === '否')) {
    fromCells = parsed.kind === 'yesno' && parsed.yes === (value === '是') ? null : String(value);
  } else if (k === '定性') {
    fromCells = parsed.kind === 'qualitative' ? null : '定性';
  } else if (k === '不适用') {
    fromCells = parsed.kind === 'na' ? null : '/';
  }
  return fromCells ?? text;
}

function readOne(wb: ReadWorkbook, sheet: ReadSheet, headerRow: number, prefix: string | null, lastRow: number | null): FoundForm {
  const columns = columnsOf(sheet, headerRow);
  const handIndex = (sheet.cells[headerRow - 1] ?? []).findIndex((c) => str(c?.v) === HAND_SCORE_HEADER);
  const handCol = handIndex >= 0 ? handIndex + 1 : 0;
  const names = prefix ? formNames(prefix) : null;
  const viaName = (name: string | undefined): CellValue | undefined => (name ? nameCell(wb, name) : undefined);

  // Indicator rows: until the 总分 row, a blank row or the end of the named table.
  const rows: IndicatorRow[] = [];
  const rowNumbers: number[] = [];
  let level1 = '';
  let level2 = '';
  const end = lastRow ?? sheet.cells.length;
  for (let r = headerRow + 1; r <= end; r++) {
    const a = str(mergedValue(sheet, r, columns.level1));
    if (a.startsWith('总分')) break;
    const l3 = str(cellAt(sheet, r, columns.level3)?.v);
    const written = str(cellAt(sheet, r, columns.target)?.v);
    const at = (c: number): CellValue => (c ? (cellAt(sheet, r, c)?.v ?? null) : null);
    const tgt = reconcileTarget(written, l3, at(columns.kind), at(columns.targetValue), at(columns.unit));
    if (a === '（无指标）') break;
    if (!a && !l3 && !written && !str(mergedValue(sheet, r, columns.level2))) {
      if (lastRow === null) break;
      continue;
    }
    level1 = a || level1;
    level2 = str(mergedValue(sheet, r, columns.level2)) || level2;
    const target = parseTarget(tgt, l3);
    const w = num(cellAt(sheet, r, columns.weight)?.v ?? null);
    rows.push({
      level1,
      level2,
      level3: l3,
      target: tgt,
      weight: w ?? 0,
      actual: columns.actual ? readActual(cellAt(sheet, r, columns.actual)?.v ?? null, target) : '',
      rateOverride: columns.override ? num(cellAt(sheet, r, columns.override)?.v ?? null) : null,
      reason: columns.reason ? str(cellAt(sheet, r, columns.reason)?.v) : '',
      ...(handCol ? { handScore: num(cellAt(sheet, r, handCol)?.v ?? null) } : {}),
    });
    rowNumbers.push(r);
  }

  // Header block.
  const standardText = str(viaName(names?.standard) ?? valueRightOf(sheet, PARAM_LABELS.standard));
  const standard: StandardId = standardText === 'project' || standardText === 'department' ? standardText : guessStandard(sheet, headerRow);
  const profileId = str(viaName(names?.profile) ?? valueRightOf(sheet, PARAM_LABELS.profile)) || 'national';
  const year = str(viaName(names?.year) ?? valueRightOf(sheet, PARAM_LABELS.year));
  const titleCell = str(cellAt(sheet, ROW.title, 1)?.v) || STANDARDS[standard].title;
  const title = titleCell.replace(/（\d{4}年度）$/, '');
  const label = STANDARDS[standard].nameLabel;
  const meta: FormMeta = {
    title,
    standard,
    projectName: str(viaName(names?.name) ?? valueRightOf(sheet, label, 1, headerRow)),
    unit: str(viaName(names?.unit) ?? valueRightOf(sheet, '实施单位', 1, headerRow)),
    department: str(viaName(names?.department) ?? valueRightOf(sheet, '主管部门', 1, headerRow)),
    year: year || (/（(\d{4})年度）$/.exec(titleCell)?.[1] ?? ''),
    profileId,
    goal: str(viaName(names?.goal) ?? valueRightOf(sheet, '年度总体目标', 1, headerRow)),
    goalResult: str(viaName(names?.goalResult) ?? valueRightOf(sheet, '实际完成情况', 1, headerRow)),
  };

  // Budget block: rows found by their labels above the table.
  const labelRow = (text: string): number | null => {
    for (let r = 1; r < headerRow; r++) {
      const row = sheet.cells[r - 1] ?? [];
      if (row.some((c) => str(c?.v) === text)) return r;
    }
    return null;
  };
  const partRows: number[] = [];
  const parts: FundLine[] = FUND_LABELS.map((l) => {
    const r = labelRow(l);
    if (r !== null) partRows.push(r);
    const at = (c: number): number | null => (r === null ? null : num(cellAt(sheet, r, c)?.v ?? null));
    return { label: l, initial: at(BUDGET_COL.initial), annual: at(BUDGET_COL.annual), executed: at(BUDGET_COL.executed) };
  });
  const totalRow = labelRow('年度资金总额');
  const budgetWeight = totalRow === null ? null : num(cellAt(sheet, totalRow, BUDGET_COL.weight)?.v ?? null);

  const profile = profileById(profileId);
  const params = readParams((k) => viaName(names ? formNames(prefix as string)[k] : undefined) ?? valueRightOf(sheet, PARAM_LABELS[k]), profile.params);

  return {
    sheet: sheet.name,
    prefix,
    headerRow,
    rowNumbers,
    partRows,
    columns,
    form: { meta, budget: { weight: budgetWeight ?? profile.budgetWeight, parts }, rows, params },
  };
}

function guessStandard(sheet: ReadSheet, headerRow: number): StandardId {
  for (let r = 1; r < headerRow; r++) {
    if ((sheet.cells[r - 1] ?? []).some((c) => str(c?.v).includes('部门整体'))) return 'department';
  }
  return 'project';
}

/** Every form of this product in the workbook: by its names first, then by header rows on the other sheets. */
export function findForms(wb: ReadWorkbook): FoundForm[] {
  const found: FoundForm[] = [];
  const seen = new Set<string>();
  for (const n of wb.names) {
    const m = /^(.+)_TABLE$/.exec(n.name);
    const sheet = wb.sheets.find((s) => s.name === n.sheet);
    if (!m || !sheet) continue;
    found.push(readOne(wb, sheet, n.range.row, m[1], n.range.rowEnd));
    seen.add(`${sheet.name}!${n.range.row}`);
  }
  for (const sheet of wb.sheets) {
    const h = findHeaderRow(sheet);
    if (h !== null && !seen.has(`${sheet.name}!${h}`)) found.push(readOne(wb, sheet, h, null, null));
  }
  return found;
}

/** The form on a sheet (or the first form of the workbook). */
export function readForm(wb: ReadWorkbook, sheetName?: string): FoundForm {
  const forms = findForms(wb).filter((f) => !sheetName || f.sheet === sheetName);
  if (forms.length === 0) {
    throw new FormNotFoundError(
      sheetName
        ? `工作表「${sheetName}」中没有找到绩效自评表（需要“一级指标 / 三级指标 / 年度指标值”表头）。`
        : '工作簿中没有找到绩效自评表（需要“一级指标 / 三级指标 / 年度指标值”表头）。',
    );
  }
  return forms[0];
}
