// npm run bench — speed of the engine on a 500-indicator form, against ExcelJS doing the same cells with no logic
// of ours. Figures, not assertions: machines here are shared and noisy, so targets are reported, not enforced.
//
//   write: planForm + writeWorkbook              vs  ExcelJS writing the same values and formula texts
//   read:  readWorkbook + readForm + scoreForm   vs  ExcelJS loading the file and visiting every cell

import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import { performance } from 'perf_hooks';
import { blankRow, Form, IndicatorRow } from '../src/domain/form';
import { scoreForm } from '../src/domain/rules';
import { blankForm } from '../src/domain/standards';
import { planForm } from '../src/sheet/layout';
import { readForm } from '../src/sheet/readback';
import { readWorkbook } from '../src/xlsx/readWorkbook';
import { writeWorkbook } from '../src/xlsx/writeWorkbook';
import { reviewTable } from '../src/domain/review';
import { findTables } from '../src/sheet/findTables';
import { handWorkbook, HandRow } from '../test/support/handTables';
import { templateId, type District } from '../src/domain/distribution';
import { planConsolidation } from '../src/sheet/consolidate';
import { collectFiles } from '../src/xlsx/collectFiles';
import { writeConsolidation } from '../src/xlsx/consolidationWorkbook';
import { districtPlan } from '../src/xlsx/distribute';
import { addStampNames, addStampSheet } from '../src/xlsx/stamp';
import { addPlanToWorkbook } from '../src/xlsx/writeWorkbook';
import { bureauDistricts, bureauTemplate, filledForm } from '../test/distribution/fixtures';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROWS = Number(process.env.BENCH_ROWS ?? 500);

const SHAPES: [string, string, string][] = [
  ['普法宣传知识普及率', '≥95%', '96%'],
  ['项目成本', '≤202.6万元', '210万元'],
  ['培训人数', '≥1000人', '1250人'],
  ['司法社工与社区矫正对象比例', '1:20', '1:18'],
  ['社区矫正对象再犯罪率', '不超过千分之二', '1‰'],
  ['服务质量', '高', '部分达成年度指标并具有一定效果'],
  ['预决算信息公开', '是', '是'],
  ['案件办结率', '100%', '完成'],
];

export function bigForm(n: number): Form {
  const rows: IndicatorRow[] = [];
  for (let i = 0; i < n; i++) {
    const [name, target, actual] = SHAPES[i % SHAPES.length];
    const l1 = ['产出指标', '效益指标', '满意度指标'][Math.floor((i * 3) / n)];
    rows.push({ ...blankRow(l1, `二级指标${Math.floor(i / 10) + 1}`, `${name}${i + 1}`, target, 90 / n), actual, reason: i % 3 ? '' : '经费调整' });
  }
  const f = blankForm('project', { projectName: '基准测试', year: '2025' }, rows);
  f.budget.parts[0] = { ...f.budget.parts[0], initial: 1000, annual: 1000, executed: 950 };
  return f;
}

/** A hand-made table of n rows in the Ministry layout, with a few errors in it, as a reviewer receives it. */
async function handBook(n: number): Promise<Buffer> {
  const rows: HandRow[] = [];
  for (let i = 0; i < n; i++) {
    const [name, target, actual] = SHAPES[i % SHAPES.length];
    rows.push({ level1: ['产出指标(50分)', '效益指标(30分)', '满意度指标(10分)'][Math.floor((i * 3) / n)], level2: `二级指标${Math.floor(i / 10) + 1}`, level3: `${name}${i + 1}`, target, actual, weight: 90 / n, score: i % 7 ? 90 / n : 0, reason: '' });
  }
  const budget = { total: [100, 100, 90] as [number, number, number], parts: [['其中：本年财政拨款', 100, 100, 90] as [string, number, number, number]], weight: 10, rate: 0.9, score: 9 };
  return handWorkbook([{ name: '自评表', tables: [{ layout: 'mof', title: '项目支出绩效自评表', project: '基准', budget, rows, total: 95 }] }]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function baselineRead(buf: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  let count = 0;
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => count++)));
  return count;
}

async function main(): Promise<void> {
  const form = bigForm(ROWS);
  let ours: Buffer = Buffer.alloc(0);
  // Warm up the JIT and ExcelJS's lazy modules before measuring.
  for (let i = 0; i < 2; i++) {
    ours = await writeWorkbook([planForm(form)]);
    await baselineWriteFromPlan(planForm(form));
    readForm(await readWorkbook(ours));
    await baselineRead(ours);
  }
  const planOnly: number[] = [];
  const write: number[] = [];
  const writeBase: number[] = [];
  const read: number[] = [];
  const readBase: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    planOnly.push(await time(async () => planForm(form)));
    write.push(await time(async () => (ours = await writeWorkbook([planForm(form)]))));
    const plainPlan = planForm(form); // planning for the baseline is not part of its time
    writeBase.push(await time(() => baselineWriteFromPlan(plainPlan)));
    read.push(await time(async () => (total = scoreForm(readForm(await readWorkbook(ours)).form).total)));
    readBase.push(await time(() => baselineRead(ours)));
  }
  const REVIEW_ROWS = 2000;
  const hand = await handBook(REVIEW_ROWS);
  let findings = 0;
  const review: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t = await time(async () => {
      findings = findTables(await readWorkbook(hand)).reduce((a, tb) => a + reviewTable(tb).findings.length, 0);
    });
    if (i > 0) review.push(t);
  }
  const w = median(write);
  const wb = median(writeBase);
  const r = median(read);
  const rb = median(readBase);
  const line = (label: string, ms: number, base: number, target: string) =>
    `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   ExcelJS alone ${base.toFixed(0).padStart(6)} ms   ratio ${(ms / base).toFixed(2)}×   ${target}`;
  process.stdout.write(
    [
      `绩效自评助手 bench — ${ROWS} indicators, median of ${RUNS} runs (node ${process.version})`,
      `plan only (planForm)               ${median(planOnly).toFixed(1).padStart(6)} ms`,
      line('plan + write .xlsx', w, wb, `target ≤ 1.5× and < 1000 ms: ${w / wb <= 1.5 && w < 1000 ? 'met' : 'NOT met'}`),
      line('read + find form + score', r, rb, `target ≤ 1.5×: ${r / rb <= 1.5 ? 'met' : 'NOT met'}`),
      `file size ${(ours.length / 1024).toFixed(0)} KB; total score of the bench form ${total}`,
      `审核 ${REVIEW_ROWS}-row hand-made workbook (read + find + check) ${median(review).toFixed(0).padStart(5)} ms   ${findings} findings   target < 1000 ms: ${median(review) < 1000 ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'),
  );
}

/** The same cells as our plan — values and formula texts — written by bare ExcelJS: no styles, rules or names. */
async function baselineWriteFromPlan(plan: ReturnType<typeof planForm>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(plan.sheetName);
  plan.cells.forEach((row, r) =>
    row.forEach((c, ci) => {
      if (!c) return;
      const cell = ws.getCell(r + 1, ci + 1);
      if (c.formula) cell.value = { formula: c.formula.slice(1) } as ExcelJS.CellFormulaValue;
      else if (c.value !== undefined) cell.value = c.value;
    }),
  );
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------------------------
// 下发与汇总: 200 district files of 60 indicators each, as they come back filled in, collected and consolidated.
//   ours:     collectFiles (open, identify by stamp, fingerprint, 审核, score) + planConsolidation + writeConsolidation
//   baseline: ExcelJS merely loading each file

const DISTRICTS = Number(process.env.BENCH_DISTRICTS ?? 200);
const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 60);

/** A district's return: its form with its actuals filled in, and the stamp it was sent with. */
async function returnedFile(template: Form, district: District, i: number, ctx: { templateId: string; version: string; issued: string }): Promise<Uint8Array> {
  const { stamp } = await districtPlan(template, district, ctx);
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  await addPlanToWorkbook(wb, planForm(filledForm(template, district, i), { sheetName: stamp.sheet }));
  await addStampSheet(wb, stamp);
  return addStampNames(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), stamp);
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Runs in a process of its own (see the end of this file), so its memory is its own. */
async function benchConsolidation(): Promise<string[]> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const template = bureauTemplate(INDICATORS);
  const districts = bureauDistricts(template, DISTRICTS);
  const ctx = { templateId: await templateId(template), version: '1', issued: '2025-01-10' };
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < districts.length; i++) files.push({ name: `${districts[i].name}.xlsx`, bytes: await returnedFile(template, districts[i], i, ctx) });
  const bytes = files.reduce((a, f) => a + f.bytes.length, 0);
  const load = async (): Promise<void> => {
    for (const f of files) await new ExcelJS.Workbook().xlsx.load(Buffer.from(f.bytes) as unknown as ArrayBuffer);
  };

  // Warm up, then alternate the baseline and ours (the machine is shared: medians of a few rounds).
  await collectFiles(template, districts, files.slice(0, 5));
  gc();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const baseline: number[] = [];
  const collect: number[] = [];
  const write: number[] = [];
  let result: Awaited<ReturnType<typeof collectFiles>> | null = null;
  let out: Uint8Array = new Uint8Array(0);
  for (let r = 0; r < ROUNDS; r++) {
    baseline.push(await time(load));
    result = null;
    gc();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    collect.push(await time(async () => (result = await collectFiles(template, districts, files))));
    const res = result as unknown as Awaited<ReturnType<typeof collectFiles>>;
    write.push(
      await time(async () => {
        out = await writeConsolidation(planConsolidation(res, { made: 'bench' }), { templateId: res.templateId, year: res.year, title: res.title, made: 'bench' });
      }),
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const res = result as unknown as Awaited<ReturnType<typeof collectFiles>>;
  const used = res.districts.filter((d) => d.state === '已报送').length;
  const perFile = median(collect) / files.length;
  const perLoad = median(baseline) / files.length;
  const total = (median(collect) + median(write)) / 1000;
  const mbOf = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
  return [
    `下发与汇总 — ${files.length} district files × ${INDICATORS} indicators (${(bytes / 1024 / 1024).toFixed(1)} MB in all), ${used} used; median of ${ROUNDS} rounds`,
    `  collect (open, identify, fingerprint, 审核, score)  ${(median(collect) / 1000).toFixed(2).padStart(6)} s   ${perFile.toFixed(1)} ms per file`,
    `  consolidate + write 汇总.xlsx (${(out.length / 1024).toFixed(0)} KB)        ${(median(write) / 1000).toFixed(2).padStart(6)} s`,
    `  total                                              ${total.toFixed(2).padStart(6)} s   target < 20 s: ${total < 20 ? 'met' : 'NOT met'}`,
    `  per file: ExcelJS merely loading ${perLoad.toFixed(1)} ms; ours ${perFile.toFixed(1)} ms = ${(perFile / perLoad).toFixed(2)}× (our own work ${(perFile - perLoad).toFixed(1)} ms)   target ≤ 1.5×: ${perFile / perLoad <= 1.5 ? 'met' : 'NOT met'}`,
    `  memory: RSS ${mbOf(rssBefore)} with the ${files.length} files in memory, peak ${mbOf(peak)} while collecting and consolidating (sampled every 10 ms); process maxRSS ${mbOf(process.resourceUsage().maxRSS * 1024)}`,
    '',
  ];
}

if (process.env.JXZP_BENCH_PART === 'consolidation') {
  benchConsolidation().then(
    (lines) => process.stdout.write(lines.join('\n')),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
} else {
  main()
    .then(() => {
      // The consolidation bench in a fresh process with --expose-gc, so the memory it reports is its own.
      const child = spawnSync(process.execPath, ['--expose-gc', __filename], { env: { ...process.env, JXZP_BENCH_PART: 'consolidation' }, stdio: 'inherit' });
      if (child.status !== 0) process.exit(child.status ?? 1);
    })
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
}
