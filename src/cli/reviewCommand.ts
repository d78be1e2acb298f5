// jxzp review: the 审核 checks on every table of a workbook — this product's forms and hand-made ones.
// Exit status: 0 no 错误, 1 there are 错误, 2 the file could not be read.

import { basename } from 'path';
import { profileById, PROFILES } from '../domain/rules';
import { Finding, reviewTable, RowVerdict, Severity } from '../domain/review';
import { findTables } from '../sheet/findTables';
import { readWorkbook } from '../xlsx/readWorkbook';
import { readInput, UsageError, type CliIO } from './io';

export const REVIEW_OPTIONS = {
  json: { type: 'boolean' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ORDER: Severity[] = ['错误', '警告', '提示'];

export interface ReviewReport {
  file: string;
  tables: { sheet: string; anchor: string; rows: number; findings: Finding[]; verdicts: RowVerdict[] }[];
  counts: Record<Severity, number>;
}

export async function runReview(values: { json?: boolean; profile?: string }, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('请给出一个要审核的 .xlsx 文件', 'review');
  if (values.profile && !PROFILES.some((p) => p.id === values.profile)) {
    throw new UsageError(`没有「${values.profile}」这个评分口径，可用：${PROFILES.map((p) => p.id).join('、')}`, 'review');
  }
  const shown = positionals[0];
  const wb = await readWorkbook(await readInput(io, shown), basename(shown));
  const params = profileById(values.profile ?? 'national').params;
  const tables = findTables(wb).map((t) => {
    const r = reviewTable(t, params);
    return { sheet: t.sheet, anchor: t.anchor, rows: t.rows.length, findings: r.findings, verdicts: r.rows };
  });
  const counts: Record<Severity, number> = { 错误: 0, 警告: 0, 提示: 0 };
  tables.forEach((t) => t.findings.forEach((f) => counts[f.severity]++));
  const report: ReviewReport = { file: basename(shown), tables, counts };
  if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout.write(reviewText(report));
  return counts['错误'] > 0 ? 1 : 0;
}

function reviewText(r: ReviewReport): string {
  const out: string[] = [];
  if (r.tables.length === 0) {
    out.push(`「${r.file}」中没有找到绩效自评表（需要“三级指标”及“年度指标值/得分”等表头）。`);
    return `${out.join('\n')}\n`;
  }
  for (const t of r.tables) {
    out.push(`工作表「${t.sheet}」${t.anchor} 起的自评表：${t.rows} 个指标`);
    for (const sev of ORDER) {
      const fs = t.findings.filter((f) => f.severity === sev);
      if (fs.length === 0) continue;
      out.push(`  【${sev}】${fs.length} 项`);
      for (const f of fs) out.push(`    ${f.cell.padEnd(6)} ${f.message.zh}${f.fix ? `（${f.fix.zh}）` : ''}  [${f.id}]`);
    }
    if (t.findings.length === 0) out.push('  未发现问题。');
  }
  out.push(`合计：错误 ${r.counts['错误']} 项，警告 ${r.counts['警告']} 项，提示 ${r.counts['提示']} 项。`);
  return `${out.join('\n')}\n`;
}
