// 下发 and 汇总 around the core, as the command line (src/cli/distributeCommand.ts, collectCommand.ts) and the task
// pane (src/taskpane/state/distribute.ts) both run them: what to tell the bureau about its template before it goes
// out, the version text, the names of what is written, and the counts a report opens with (the 汇总 itself:
// consolidationOf in src/sheet/consolidate.ts). Pure and light: the pane loads it with its first load.

import { safeFileName, totalWeight } from '../domain/distribution';
import type { Form } from '../domain/form';
import type { CollectResult } from './collect';

const fmt = (x: number): string => {
  const r = Math.round(x * 100) / 100;
  return String(r === 0 ? 0 : r);
};

/** What a clerk should hear about the template before sending it to every district (Chinese, one sentence each). */
export function templateWarnings(template: Form): string[] {
  const out: string[] = [];
  const total = totalWeight(template);
  if (Math.abs(total - 100) > 1e-6) out.push(`警告：模板的分值合计为 ${fmt(total)}（含预算执行率），通常应为 100`);
  const placeholders = template.rows.filter((r) => /^指标\s*\d+\s*[:：]\s*$/u.test(r.level3.trim()) || r.target.trim() === '');
  if (placeholders.length > 0) {
    out.push(`警告：模板中有 ${placeholders.length} 项指标没有名称或年度指标值（如「${placeholders[0].level3 || '（无名称）'}」），各单位将无法评分`);
  }
  if (template.rows.some((r) => r.actual.trim() !== '' || r.reason.trim() !== '')) {
    out.push('提示：模板中已填的实际完成值和偏差原因不会下发，各单位收到的是空白表');
  }
  return out;
}

/** The bureau's version of the template (第 N 版) as given: '1' when not given, null when it cannot be one. */
export function templateVersion(v: string | undefined): string | null {
  if (v === undefined) return '1';
  const t = v.trim();
  if (t === '' || t.length > 20 || /["\r\n]/.test(t)) return null;
  return t;
}

/** Now as the 汇总 shows it: 2025-03-01 10:20 (local time). */
export function timestamp(d: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The .zip of all districts' files: 「下发-项目支出绩效自评表（2024年度）.zip」. */
export function distributionArchiveName(template: Form): string {
  return `${safeFileName(`下发-${template.meta.title}（${template.meta.year}年度）`)}.zip`;
}

/** The 汇总 workbook: 「汇总-项目支出绩效自评表（2024年度）.xlsx」. */
export function consolidationFileName(result: Pick<CollectResult, 'title' | 'year'>): string {
  return `${safeFileName(`汇总-${result.title}（${result.year}年度）`)}.xlsx`;
}

export interface CollectCounts {
  districts: number;
  reported: number;
  missing: number;
  duplicated: number;
  notUsed: number;
  files: number;
  filesUsed: number;
  filesRejected: number;
  filesSkipped: number;
}

export function collectCounts(result: CollectResult): CollectCounts {
  const d = (s: string): number => result.districts.filter((x) => x.state === s).length;
  const f = (s: string): number => result.files.filter((x) => x.outcome === s).length;
  return {
    districts: result.districts.length,
    reported: d('已报送'),
    missing: d('未报送'),
    duplicated: d('重复报送'),
    notUsed: d('未采用'),
    files: result.files.length,
    filesUsed: f('已采用'),
    filesRejected: f('未采用'),
    filesSkipped: f('已跳过'),
  };
}
