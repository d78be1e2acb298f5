// Reading 年度指标值 and 实际完成值 as people write them (docs/domain.md §2). Never throws.

export type Direction = '>=' | '<=' | '=';
export type QualLevel = 'achieved' | 'partial' | 'failed';

/**
 * A parsed 年度指标值.
 * - number: `value` is in base scale: percentages and per-mille are fractions (95% → 0.95, 千分之二 → 0.002);
 *   `unit` is what the text (or the indicator name) said: '%', '‰', '万元', '个', '' …;
 *   `explicit` tells whether the direction was written (operator, word or suffix) or inferred from the name.
 * - ratio: `1:N`, kept as N (scored as the fraction 1/N with direction ≥).
 */
export type Target =
  | { kind: 'number'; direction: Direction; value: number; unit: string; explicit: boolean }
  | { kind: 'ratio'; n: number }
  | { kind: 'yesno'; yes: boolean }
  | { kind: 'qualitative'; text: string }
  | { kind: 'na' }
  | { kind: 'invalid'; reason: string };

/**
 * A parsed 实际完成值, read against its target.
 * - number: `value` in the target's unit and scale (so it compares directly with the target's value);
 *   `note` says when something was assumed or converted (e.g. "按目标单位读作 95%", "2026000元 换算为 202.6万元").
 */
export type Actual =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; note?: string }
  | { kind: 'ratio'; n: number }
  | { kind: 'yesno'; yes: boolean }
  | { kind: 'qualitative'; level: QualLevel }
  | { kind: 'na' }
  | { kind: 'invalid'; reason: string };

export function parseTarget(_text: string, _indicatorName = ''): Target {
  return { kind: 'invalid', reason: '尚未实现' };
}

export function parseActual(_text: string, _target: Target): Actual {
  return { kind: 'invalid', reason: '尚未实现' };
}

/** The three answers of a qualitative row, as the sheet's drop-down offers them (domain.md §3). */
export const QUAL_LABELS: Record<QualLevel, string> = {
  achieved: '达成年度指标',
  partial: '部分达成年度指标并具有一定效果',
  failed: '未达成年度指标且效果较差',
};

/** Canonical text of a number in a unit: (0.95,'%') → '95%', (0.002,'‰') → '2‰', (202.6,'万元') → '202.6万元'. */
export function formatQuantity(_value: number, _unit: string): string {
  return '';
}

/** How a target was read, for people: '≥95%', '≤202.6万元', '1:20', '是', '定性', '不适用', or the reason it was not. */
export function describeTarget(_t: Target): string {
  return '';
}

/** Canonical text of an actual, such that parseActual(actualText(a, t), t) gives `a` back (notes aside). */
export function actualText(_a: Actual, _t: Target): string {
  return '';
}
