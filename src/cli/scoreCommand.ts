// jxzp score: score a form workbook from the values in it (never from cached formula results).

import { basename } from 'path';
import { scoreForm, type FormResult, type ScoredRow } from '../domain/rules';
import type { Form } from '../domain/form';
import { readForm, type FoundForm } from '../sheet/readback';
import { readWorkbook } from '../xlsx/readWorkbook';
import { fmtFixed, fmtMoney, fmtNumber, fmtPercent, readInput, UsageError, type CliIO } from './io';

export const SCORE_OPTIONS = {
  json: { type: 'boolean' },
  sheet: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ScoreValues {
  json?: boolean;
  sheet?: string;
}

/** What the row's 提示 column says: the scorer's note, plus what a reviewer would flag. */
function rowNote(s: ScoredRow): string {
  const parts: string[] = [];
  if (s.note) parts.push(s.note);
  if (s.overrideClamped) parts.push('定性得分率超出所选档位，已按档位边界计分');
  if (s.missingReason) parts.push(s.status === '超额·需说明' ? '超额完成，请填写偏差原因分析' : '未达标，请填写偏差原因分析');
  return parts.join('；');
}

export function scoreJson(found: FoundForm, result: FormResult) {
  const form = found.form;
  return {
    sheet: found.sheet,
    meta: form.meta,
    rows: form.rows.map((r, i) => {
      const s = result.rows[i];
      return {
        level1: r.level1,
        level2: r.level2,
        level3: r.level3,
        target: r.target,
        actual: r.actual,
        weight: r.weight,
        kind: s.kind,
        completion: s.completion,
        score: s.score,
        status: s.status,
        note: rowNote(s),
        missingReason: s.missingReason,
      };
    }),
    subtotals: result.subtotals,
    budget: result.budget,
    totalWeight: result.totalWeight,
    applicableWeight: result.applicableWeight,
    rawScore: result.rawScore,
    total: result.total,
    grade: result.grade,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A plain-text table that lines up in a terminal: CJK characters take two columns.

function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

function clip(s: string, max: number): string {
  if (width(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

function pad(s: string, w: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

function table(head: string[], rows: string[][], rightAligned: Set<number>, maxWidths: number[]): string {
  const cells = [head, ...rows].map((r) => r.map((c, i) => clip(c, maxWidths[i] ?? 1000)));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i], rightAligned.has(i))))
      .join('  ')
      .trimEnd();
  return cells.map(line).join('\n') + '\n';
}

function describeTotal(form: Form, result: FormResult): string[] {
  const lines: string[] = [];
  const b = result.budget;
  const budget =
    b.rate === null
      ? `预算执行率：未填写全年预算数，得分 0 / ${fmtNumber(b.weight)}`
      : `预算执行率：${fmtPercent(b.rate)}（全年执行数 ${fmtMoney(b.executed ?? 0)} / 全年预算数 ${fmtMoney(b.annual ?? 0)} 万元），得分 ${fmtFixed(b.score)} / ${fmtNumber(b.weight)}`;
  lines.push(budget);
  const rescaled = form.params.naRescale && result.applicableWeight !== result.totalWeight && result.applicableWeight > 0;
  let total = `总分：${fmtFixed(result.total)}，等级：${result.grade}`;
  if (rescaled) {
    total += `（各项得分合计 ${fmtFixed(result.rawScore)}，不适用指标不计，按适用分值 ${fmtNumber(result.applicableWeight)} 折算为百分制）`;
  } else if (Math.abs(result.totalWeight - 100) > 1e-9) {
    total += `（注意：分值合计为 ${fmtNumber(result.totalWeight)}，不是 100）`;
  }
  lines.push(total);
  return lines;
}

export function scoreText(found: FoundForm, result: FormResult, fileName: string): string {
  const form = found.form;
  const m = form.meta;
  const head = [`${m.title}（${m.year}年度）${m.projectName ? ` — ${m.projectName}` : ''}`, `文件「${fileName}」，工作表「${found.sheet}」，评分口径：${m.profileId}`];
  const rows = form.rows.map((r, i) => {
    const s = result.rows[i];
    return [
      String(i + 1),
      r.level3,
      r.target,
      r.actual,
      fmtNumber(r.weight),
      s.completion === null ? '' : fmtPercent(s.completion),
      s.score === null ? '' : fmtFixed(s.score),
      s.status,
      rowNote(s),
    ];
  });
  const body = table(
    ['序号', '三级指标', '年度指标值', '实际完成值', '分值', '完成率', '得分', '状态', '提示'],
    rows,
    new Set([0, 4, 5, 6]),
    [6, 40, 20, 20, 8, 10, 8, 12],
  );
  const subtotals = table(
    ['一级指标', '分值', '适用分值', '得分'],
    result.subtotals.map((t) => [t.level1, fmtNumber(t.weight), fmtNumber(t.applicableWeight), fmtFixed(t.score)]),
    new Set([1, 2, 3]),
    [30],
  );
  const counts = new Map<string, number>();
  for (const s of result.rows) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const tally = [...counts].map(([k, n]) => `${k} ${n}`).join('，');
  return [...head, '', body, subtotals, ...describeTotal(form, result), `指标状态：${tally}`, ''].join('\n');
}

export async function runScore(values: ScoreValues, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length < 1) throw new UsageError('请给出要评分的自评表文件，如：jxzp score 自评表.xlsx', 'score');
  if (positionals.length > 1) throw new UsageError(`多余的参数「${positionals.slice(1).join(' ')}」`, 'score');
  const file = positionals[0];
  const name = basename(file);
  const wb = await readWorkbook(await readInput(io, file), name);
  const found = readForm(wb, values.sheet);
  const result = scoreForm(found.form);
  io.stdout.write(values.json ? JSON.stringify(scoreJson(found, result), null, 2) + '\n' : scoreText(found, result, name));
  return 0;
}
