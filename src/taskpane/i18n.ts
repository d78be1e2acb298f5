// Every string the pane shows, in Chinese (the default) and English. `en` is typed by the keys of `zh`, so a
// string missing in English does not compile. Placeholders are written {name} and filled by t().
// Text that comes from the domain (reasons a value cannot be read, importer messages) stays Chinese: it quotes
// the Chinese cells of the form.

import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Grade, RowStatus } from '../domain/rules';

const zh = {
  'app.title': '绩效自评助手',
  'tab.new': '新建',
  'tab.fill': '填报',
  'tab.results': '结果',
  'tab.settings': '设置',

  'common.loading': '正在读取工作簿…',
  'common.readFailed': '无法读取工作簿：{message}',
  'common.cancel': '取消',
  'common.noForm': '当前工作簿中还没有绩效自评表。请先在「新建」中插入一张。',
  'common.goNew': '去新建',
  'common.form': '自评表',
  'common.formOption': '{sheet}：{title}',
  'common.dismiss': '关闭',
  'common.retry': '重试',

  'status.empty': '未填',
  'status.met': '达标',
  'status.below': '未达标',
  'status.over': '超额·需说明',
  'status.na': '不适用',
  'status.cannot': '无法计算',
  'grade.excellent': '优',
  'grade.good': '良',
  'grade.fair': '中',
  'grade.poor': '差',

  'new.standard': '表样',
  'new.standard.project': '项目支出绩效自评表',
  'new.standard.department': '部门整体支出绩效自评表',
  'new.standardLocked': '示例是部门整体支出表。',
  'new.header': '表头',
  'new.projectName': '项目名称',
  'new.departmentName': '部门（单位）名称',
  'new.unit': '实施单位',
  'new.department': '主管部门',
  'new.year': '年度',
  'new.profile': '评分口径',
  'new.source': '指标来源',
  'new.source.template': '标准模板（空白指标，插入后在表中填写）',
  'new.source.example': '示例：广州市从化区司法局 2022 年部门整体支出',
  'new.source.table': '导入指标表（CSV / Excel 文件，或粘贴）',
  'new.weightsNote': '一级指标权重（履职效能 70、管理效率 20、预算执行率 10）是可修改的默认值：广东省未公布统一权重。',
  'new.file': '从文件导入',
  'new.chooseFile': '选择文件…',
  'new.fileHint': '支持 CSV（UTF-8）和 .xlsx，需有“一级指标、二级指标、三级指标、年度指标值、分值”列。',
  'new.paste': '或粘贴表格',
  'new.pastePlaceholder': '在 Excel 中复制含表头的指标表，粘贴到这里',
  'new.readPaste': '读取粘贴的表格',
  'new.reading': '正在读取…',
  'new.tableRead': '已读取{where}：{count} 项指标',
  'new.pasted': '粘贴的表格',
  'new.readError': '无法读取{where}：{error}',
  'new.preview': '年度指标值的读法',
  'new.previewSummary': '{count} 项指标，分值合计 {total}（指标 {indicators} + 预算执行率 {budget}）',
  'new.weightWarning': '分值合计不是 100，请核对各指标分值。',
  'new.unreadable': '{count} 项年度指标值无法识别（已标出），插入后表中显示“无法计算”，可在表中更正。',
  'new.blankTarget': '（待填写）',
  'new.colIndicator': '三级指标',
  'new.colTarget': '年度指标值',
  'new.colReading': '读作',
  'new.colWeight': '分值',
  'new.sheetName': '工作表名称',
  'new.sheetExists': '已有同名工作表，插入时将替换它。',
  'new.problem.empty': '请填写工作表名称。',
  'new.problem.tooLong': '工作表名称最多 31 个字符。',
  'new.problem.badChars': '工作表名称不能含有 * ? : / \\ [ ] \' 这些字符。',
  'new.problem.yearFormat': '年度应为四位年份，如 2024。',
  'new.problem.noRows': '请先导入指标表。',
  'new.insert': '插入新工作表',
  'new.inserting': '正在插入工作表…',
  'new.inserted': '已插入工作表「{sheet}」（{count} 项指标）。',
  'new.goFill': '开始填报',
  'new.insertFailed': '插入失败，工作簿没有改动：{message}',
  'new.confirmTitle': '覆盖工作表？',
  'new.confirmFilled': '该工作表已有填报内容，是否覆盖？',
  'new.confirmFilledDetail': '工作表「{sheet}」中的内容（实际完成值、偏差原因等）将被新表替换。',
  'new.confirmBlank': '工作表「{sheet}」已存在（尚未填报），是否替换为新表？',
  'new.overwrite': '覆盖',

  'fill.budget': '项目资金（万元）',
  'fill.budget.initial': '年初预算数',
  'fill.budget.annual': '全年预算数（A）',
  'fill.budget.executed': '全年执行数（B）',
  'fill.budgetInput': '{part}·{field}',
  'fill.targetLine': '年度指标值：{text}',
  'fill.targetReadAs': '读作 {text}',
  'fill.points': '{points} 分',
  'fill.actual': '实际完成值',
  'fill.actualFor': '「{name}」实际完成值',
  'fill.readAs': '读作 {text}',
  'fill.choose': '请选择…',
  'fill.rate': '定性得分率',
  'fill.rateFor': '「{name}」定性得分率',
  'fill.rateHint': '可选，留空按默认得分率；本档 {lo}–{hi}',
  'fill.rateOutside': '得分率不在本档（{lo}–{hi}）内，将按档次边界计分。',
  'fill.reason': '偏差原因分析及改进措施',
  'fill.reasonFor': '「{name}」偏差原因分析及改进措施',
  'fill.reasonRequired': '未达标或超额完成，请说明原因。',
  'fill.na': '不适用（年度指标值为 /），无需填写。',
  'fill.targetInvalid': '年度指标值无法识别：{reason}。请在工作表中更正年度指标值。',
  'fill.score': '得分 {score}',
  'fill.pending': '{count} 处修改尚未保存',
  'fill.noPending': '填写的内容已在工作表中',
  'fill.save': '保存到工作表',
  'fill.discard': '放弃修改',
  'fill.saving': '正在保存…',
  'fill.saved': '已写入工作表（{count} 个单元格）。',
  'fill.saveFailed': '保存失败，工作表没有改动：{message}',
  'fill.problems': '以下内容需要更正，更正前不会写入工作表：',
  'fill.problem.override': '「{name}」定性得分率：{reason}',
  'fill.problem.money': '{part}「{field}」：「{text}」不是金额（万元）',
  'fill.problem.noColumn': '此表没有「{column}」列，无法写入。',
  'fill.saveHint': '在此填写后点“保存到工作表”，一次写入；在工作表中直接修改的内容会自动显示在这里。',

  'results.total': '总分',
  'results.grade': '等级',
  'results.rescaled': '有不适用指标，总分已按适用分值折算为百分制。',
  'results.capped': '总分已按预算执行率封顶。',
  'results.subtotals': '分项得分',
  'results.colLevel1': '一级指标',
  'results.colWeight': '分值',
  'results.colScore': '得分',
  'results.budgetRow': '预算执行率',
  'results.budget': '预算执行',
  'results.budgetAnnual': '全年预算数（万元）',
  'results.budgetExecuted': '全年执行数（万元）',
  'results.budgetRate': '执行率',
  'results.budgetScore': '得分',
  'results.flags': '需要关注',
  'results.noFlags': '没有需要关注的指标。',
  'results.flag.below': '未达标',
  'results.flag.over': '超额·需说明',
  'results.flag.missingReason': '缺偏差原因',
  'results.flag.cannotCompute': '无法计算',
  'results.flag.noBudget': '未填预算数',
  'results.flag.clamped': '得分率超出档次',
  'results.noBudgetNote': '全年预算数未填写，预算执行率计 0 分。',
  'results.missingReasonNote': '请填写偏差原因分析及改进措施。',
  'results.clampedNote': '定性得分率超出所选档次，已按档次边界计分。',
  'results.locate': '定位',
  'results.locateLabel': '定位到「{name}」（{flag}）',
  'results.unfilled': '尚有 {count} 项指标未填写实际完成值。',
  'results.pending': '填报页有 {count} 处修改尚未保存；结果按工作表中的内容计算。',
  'results.oracle': '按工作表中的数据计算，与表内公式的结果一致。',

  'settings.language': '语言',
  'settings.zh': '中文',
  'settings.en': 'English',
  'settings.params': '评分参数',
  'settings.paramsNote': '参数保存在自评表的评分参数区（命名单元格），表内公式直接引用；保存后全表自动重算。',
  'settings.preset': '载入口径预设',
  'settings.presetNone': '（不载入）',
  'settings.reverse': '反向指标算法',
  'settings.reverse.ratio': '比值法：年度指标值 ÷ 实际值 × 分值',
  'settings.reverse.linear': '线性扣分：超出部分按比例扣分，超出一倍不得分',
  'settings.bands': '定性分档下限',
  'settings.achievedMin': '“达成”档下限',
  'settings.partialMin': '“部分达成”档下限',
  'settings.defaults': '定性默认得分率',
  'settings.achievedRate': '达成年度指标',
  'settings.partialRate': '部分达成',
  'settings.failedRate': '未达成',
  'settings.overThreshold': '超额阈值（实际 ÷ 目标）',
  'settings.overHint': '实际值达到目标的该比例时，标记“超额·需说明”。',
  'settings.naRescale': '不适用指标折算为百分制',
  'settings.capByExecution': '总分按预算执行率封顶',
  'settings.save': '保存参数',
  'settings.revert': '还原',
  'settings.saving': '正在保存参数…',
  'settings.saved': '已保存评分参数，工作表将自动重算。',
  'settings.unchanged': '参数没有改动。',
  'settings.saveFailed': '保存失败，参数没有改动：{message}',
  'settings.problem.notNumber': '「{label}」：「{text}」不是数字。',
  'settings.problem.range': '「{label}」应在 {min}% 到 {max}% 之间。',
  'settings.problem.bands': '“部分达成”档下限应低于“达成”档下限。',
  'settings.problem.defaultOutside': '「{label}」的默认得分率应在 {lo}% 到 {hi}% 之间。',
  'settings.problem.missing': '工作表中找不到参数「{label}」的单元格，无法保存。',
  'settings.problem.otherSheet': '参数单元格不在同一张工作表中，无法一次保存。',
  'settings.noForm': '评分参数随自评表保存在工作表中；插入或打开一张自评表后可在此修改。',

  'browser.new': '新建工作簿',
  'browser.open': '打开 .xlsx',
  'browser.download': '下载 .xlsx',
  'browser.file': '文件',
  'browser.fileName': '文件：{name}',
  'browser.opening': '正在打开「{name}」…',
  'browser.opened': '已打开「{name}」。',
  'browser.openFailed': '无法打开「{name}」：{message}',
  'browser.downloading': '正在生成 .xlsx…',
  'browser.downloaded': '已下载「{name}」。',
  'browser.downloadFailed': '无法生成下载文件：{message}',
  'browser.creating': '正在新建工作簿…',
  'browser.created': '已新建空白工作簿。',
  'browser.dropHere': '松开鼠标即可打开工作簿',
  'browser.dropOnlyXlsx': '只能打开 .xlsx 工作簿，「{name}」不是。指标表（CSV）请在「新建」中导入。',
  'browser.confirmTitle': '放弃未下载的修改？',
  'browser.confirmDiscard': '当前工作簿有尚未下载的修改，继续将丢失这些修改。',
  'browser.continue': '继续',
  'browser.preview': '工作表预览（只读）',
  'browser.previewEmpty': '工作表是空的。',
  'browser.previewTruncated': '只显示前 {rows} 行、{cols} 列。',
  'browser.previewComputed': '公式单元格显示本助手计算的结果；在 Excel / WPS 中打开下载的文件时由表内公式重新计算。',
  'browser.sheets': '工作表',
} as const;

export type MessageKey = keyof typeof zh;
export type Lang = 'zh' | 'en';

const en: Record<MessageKey, string> = {
  'app.title': 'Performance Self-Evaluation Assistant',
  'tab.new': 'New',
  'tab.fill': 'Fill in',
  'tab.results': 'Results',
  'tab.settings': 'Settings',

  'common.loading': 'Reading the workbook…',
  'common.readFailed': 'Cannot read the workbook: {message}',
  'common.cancel': 'Cancel',
  'common.noForm': 'There is no self-evaluation form in this workbook yet. Insert one under “New” first.',
  'common.goNew': 'Go to New',
  'common.form': 'Form',
  'common.formOption': '{sheet}: {title}',
  'common.dismiss': 'Dismiss',
  'common.retry': 'Retry',

  'status.empty': 'Not filled',
  'status.met': 'Met',
  'status.below': 'Below target',
  'status.over': 'Over-achieved, explain',
  'status.na': 'Not applicable',
  'status.cannot': 'Cannot compute',
  'grade.excellent': 'Excellent (优)',
  'grade.good': 'Good (良)',
  'grade.fair': 'Fair (中)',
  'grade.poor': 'Poor (差)',

  'new.standard': 'Form type',
  'new.standard.project': 'Project spending (项目支出)',
  'new.standard.department': 'Whole department (部门整体支出)',
  'new.standardLocked': 'The example is a whole-department form.',
  'new.header': 'Header',
  'new.projectName': 'Project name',
  'new.departmentName': 'Department (unit) name',
  'new.unit': 'Implementing unit',
  'new.department': 'Competent department',
  'new.year': 'Year',
  'new.profile': 'Rule profile',
  'new.source': 'Indicators from',
  'new.source.template': 'Standard template (blank indicators, filled in the sheet)',
  'new.source.example': 'Example: Conghua District Justice Bureau, 2022, whole department',
  'new.source.table': 'An indicator table (CSV / Excel file, or pasted)',
  'new.weightsNote':
    'The level-1 weights (履职效能 70, 管理效率 20, budget execution 10) are editable defaults: Guangdong has not published official weights.',
  'new.file': 'From a file',
  'new.chooseFile': 'Choose a file…',
  'new.fileHint': 'CSV (UTF-8) or .xlsx with the columns 一级指标, 二级指标, 三级指标, 年度指标值, 分值.',
  'new.paste': 'Or paste a table',
  'new.pastePlaceholder': 'Copy the indicator table with its header row in Excel and paste it here',
  'new.readPaste': 'Read the pasted table',
  'new.reading': 'Reading…',
  'new.tableRead': 'Read {where}: {count} indicators',
  'new.pasted': 'the pasted table',
  'new.readError': 'Cannot read {where}: {error}',
  'new.preview': 'How each target was read',
  'new.previewSummary': '{count} indicators, {total} points in all (indicators {indicators} + budget execution {budget})',
  'new.weightWarning': 'The points do not add up to 100; please check the weights.',
  'new.unreadable': '{count} targets cannot be read (marked); the sheet will show “无法计算” until they are corrected there.',
  'new.blankTarget': '(to be filled in)',
  'new.colIndicator': 'Indicator',
  'new.colTarget': 'Target',
  'new.colReading': 'Read as',
  'new.colWeight': 'Points',
  'new.sheetName': 'Sheet name',
  'new.sheetExists': 'A sheet of this name exists; inserting replaces it.',
  'new.problem.empty': 'Please enter a sheet name.',
  'new.problem.tooLong': 'A sheet name has at most 31 characters.',
  'new.problem.badChars': "A sheet name cannot contain * ? : / \\ [ ] '.",
  'new.problem.yearFormat': 'The year must have four digits, e.g. 2024.',
  'new.problem.noRows': 'Import an indicator table first.',
  'new.insert': 'Insert as a new sheet',
  'new.inserting': 'Inserting the sheet…',
  'new.inserted': 'Inserted sheet “{sheet}” ({count} indicators).',
  'new.goFill': 'Start filling in',
  'new.insertFailed': 'Insertion failed; the workbook was not changed: {message}',
  'new.confirmTitle': 'Overwrite the sheet?',
  'new.confirmFilled': 'This sheet already has entries. Overwrite it?',
  'new.confirmFilledDetail': 'What sheet “{sheet}” holds (actuals, reasons …) will be replaced by the new form.',
  'new.confirmBlank': 'Sheet “{sheet}” exists (nothing filled in yet). Replace it with the new form?',
  'new.overwrite': 'Overwrite',

  'fill.budget': 'Funds (10,000 yuan)',
  'fill.budget.initial': 'Initial budget',
  'fill.budget.annual': 'Full-year budget (A)',
  'fill.budget.executed': 'Full-year spending (B)',
  'fill.budgetInput': '{part} · {field}',
  'fill.targetLine': 'Target: {text}',
  'fill.targetReadAs': 'read as {text}',
  'fill.points': '{points} pts',
  'fill.actual': 'Actual',
  'fill.actualFor': 'Actual of “{name}”',
  'fill.readAs': 'Read as {text}',
  'fill.choose': 'Choose…',
  'fill.rate': 'Score rate',
  'fill.rateFor': 'Score rate of “{name}”',
  'fill.rateHint': 'Optional; blank = the default rate. This band: {lo}–{hi}',
  'fill.rateOutside': 'The rate lies outside its band ({lo}–{hi}); the band limit is used.',
  'fill.reason': 'Reason for the deviation and improvements',
  'fill.reasonFor': 'Reason for the deviation of “{name}”',
  'fill.reasonRequired': 'Below target or over-achieved: please explain.',
  'fill.na': 'Not applicable (target is /); nothing to fill in.',
  'fill.targetInvalid': 'The target cannot be read: {reason}. Correct the target in the sheet.',
  'fill.score': 'Score {score}',
  'fill.pending': '{count} unsaved changes',
  'fill.noPending': 'Everything entered is in the sheet',
  'fill.save': 'Save to sheet',
  'fill.discard': 'Discard changes',
  'fill.saving': 'Saving…',
  'fill.saved': 'Written to the sheet ({count} cells).',
  'fill.saveFailed': 'Saving failed; the sheet was not changed: {message}',
  'fill.problems': 'Please correct these first; nothing is written until then:',
  'fill.problem.override': '“{name}” score rate: {reason}',
  'fill.problem.money': '{part} “{field}”: “{text}” is not an amount (10,000 yuan)',
  'fill.problem.noColumn': 'This form has no “{column}” column to write to.',
  'fill.saveHint': 'Enter values here and press “Save to sheet” to write them in one go; edits made in the sheet show up here.',

  'results.total': 'Total score',
  'results.grade': 'Grade',
  'results.rescaled': 'Some indicators are not applicable; the total is rescaled to 100.',
  'results.capped': 'The total is capped by the budget execution rate.',
  'results.subtotals': 'Subtotals',
  'results.colLevel1': 'Level 1',
  'results.colWeight': 'Points',
  'results.colScore': 'Score',
  'results.budgetRow': 'Budget execution',
  'results.budget': 'Budget execution',
  'results.budgetAnnual': 'Full-year budget (10k yuan)',
  'results.budgetExecuted': 'Full-year spending (10k yuan)',
  'results.budgetRate': 'Execution rate',
  'results.budgetScore': 'Score',
  'results.flags': 'Needs attention',
  'results.noFlags': 'Nothing needs attention.',
  'results.flag.below': 'Below target',
  'results.flag.over': 'Over-achieved, explain',
  'results.flag.missingReason': 'Reason missing',
  'results.flag.cannotCompute': 'Cannot compute',
  'results.flag.noBudget': 'Budget not filled in',
  'results.flag.clamped': 'Rate outside its band',
  'results.noBudgetNote': 'The full-year budget is blank; budget execution scores 0.',
  'results.missingReasonNote': 'Please write the reason for the deviation and the improvements.',
  'results.clampedNote': 'The score rate lies outside the chosen band; the band limit is used.',
  'results.locate': 'Go to',
  'results.locateLabel': 'Go to “{name}” ({flag})',
  'results.unfilled': '{count} indicators have no actual value yet.',
  'results.pending': '{count} changes on the Fill-in tab are not saved; results are computed from the sheet.',
  'results.oracle': 'Computed from the data in the sheet; agrees with the sheet’s own formulas.',

  'settings.language': 'Language',
  'settings.zh': '中文',
  'settings.en': 'English',
  'settings.params': 'Scoring parameters',
  'settings.paramsNote':
    'The parameters live in the form’s parameter block (named cells) that the sheet’s formulas read; the sheet recalculates after saving.',
  'settings.preset': 'Load a profile',
  'settings.presetNone': '(none)',
  'settings.reverse': 'Reverse (≤) indicators',
  'settings.reverse.ratio': 'Ratio: target ÷ actual × points',
  'settings.reverse.linear': 'Linear deduction: zero at twice the target',
  'settings.bands': 'Qualitative bands (lower bounds)',
  'settings.achievedMin': '“Achieved” band from',
  'settings.partialMin': '“Partly achieved” band from',
  'settings.defaults': 'Default qualitative rates',
  'settings.achievedRate': 'Achieved',
  'settings.partialRate': 'Partly achieved',
  'settings.failedRate': 'Not achieved',
  'settings.overThreshold': 'Over-achievement threshold (actual ÷ target)',
  'settings.overHint': 'At this share of the target a row is flagged “over-achieved, explain”.',
  'settings.naRescale': 'Rescale to 100 when indicators are not applicable',
  'settings.capByExecution': 'Cap the total by the budget execution rate',
  'settings.save': 'Save parameters',
  'settings.revert': 'Revert',
  'settings.saving': 'Saving the parameters…',
  'settings.saved': 'Parameters saved; the sheet recalculates.',
  'settings.unchanged': 'No parameter was changed.',
  'settings.saveFailed': 'Saving failed; the parameters were not changed: {message}',
  'settings.problem.notNumber': '“{label}”: “{text}” is not a number.',
  'settings.problem.range': '“{label}” must lie between {min}% and {max}%.',
  'settings.problem.bands': 'The “partly achieved” bound must be below the “achieved” bound.',
  'settings.problem.defaultOutside': 'The default rate “{label}” must lie between {lo}% and {hi}%.',
  'settings.problem.missing': 'The sheet has no cell for the parameter “{label}”; cannot save.',
  'settings.problem.otherSheet': 'The parameter cells are on different sheets; cannot save them in one go.',
  'settings.noForm': 'The scoring parameters are kept with each form in its sheet; insert or open a form to change them here.',

  'browser.new': 'New workbook',
  'browser.open': 'Open .xlsx',
  'browser.download': 'Download .xlsx',
  'browser.file': 'File',
  'browser.fileName': 'File: {name}',
  'browser.opening': 'Opening “{name}”…',
  'browser.opened': 'Opened “{name}”.',
  'browser.openFailed': 'Cannot open “{name}”: {message}',
  'browser.downloading': 'Preparing the .xlsx…',
  'browser.downloaded': 'Downloaded “{name}”.',
  'browser.downloadFailed': 'Cannot prepare the download: {message}',
  'browser.creating': 'Creating a workbook…',
  'browser.created': 'Started an empty workbook.',
  'browser.dropHere': 'Drop to open the workbook',
  'browser.dropOnlyXlsx': 'Only .xlsx workbooks can be opened; “{name}” is not one. Import indicator tables (CSV) under “New”.',
  'browser.confirmTitle': 'Discard changes not downloaded?',
  'browser.confirmDiscard': 'This workbook has changes that were not downloaded; they will be lost.',
  'browser.continue': 'Continue',
  'browser.preview': 'Sheet preview (read-only)',
  'browser.previewEmpty': 'The sheet is empty.',
  'browser.previewTruncated': 'Showing the first {rows} rows and {cols} columns only.',
  'browser.previewComputed':
    'Formula cells show the values this assistant computes; Excel / WPS recompute them from the sheet’s formulas when the downloaded file is opened.',
  'browser.sheets': 'Sheets',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Vars = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = MESSAGES[lang][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

const STATUS_KEYS: Record<RowStatus, MessageKey> = {
  未填: 'status.empty',
  达标: 'status.met',
  未达标: 'status.below',
  '超额·需说明': 'status.over',
  不适用: 'status.na',
  无法计算: 'status.cannot',
};
export function statusKey(s: RowStatus): MessageKey {
  return STATUS_KEYS[s];
}

const GRADE_KEYS: Record<Grade, MessageKey> = { 优: 'grade.excellent', 良: 'grade.good', 中: 'grade.fair', 差: 'grade.poor' };
export function gradeKey(g: Grade): MessageKey {
  return GRADE_KEYS[g];
}

// Rule profiles come from src/domain with Chinese names; English names for the known ones.
const PROFILE_EN: Record<string, { name: string; description: string }> = {
  national: {
    name: 'National (财预〔2020〕10号)',
    description:
      'Forward B/A, reverse A/B; qualitative bands 80% / 60%; over 120% of the target must be explained; N/A indicators rescaled to 100.',
  },
  hubei: { name: 'Hubei', description: 'Budget execution 20 points, indicators 80; qualitative bands 80% / 50%.' },
  guangxi: { name: 'Guangxi', description: 'Over-achievement flagged from 130% of the target; otherwise national.' },
  linear: {
    name: 'Reverse indicators, linear deduction',
    description: 'Reverse indicators lose points in proportion to the excess, none at twice the target; total capped by budget execution.',
  },
};
export function profileText(lang: Lang, p: { id: string; name: string; description: string }): { name: string; description: string } {
  return lang === 'en' && PROFILE_EN[p.id] ? PROFILE_EN[p.id] : { name: p.name, description: p.description };
}

// ---------------------------------------------------------------------------------------------------------------
// React

const STORAGE_KEY = 'jxzp.language';

function storedLanguage(): Lang | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'zh' || v === 'en' ? v : null;
  } catch {
    return null; // storage blocked (private mode, some Office hosts)
  }
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({
  lang: 'zh',
  setLang: () => {},
  t: (key, vars) => translate('zh', key, vars),
});

/**
 * The language: the person's last choice in 设置 (remembered in this browser / Office webview), else the one the
 * host suggests (`initial`: ?lang=, or Excel's display language), else Chinese.
 */
export function I18nProvider({ initial, children }: { initial?: Lang; children?: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => storedLanguage() ?? initial ?? 'zh');
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, l);
    } catch {
      // not remembered; the choice still holds for this session
    }
  }, []);
  const value = useMemo<I18nValue>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
