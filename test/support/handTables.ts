// Hand-made self-evaluation tables as .xlsx, in the layouts seen in published forms (shared/fixtures/), built
// the way people type them: merged 一级/二级 cells with the value in the top-left cell only, numbers as numbers,
// targets as text. Tests may seed errors into them.
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';

export interface HandRow {
  level1: string;
  level2: string;
  level3: string;
  target: string;
  actual: string | number | null;
  weight: string | number | null;
  score: string | number | null;
  reason?: string;
}

export interface HandBudget {
  total: [number | null, number | null, number | null];
  parts: [string, number | null, number | null, number | null][];
  weight: number;
  rate: number | string | null;
  score: number | null;
}

export interface HandTable {
  layout: 'mof' | 'hubei' | 'sichuan';
  title: string;
  project: string;
  budget: HandBudget | null;
  rows: HandRow[];
  total: number | null;
  goal?: string;
  goalResult?: string;
}

const FIXTURES = path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'published-tables');

export function publishedTable(file: string): { rows: HandRow[]; raw: Record<string, unknown> } {
  const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  const num = (s: string | null): string | number | null => (s === null ? null : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
  const rows: HandRow[] = raw.rows.map((r: Record<string, string | null>) => ({
    level1: r.level1 ?? '',
    level2: r.level2 ?? '',
    level3: r.level3 ?? '',
    target: r.target ?? '',
    actual: num(r.actual),
    weight: num(r.weight),
    score: num(r.score),
  }));
  return { rows, raw };
}

/** Merges runs of equal keys in a column, writing the run's label in its top-left cell only (as Excel does). */
function mergeRuns(ws: ExcelJS.Worksheet, col: number, first: number, keys: string[], labels = keys): void {
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i === keys.length || keys[i] !== keys[start]) {
      ws.getCell(first + start, col).value = labels[start];
      if (i - 1 > start) ws.mergeCells(first + start, col, first + i - 1, col);
      start = i;
    }
  }
}

/** Writes the table into `ws` from `top`; returns the next free row. */
export function writeHandTable(ws: ExcelJS.Worksheet, t: HandTable, top = 1): number {
  let r = top;
  ws.getCell(r, 1).value = t.title;
  ws.mergeCells(r, 1, r, 8);
  r++;
  ws.getCell(r, 1).value = '项目名称';
  ws.getCell(r, 2).value = t.project;
  r++;
  if (t.budget && t.layout !== 'hubei') {
    const b = t.budget;
    ws.getRow(r).values = ['项目资金（万元）', '', '年初预算数', '全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A）', '得分'];
    r++;
    ws.getRow(r).values = ['', '年度资金总额', b.total[0], b.total[1], b.total[2], b.weight, b.rate, b.score];
    r++;
    for (const p of b.parts) {
      ws.getRow(r).values = ['', p[0], p[1], p[2], p[3], '—', '—', '—'];
      r++;
    }
    ws.getRow(r).values = ['年度总体目标', '预期目标', '', '', '实际完成情况'];
    r++;
    ws.getRow(r).values = ['', t.goal ?? '', '', '', t.goalResult ?? ''];
    r++;
  } else if (t.budget) {
    const b = t.budget;
    ws.getRow(r).values = [`预算执行情况(${b.weight}分)`, '预算数(A)', '执行数(B)', '执行率(B/A)', `得分(${b.weight}分*执行率)`];
    r++;
    ws.getRow(r).values = ['', b.total[1], b.total[2], b.rate, b.score];
    r++;
  }
  const hubei = t.layout === 'hubei';
  const sichuan = t.layout === 'sichuan';
  const header = hubei
    ? ['一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '得分', '未完成原因分析']
    : sichuan
      ? ['一级指标', '二级指标', '三级指标', '年度指标值', '', '', '分值', '全年实际值', '得分', '偏差原因分析及改进措施']
      : ['一级指标', '二级指标', '三级指标', '年度指标值（A）', '实际完成值（B）', '分值', '得分', '偏差原因分析及改进措施'];
  ws.getRow(r).values = header;
  if (sichuan) {
    ws.mergeCells(r, 4, r, 6);
    r++;
    ws.getRow(r).values = ['', '', '', '指标性质', '指标值', '度量单位'];
  }
  r++;
  const first = r;
  t.rows.forEach((row, i) => {
    const rr = first + i;
    ws.getCell(rr, 3).value = row.level3;
    if (sichuan) {
      const m = /^([≥≤=]?)([\d.]+)(.*)$/u.exec(row.target);
      ws.getCell(rr, 4).value = m ? m[1] || '=' : '';
      ws.getCell(rr, 5).value = m ? Number(m[2]) : row.target;
      ws.getCell(rr, 6).value = m ? m[3] : '';
      ws.getCell(rr, 7).value = row.weight;
      ws.getCell(rr, 8).value = row.actual;
      ws.getCell(rr, 9).value = row.score;
      ws.getCell(rr, 10).value = row.reason ?? '';
    } else if (hubei) {
      ws.getCell(rr, 4).value = row.target;
      ws.getCell(rr, 5).value = row.actual;
      ws.getCell(rr, 6).value = row.score;
      ws.getCell(rr, 7).value = row.reason ?? '';
    } else {
      ws.getCell(rr, 4).value = row.target;
      ws.getCell(rr, 5).value = row.actual;
      ws.getCell(rr, 6).value = row.weight;
      ws.getCell(rr, 7).value = row.score;
      ws.getCell(rr, 8).value = row.reason ?? '';
    }
  });
  mergeRuns(ws, 1, first, t.rows.map((x) => x.level1));
  mergeRuns(ws, 2, first, t.rows.map((x) => `${x.level1}|${x.level2}`), t.rows.map((x) => x.level2));
  r = first + t.rows.length;
  if (t.total !== null) {
    ws.getCell(r, 1).value = '总分';
    const weightCol = hubei ? null : sichuan ? 7 : 6;
    const scoreCol = hubei ? 6 : sichuan ? 9 : 7;
    if (weightCol) ws.getCell(r, weightCol).value = 100;
    ws.getCell(r, scoreCol).value = t.total;
    r++;
  }
  return r + 1;
}

export async function handWorkbook(sheets: { name: string; tables: HandTable[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    let top = 1;
    for (const t of s.tables) top = writeHandTable(ws, t, top);
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The 天长 table (Ministry layout), as published: complete and correct. */
export function tianchang(): HandTable {
  const { rows } = publishedTable('xm_tianchang_shuili_2022.json');
  return {
    layout: 'mof',
    title: '项目支出绩效自评表(2022年度)',
    project: '水旱灾害防御经费',
    budget: { total: [880, 880, 880], parts: [['其中：本年财政拨款', 880, 880, 880], ['上年结转资金', null, null, null], ['其他资金', null, null, null]], weight: 10, rate: null, score: 10 },
    rows: rows.map((r) => ({ ...r, level1: r.level1.startsWith('(') ? { '(50分)': '产出指标(50分)', '(30分)': '效益指标(30分)' }[r.level1] ?? r.level1 : r.level1 })),
    total: 100,
    goal: '保障全市安全度汛',
    goalResult: '全市安全度汛，工程良性运行',
  };
}

/** The 池州 table (Ministry layout), as published: its 年度资金总额 row reads 0/0/0 above a filled 本年财政拨款. */
export function chizhou(): HandTable {
  const { rows } = publishedTable('xm_chizhou_tangxi_cunji_2022.json');
  return {
    layout: 'mof',
    title: '项目支出绩效自评表（2022年度）',
    project: '村级补助及运转经费',
    budget: { total: [0, 0, 0], parts: [['其中：本年财政拨款', 202.64, 132.912, 132.912], ['上年结转资金', null, null, null], ['其他资金', null, null, null]], weight: 10, rate: 0, score: 0 },
    rows,
    total: null,
    goal: '保障村级组织运转',
    goalResult: '村级组织正常运转',
  };
}

/** The 区商务局 table (Hubei layout: budget 20 points, no 分值 column). */
export function qushangwu(): HandTable {
  const { rows } = publishedTable('xm_qushangwu_fuwumaoyi_2020.json');
  return {
    layout: 'hubei',
    title: '2020年市级服务贸易发展资金项目自评表',
    project: '市级服务贸易发展资金',
    budget: { total: [null, 285.84, 285.84], parts: [], weight: 20, rate: '100%', score: 20 },
    rows,
    total: 100,
  };
}

/** A Sichuan-style table (separate 指标性质 / 指标值 / 度量单位 columns), from the 四川 targets with invented actuals. */
export function sichuan(): HandTable {
  const { rows } = publishedTable('targets_only_dyrmt_2023.json');
  const actuals: (string | number)[] = [100, 8, 100, 100];
  return {
    layout: 'sichuan',
    title: '部门预算项目支出绩效自评表',
    project: '工资类项目',
    budget: null,
    rows: rows.map((r, i) => ({ ...r, actual: actuals[i] ?? null, score: r.weight })),
    total: 90,
  };
}
