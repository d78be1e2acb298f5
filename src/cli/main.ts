#!/usr/bin/env node
// jxzp — 绩效自评助手 command line: make a form workbook, fill in actual values, score it; distribute it to districts
// and consolidate what comes back.
// main() takes its io so tests run it in-process; every message for people goes through io, never console.

import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { parseArgs, type ParseArgsConfig } from 'util';
import { PROFILES } from '../domain/rules';
import { FormNotFoundError } from '../sheet/readback';
import { WorkbookReadError } from '../xlsx/readWorkbook';
import { COLLECT_OPTIONS, runCollect } from './collectCommand';
import { DISTRIBUTE_OPTIONS, runDistribute } from './distributeCommand';
import { FILL_OPTIONS, runFill } from './fillCommand';
import { CliError, UsageError, type CliIO } from './io';
import { NEW_OPTIONS, runNew } from './newCommand';
import { REVIEW_OPTIONS, runReview } from './reviewCommand';
import { runScore, SCORE_OPTIONS } from './scoreCommand';

export type { CliIO };

const PROFILE_LIST = PROFILES.map((p) => `${p.id}（${p.name}）`).join('、');

type Command = 'new' | 'fill' | 'score' | 'review' | 'distribute' | 'collect';
const COMMANDS: Command[] = ['new', 'fill', 'score', 'review', 'distribute', 'collect'];

const USAGE: Record<'main' | Command, string> = {
  main: `绩效自评助手（jxzp）— 预算绩效自评表的生成、填写和评分

用法：
  jxzp new   -o 自评表.xlsx [选项]          生成自评表工作簿
  jxzp fill  自评表.xlsx 实际值.csv -o 输出.xlsx   把实际完成值填入自评表
  jxzp score 自评表.xlsx [--json]            按表中填写的数值评分
  jxzp review 工作簿.xlsx [--json]           审核工作簿中的全部自评表（含手工制作的表）
  jxzp distribute 模板.xlsx 单位名单.csv -o 下发/    为每个下级单位生成带下发标记的自评表
  jxzp collect 模板.xlsx 单位名单.csv 回收/ -o 汇总.xlsx   核对、审核收回的报表并汇总

查看某个命令的说明：jxzp <命令> --help
其他选项：-h, --help 显示本说明；-v, --version 显示版本
`,
  new: `用法：jxzp new -o <文件.xlsx> [选项]

生成一份预算绩效自评表工作簿（表内公式自动计算得分，可在 Excel、WPS 中直接使用）。

表样来源（任选其一，默认为项目支出空白模板）：
  --standard project|department   空白模板：project 项目支出（默认），department 部门整体支出
  --example                       内置示例（广州市从化区司法局 2022 年部门整体支出）
  --from <指标表.csv|.xlsx>        从指标表生成，需有列：一级指标、二级指标、三级指标、年度指标值、分值；
                                  可选列：实际完成值、偏差原因分析及改进措施、定性得分率。
                                  也认：指标值/年初目标值（年度指标值）、权重（分值）、完成值/全年实际值
                                  （实际完成值）、未完成原因分析（偏差原因）。一级、二级指标留空时沿用上一行
                                  （合并单元格）。CSV 须为 UTF-8 编码。与 --standard 同用时按其表样排版。

表头信息（覆盖指标表表头上方“项目名称：xxx”等行）：
  --project <名称>          项目名称（部门整体表为部门（单位）名称）
  --unit <单位>             实施单位
  --department <部门>       主管部门
  --year <年度>             年度，如 2024（默认上一年）
  --profile <口径>          评分口径：${PROFILE_LIST}
  --budget-initial <万元>   本年财政拨款 年初预算数
  --budget-annual <万元>    本年财政拨款 全年预算数
  --budget-executed <万元>  本年财政拨款 全年执行数

输出：
  -o, --out <文件.xlsx>     输出文件（必填）
  --sheet <工作表名>         工作表名称（默认如“项目支出绩效自评2024”）
  --force                   覆盖已存在的文件

示例：
  jxzp new --example -o 示例.xlsx
  jxzp new --from 指标.csv --project 乡村道路养护 --year 2024 --budget-annual 200 --budget-executed 188.5 -o 自评表.xlsx
`,
  fill: `用法：jxzp fill <自评表.xlsx> <实际值.csv|.xlsx> (-o <输出.xlsx> | --in-place)

按“三级指标”名称把实际值表中的数值填入自评表（名称去掉空格后须完全相同；自评表中有同名指标时，
再按“二级指标”列区分）。填写的列：实际完成值；表中有这些列时也填：偏差原因分析及改进措施、定性得分率。
实际值表中为空的单元格不改动自评表。只改动输入单元格，公式、格式、下拉列表、保护等保持不变。

选项：
  -o, --out <文件.xlsx>     输出到新文件
  --in-place                直接改写原自评表
  --force                   覆盖已存在的输出文件
  --sheet <工作表名>         自评表所在的工作表（默认为找到的第一份自评表）
`,
  review: `用法：jxzp review <工作簿.xlsx> [--json] [--profile <口径>]

审核工作簿中每个工作表里的每一张自评表（本工具生成的表和手工制作的表都可以）：得分不超过分值、
未达标须有偏差原因、超额须说明、定性得分在档次内、分值合计、定量指标实际值为数值、资金合计与执行率、
单位一致、总分等于各项之和、重复指标、模板占位内容、空白必填项，并给出每行按评分规则应得的分数。
只读取，不修改文件。

选项：
  --json                    以 JSON 输出（含每条问题的检查项、严重程度、单元格、说明和修改建议）
  --profile <口径>          评分口径：${PROFILE_LIST}

退出码：0 没有“错误”；1 有“错误”；2 文件无法读取。
`,
  distribute: `用法：jxzp distribute <模板.xlsx> <单位名单.csv|.xlsx> (-o <文件夹> | -o <文件.zip>) [选项]

下发：按模板（一份本工具生成的自评表）为单位名单中的每个单位生成一份自评表，输出到文件夹或 .zip 压缩包。
每份表的实施单位为该单位，只有黄色单元格可以填写，其余受工作表保护；表中带有下发标记（模板编号、版本、
年度、单位和受保护单元格的指纹），回收后用 jxzp collect 识别、核对和汇总。各单位收到的是空白表：模板中
已填的实际完成值、偏差原因和资金数不会下发。

单位名单的列：
  单位名称（必填；也认：单位、下级单位、区县）   每个单位至少一行
  三级指标、年度指标值、分值（可选）             为该单位单独设置某项指标的年度指标值和/或分值；
                                                 一个单位可有多行，单位名称留空时沿用上一行
  二级指标（可选）                               模板中有同名三级指标时用来区分
  年初预算数、全年预算数（可选，万元）           预先填入该单位的本年财政拨款，单位仍可修改
单独设置分值后，该单位的分值合计须与模板相同（通常为 100）。名单有误时逐行列出问题，不生成任何文件。

选项：
  -o, --out <文件夹|文件.zip>   输出位置：以 .zip 结尾时生成压缩包，否则为文件夹（不存在时新建）
  --template-version <版本>     模板版本，如 2（默认 1），写入下发标记，便于区分重新下发的模板
  --sheet <工作表名>            模板所在的工作表（默认为找到的第一份自评表）
  --force                       覆盖已存在的压缩包或文件夹中的同名文件

示例：
  jxzp distribute 模板.xlsx 单位名单.csv -o 下发
  jxzp distribute 模板.xlsx 单位名单.xlsx -o 2024年下发.zip --template-version 2
`,
  collect: `用法：jxzp collect <模板.xlsx> <单位名单.csv|.xlsx> <报表文件、文件夹或 .zip …> -o <汇总.xlsx> [--json]

回收与汇总：逐个读取各单位交回的报表（可给多个文件、文件夹或 .zip 压缩包，文件夹会逐层查找 .xlsx 和 .zip），
按下发标记识别单位，核对受保护的单元格和公式是否被改动（逐格列出：单元格、应为、现为；删除或插入的行单独
列出），按审核要点审核，并按表中填写的数值评分。以下文件不采用并写明原因，其余文件照常汇总：
不是 Excel 工作簿、文件损坏、超过 20 MB、没有下发标记、属于另一份模板或另一年度、单位不在名单中、
同一文件重复提交、同一单位交了多份（多份都不采用，请确认后删去多余的再汇总）。

汇总表有三个工作表：
  汇总       每个单位一行：报送状态、总分、等级、排名、预算执行率、全年预算数、未达标数、缺偏差原因数、
             未填数、篡改状态、目标值改动、审核错误和警告数、文件名
  指标汇总   每项指标一行，各单位的年度指标值、实际完成值、完成率、得分、状态；“合计/平均”列中数量类
             指标为各单位之和，百分比、比例类和完成率、得分为按各单位全年预算数加权的平均（有单位未填
             全年预算数时为简单平均，表头注明）
  核查明细   每个文件的处理结果及其中的改动和审核问题
所有文件读完后才写汇总表；汇总表已存在且是本工具生成的，直接替换（重新汇总），否则须加 --force。

选项：
  -o, --out <汇总.xlsx>     汇总表文件（必填）
  --json                    在屏幕上以 JSON 输出逐个文件的核查结果
  --sheet <工作表名>         模板所在的工作表
  --force                   覆盖已存在的非汇总表文件

退出码：0 已处理完全部文件（即使其中有未采用的文件，原因见输出）；2 模板、单位名单、路径或输出文件无法使用
（此时不写任何文件）。
`,
  score: `用法：jxzp score <自评表.xlsx> [--json] [--sheet <工作表名>]

按表中填写的数值（不是表内公式上次保存的结果）逐项计算完成率、得分和状态，以及各一级指标小计、
预算执行率、总分和等级。

选项：
  --json                    以 JSON 输出
  --sheet <工作表名>         自评表所在的工作表
`,
};

function version(): string {
  // src/cli and build/src/cli both sit below the package root; walk up to its package.json.
  for (let dir = __dirname, i = 0; i < 5; i++, dir = dirname(dir)) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      try {
        const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'jixiao-zipin' && pkg.version) return pkg.version;
      } catch {
        // not ours; keep looking
      }
    }
  }
  return 'unknown';
}

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with its English errors turned into Chinese usage errors. */
function parse(args: string[], options: ParseOptions, command: string): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as { values: Record<string, unknown>; positionals: string[] };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const opt = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`未知选项「${opt}」`, command);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
        // "Option '-o, --out <value>' argument missing" / "Option '--example' does not take an argument"
        const name = /--[A-Za-z0-9-]+/.exec(e.message ?? '')?.[0] ?? opt;
        throw new UsageError(
          /does not take/.test(e.message ?? '') ? `选项「${name}」不接受值` : `选项「${name}」后面需要一个值`,
          command,
        );
      }
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new UsageError(`多余的参数「${opt}」`, command);
      default:
        throw err;
    }
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    io.stdout.write(COMMANDS.includes(topic as Command) ? USAGE[topic as Command] : USAGE.main);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`jxzp ${version()}\n`);
    return 0;
  }
  switch (command) {
    case 'new': {
      const { values, positionals } = parse(rest, NEW_OPTIONS, 'new');
      if (values.help) return help(io, 'new');
      if (positionals.length > 0) throw new UsageError(`多余的参数「${positionals.join(' ')}」`, 'new');
      return runNew(values, io);
    }
    case 'fill': {
      const { values, positionals } = parse(rest, FILL_OPTIONS, 'fill');
      if (values.help) return help(io, 'fill');
      return runFill(values, positionals, io);
    }
    case 'score': {
      const { values, positionals } = parse(rest, SCORE_OPTIONS, 'score');
      if (values.help) return help(io, 'score');
      return runScore(values, positionals, io);
    }
    case 'review': {
      const { values, positionals } = parse(rest, REVIEW_OPTIONS, 'review');
      if (values.help) return help(io, 'review');
      return runReview(values, positionals, io);
    }
    case 'distribute': {
      const { values, positionals } = parse(rest, DISTRIBUTE_OPTIONS, 'distribute');
      if (values.help) return help(io, 'distribute');
      return runDistribute(values, positionals, io);
    }
    case 'collect': {
      const { values, positionals } = parse(rest, COLLECT_OPTIONS, 'collect');
      if (values.help) return help(io, 'collect');
      return runCollect(values, positionals, io);
    }
    default:
      throw new UsageError(`没有「${command}」这个命令，可用的命令：${COMMANDS.join('、')}`);
  }
}

function help(io: CliIO, command: Command): number {
  io.stdout.write(USAGE[command]);
  return 0;
}

/**
 * Runs one command. Returns the exit code: 0 done; 2 the input or the command line is wrong (one message on
 * stderr, no output file); 1 an internal fault (a bug: the message says so).
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      const hint = err.command ? `（用法见 jxzp ${err.command} --help）` : '（用法见 jxzp --help）';
      io.stderr.write(`错误：${err.message}${hint}\n`);
      return err.exitCode;
    }
    if (err instanceof CliError || err instanceof WorkbookReadError || err instanceof FormNotFoundError) {
      io.stderr.write(`错误：${err.message}\n`);
      return err instanceof CliError ? err.exitCode : 2;
    }
    const e = err as Error;
    io.stderr.write(`内部错误：${e?.message ?? String(err)}\n这是程序的问题，请把这条信息反馈给开发者。\n`);
    if (process.env.JXZP_DEBUG && e?.stack) io.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`内部错误：${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
