import { blankRow, IndicatorRow } from '../form';

/** 管理效率: the usual management indicators of Guangdong department-wide reports, with editable defaults. */
export const MANAGEMENT_ROWS: IndicatorRow[] = [
  blankRow('管理效率', '预算管理', '结转结余率', '≤10%', 4),
  blankRow('管理效率', '预算管理', '“三公”经费控制率', '≤100%', 4),
  blankRow('管理效率', '预算管理', '政府采购执行率', '100%', 3),
  blankRow('管理效率', '资产管理', '资产管理规范性', '规范', 3),
  blankRow('管理效率', '信息公开', '预决算信息公开', '是', 3),
  blankRow('管理效率', '绩效管理', '绩效自评覆盖率', '100%', 3),
];
