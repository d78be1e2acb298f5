// Form templates as data (docs/domain.md §1). Weights are defaults a unit may change; the UI says so.

import { blankRow, emptyBudget, Form, FormMeta, IndicatorRow, StandardId } from '../form';
import { level1Groups, profileById } from '../rules';
import { CONGHUA_EXAMPLE } from './conghua';
import { MANAGEMENT_ROWS } from './management';

export interface Standard {
  id: StandardId;
  title: string;
  /** label of the name field in the header block */
  nameLabel: string;
  /** 一级 → default weight, in order; the budget row comes on top of these */
  level1Weights: { level1: string; weight: number }[];
  budgetWeight: number;
  /** standard 二级 names under each 一级 */
  level2: Record<string, string[]>;
  /** rows of the blank template (placeholders such as 指标1：) */
  rows: IndicatorRow[];
}

/** Spread a weight over n rows in whole or half points where possible, summing exactly to the weight. */
export function splitWeight(total: number, n: number): number[] {
  const step = Math.floor((total / n) * 2) / 2;
  const out = Array.from({ length: n }, () => step);
  let rest = Math.round((total - step * n) * 2) / 2;
  for (let i = 0; rest > 0; i = (i + 1) % n) {
    out[i] += 0.5;
    rest -= 0.5;
  }
  return out;
}

function placeholders(level1: string, level2s: string[], weight: number, perLevel2: number): IndicatorRow[] {
  const ws = splitWeight(weight, level2s.length * perLevel2);
  const rows: IndicatorRow[] = [];
  level2s.forEach((l2) => {
    for (let k = 1; k <= perLevel2; k++) rows.push(blankRow(level1, l2, `指标${k}：`, '', ws[rows.length]));
  });
  return rows;
}

const PROJECT_L2: Record<string, string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

export const PROJECT_STANDARD: Standard = {
  id: 'project',
  title: '项目支出绩效自评表',
  nameLabel: '项目名称',
  level1Weights: [
    { level1: '产出指标', weight: 50 },
    { level1: '效益指标', weight: 30 },
    { level1: '满意度指标', weight: 10 },
  ],
  budgetWeight: 10,
  level2: PROJECT_L2,
  rows: [
    ...placeholders('产出指标', PROJECT_L2['产出指标'], 50, 1),
    ...placeholders('效益指标', PROJECT_L2['效益指标'], 30, 1),
    ...placeholders('满意度指标', PROJECT_L2['满意度指标'], 10, 1),
  ],
};

export const DEPARTMENT_STANDARD: Standard = {
  id: 'department',
  title: '部门整体支出绩效自评表',
  nameLabel: '部门（单位）名称',
  // Guangdong's exact weights are not public: 履职效能 70; 管理效率 20 in indicators + the 预算执行率 row's 10.
  level1Weights: [
    { level1: '履职效能', weight: 70 },
    { level1: '管理效率', weight: 20 },
  ],
  budgetWeight: 10,
  level2: { 履职效能: ['任务1：', '任务2：'], 管理效率: ['预算管理', '资产管理', '信息公开', '绩效管理'] },
  rows: [...placeholders('履职效能', ['任务1：', '任务2：', '任务3：', '任务4：', '任务5：'], 70, 2), ...MANAGEMENT_ROWS],
};

export const STANDARDS: Record<StandardId, Standard> = { project: PROJECT_STANDARD, department: DEPARTMENT_STANDARD };

export function newMeta(standard: StandardId, partial: Partial<FormMeta> = {}): FormMeta {
  return {
    title: STANDARDS[standard].title,
    standard,
    projectName: '',
    unit: '',
    department: '',
    year: String(new Date().getFullYear() - 1),
    profileId: 'national',
    goal: '',
    goalResult: '',
    ...partial,
  };
}

/**
 * 一级 weights of a standard when the budget row takes other points (Hubei: 20): the indicators share what is left,
 * in whole points, in the standard's proportions.
 */
export function scaledLevel1Weights(standard: Standard, budgetWeight: number): { level1: string; weight: number }[] {
  const base = standard.level1Weights;
  const total = base.reduce((a, x) => a + x.weight, 0);
  const target = 100 - budgetWeight;
  const out = base.map((x) => ({ level1: x.level1, weight: Math.round((x.weight * target) / total) }));
  out[0].weight += target - out.reduce((a, x) => a + x.weight, 0);
  return out;
}

/** A blank form of a standard, scored with a rule profile. */
export function blankForm(standard: StandardId, meta: Partial<FormMeta> = {}, rows?: IndicatorRow[]): Form {
  const m = newMeta(standard, meta);
  const profile = profileById(m.profileId);
  const std = STANDARDS[standard];
  // A profile that moves points to the budget row (Hubei: 20) overrides the standard's default.
  const budgetWeight = profile.budgetWeight !== 10 ? profile.budgetWeight : std.budgetWeight;
  let templateRows = std.rows;
  if (!rows && budgetWeight !== std.budgetWeight) {
    // The template's placeholders share the 一级 weights left after the budget row.
    const weights = new Map(scaledLevel1Weights(std, budgetWeight).map((x) => [x.level1, x.weight]));
    templateRows = level1Groups(std.rows).flatMap((g) => {
      const groupRows = std.rows.slice(g.start, g.end + 1);
      const ws = splitWeight(weights.get(g.level1) ?? 0, groupRows.length);
      return groupRows.map((r, i) => ({ ...r, weight: ws[i] }));
    });
  }
  return {
    meta: m,
    budget: emptyBudget(budgetWeight),
    rows: (rows ?? templateRows).map((r) => ({ ...r })),
    params: { ...profile.params },
  };
}

/** The built-in example (示例): 从化区司法局 2022 部门整体支出 with its real targets. */
export function exampleForm(): Form {
  return structuredClone(CONGHUA_EXAMPLE);
}
