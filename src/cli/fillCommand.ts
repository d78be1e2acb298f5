// jxzp fill: write 实际完成值 (and 偏差原因分析 / 定性得分率) from a table into an existing form workbook.

import { basename } from 'path';
import { scoreForm } from '../domain/rules';
import { readActualsTable } from '../sheet/importTable';
import { planFill, type FillReport } from '../sheet/inputs';
import { readForm } from '../sheet/readback';
import { applyInputs } from '../xlsx/applyInputs';
import { readWorkbook } from '../xlsx/readWorkbook';
import { checkOutput, CliError, fmtFixed, readInput, resolvePath, UsageError, writeFileAtomic, type CliIO } from './io';
import { readTableFile } from './tables';

export const FILL_OPTIONS = {
  out: { type: 'string', short: 'o' },
  'in-place': { type: 'boolean' },
  force: { type: 'boolean' },
  sheet: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface FillValues {
  out?: string;
  'in-place'?: boolean;
  force?: boolean;
  sheet?: string;
}

export async function runFill(values: FillValues, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length < 2) throw new UsageError('请给出自评表和实际值表两个文件，如：jxzp fill 自评表.xlsx 实际值.csv -o 已填写.xlsx', 'fill');
  if (positionals.length > 2) throw new UsageError(`多余的参数「${positionals.slice(2).join(' ')}」`, 'fill');
  const [formFile, tableFile] = positionals;
  const inPlace = values['in-place'] === true;
  if (inPlace && values.out !== undefined) throw new UsageError('--in-place 与 -o 只能用一个', 'fill');
  if (!inPlace && values.out === undefined) {
    throw new UsageError('请用 -o 指定输出文件（如 -o 已填写.xlsx），或用 --in-place 直接改写原表', 'fill');
  }
  let outPath: string;
  let outShown: string;
  if (inPlace) {
    outPath = resolvePath(io, formFile);
    outShown = formFile;
  } else {
    outShown = values.out as string;
    if (resolvePath(io, outShown) === resolvePath(io, formFile)) {
      throw new UsageError('输出文件就是原表：如要直接改写原表，请用 --in-place', 'fill');
    }
    outPath = await checkOutput(io, outShown, values.force === true, 'fill');
  }

  const formData = await readInput(io, formFile);
  const formName = basename(formFile);
  const wb = await readWorkbook(formData, formName);
  const found = readForm(wb, values.sheet);
  if (found.columns.actual === 0) throw new CliError(`「${formName}」工作表「${found.sheet}」的自评表没有「实际完成值」列，无法填写`);

  const file = await readTableFile(io, tableFile);
  const table = readActualsTable(file.rows);
  if (!table.ok) throw new CliError(`${file.where}${table.error}`);
  if (table.value.rows.length === 0) throw new CliError(`${file.where}表头（第${table.value.header.row}行）下面没有数据行`);

  const { edits, report } = planFill(found, table.value);
  if (edits.length === 0) {
    const a = report.ambiguous[0];
    if (report.filled.length === 0 && a) {
      throw new CliError(
        `${file.where}中的指标在自评表中有多行同名，无法确定对应哪一行（如第${a.tableRow}行「${a.level3}」：自评表第${a.sheetRows.join('、')}行），` +
          '请在表中加上「二级指标」列，未生成文件',
      );
    }
    if (report.unmatched.length > 0 && report.skipped.length === 0 && report.unreadable.length === 0) {
      throw new CliError(`${file.where}中没有一行的「三级指标」与「${formName}」中的指标同名，未生成文件`);
    }
    throw new CliError(`${file.where}中与自评表对应的行都没有可填写的值，未生成文件`);
  }

  const data = await applyInputs(formData, found.sheet, edits, formName);
  // Read the result back before it replaces anything: the form must still be found where it was.
  const after = readForm(await readWorkbook(data, basename(outShown)), found.sheet);
  if (after.rowNumbers.join() !== found.rowNumbers.join()) {
    throw new Error('the filled workbook no longer reads as the same form');
  }
  const result = scoreForm(after.form);
  await writeFileAtomic(outPath, data, outShown);

  io.stdout.write(
    `已填写 ${report.filled.length} 项指标，写入「${outShown}」（工作表「${found.sheet}」）。` +
      `按填写后的数值计算，总分 ${fmtFixed(result.total)}（${result.grade}）。\n`,
  );
  io.stdout.write(describeReport(report, file.where));
  return 0;
}

function section(title: string, lines: string[]): string {
  return lines.length === 0 ? '' : `${title}\n${lines.map((l) => `  ${l}\n`).join('')}`;
}

export function describeReport(r: FillReport, where: string): string {
  return [
    section(
      `${where}中在自评表里找不到的指标（${r.unmatched.length} 行，未填写）：`,
      r.unmatched.map((u) => `第${u.tableRow}行「${u.level3}」`),
    ),
    section(
      `${where}中无法确定对应哪一行的指标（未填写）：`,
      r.ambiguous.map((a) => `第${a.tableRow}行「${a.level3}」：自评表第${a.sheetRows.join('、')}行同名，请在表中加上「二级指标」列区分`),
    ),
    section(
      `${where}中重复的行（未填写）：`,
      r.duplicates.map((d) => `第${d.tableRow}行「${d.level3}」：与第${d.firstTableRow}行对应同一指标，以第${d.firstTableRow}行为准`),
    ),
    section(
      `无法识别的值（实际完成值已按原文写入，表中显示“无法计算”，请修改）：`,
      r.unreadable.map((u) => `${where}第${u.tableRow}行「${u.column}」列「${u.text}」：${u.reason}`),
    ),
    section(
      '未填写的值：',
      r.skipped.map((s) => `${where}第${s.tableRow}行「${s.column}」列「${s.text}」（${s.level3}）：${s.reason}`),
    ),
    section(
      '按以下方式读取（请核对）：',
      r.notes.map((n) => `${where}第${n.tableRow}行「${n.column}」列「${n.text}」（${n.level3}）：${n.note}`),
    ),
    section(
      `自评表中仍未填写实际完成值的指标（${r.blank.length} 项）：`,
      r.blank.map((b) => `自评表第${b.sheetRow}行「${b.level3}」`),
    ),
  ].join('');
}
