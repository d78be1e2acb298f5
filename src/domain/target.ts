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

// ---------------------------------------------------------------------------------------------------------------
// Text normalisation

/** Cells arrive as anything (numbers, null from a blank cell); a parser that must never throw reads them as text. */
function asString(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x === null || x === undefined) return '';
  try {
    return String(x);
  } catch {
    return '';
  }
}

const CHAR_MAP: Record<string, string> = {
  '≧': '≥',
  '⩾': '≥',
  '≦': '≤',
  '⩽': '≤',
  '−': '-',
  '–': '-',
  '∶': ':',
  '﹪': '%',
  '﹤': '<',
  '﹥': '>',
  '﹦': '=',
};

/**
 * Full-width ASCII (０-９ Ａ-Ｚ ％ ＜ ＞ ＝ ： ． ， （ ）…) to ASCII, `>=`/`<=` to `≥`/`≤`, all white space removed
 * (ideographic spaces included), trailing sentence punctuation dropped. `= 100 %` → `=100%`.
 */
export function normalizeText(text: unknown): string {
  let out = '';
  for (const ch of asString(text)) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else out += CHAR_MAP[ch] ?? ch;
  }
  return out
    .replace(/\s+/gu, '')
    .replace(/>=/g, '≥')
    .replace(/<=/g, '≤')
    .replace(/[。;,.、!?！？]+$/u, '');
}

/** Numbers are rounded to 12 significant digits wherever they are scaled or shown: 0.95*100 is 95, not 95.00000000000001. */
function round12(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Number(x.toPrecision(12));
  return r === 0 ? 0 : r;
}

/** A number without exponent notation (1e-7 → 0.0000001), after rounding to 12 significant digits. */
function formatNumber(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return String(x);
  const n = round12(x);
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1];
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp >= 0) {
    const intLen = exp + 1;
    return intLen >= digits.length
      ? sign + digits + '0'.repeat(intLen - digits.length)
      : sign + digits.slice(0, intLen) + '.' + digits.slice(intLen);
  }
  return sign + '0.' + '0'.repeat(-exp - 1) + digits;
}

/** Long texts are cut in messages so the reason stays readable in a cell. */
function quote(orig: string): string {
  const chars = [...orig];
  return chars.length > 40 ? chars.slice(0, 40).join('') + '…' : orig;
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

/** Operators and operator words at the start of a value; longest first so that 不超过 wins over 超过. */
const PREFIX_OPS: ReadonlyArray<readonly [string, Direction]> = (
  [
    ['≥', '>='],
    ['>', '>='],
    ['≤', '<='],
    ['<', '<='],
    ['=', '='],
    ['大于等于', '>='],
    ['大于或等于', '>='],
    ['小于等于', '<='],
    ['小于或等于', '<='],
    ['不低于', '>='],
    ['不少于', '>='],
    ['不小于', '>='],
    ['至少', '>='],
    ['达到', '>='],
    ['大于', '>='],
    ['高于', '>='],
    ['多于', '>='],
    ['超过', '>='],
    ['不高于', '<='],
    ['不超过', '<='],
    ['不大于', '<='],
    ['不多于', '<='],
    ['低于', '<='],
    ['小于', '<='],
    ['少于', '<='],
    ['控制在', '<='],
  ] as Array<[string, Direction]>
).sort((a, b) => b[0].length - a[0].length);

const SUFFIXES: ReadonlyArray<readonly [string, Direction]> = (
  [
    ['以上', '>='],
    ['及以上', '>='],
    ['或以上', '>='],
    ['以下', '<='],
    ['及以下', '<='],
    ['或以下', '<='],
    ['以内', '<='],
    ['之内', '<='],
    ['内', '<='],
  ] as Array<[string, Direction]>
).sort((a, b) => b[0].length - a[0].length);

const KNOWN_UNITS = new Set(
  (
    '个 人 次 件 元 千元 万元 亿元 美元 万美元 米 公里 千米 平方米 平方公里 立方米 亩 公顷 户 家 所 场 期 项 篇 份 天 日 ' +
    '小时 分钟 周 月 个月 年 辆 台 套 座 条 本 册 万人 人次 万人次 吨 公斤 千克 克 斤 起 处 名 批 批次 宗 单 张 间 栋 ' +
    '块 棵 株 头 只 盏 课时 学时 页 部 首 幅 卷 班 节 堂 例 家次 户次 校 村 分 种 类 支 队 组 位 个点 床 床位 人天 ' +
    '工日 m km kg t'
  ).split(' '),
);

/** Words inside a would-be unit that show the text is not `number unit` (approximations, verbs, phrases). */
const NOT_A_UNIT = /左右|约|余|多|几|超|至|到|每|不|达|完成|提高|降低|增|减|以|及|或|前|后|于|率|之/u;

function isKnownUnit(u: string): boolean {
  if (KNOWN_UNITS.has(u)) return true;
  const m = /^(?:百万|千万|十万|万|亿|千)(.+)$/u.exec(u);
  if (m && KNOWN_UNITS.has(m[1])) return true;
  const parts = u.split('/');
  return parts.length === 2 && parts.every((p) => p !== '' && KNOWN_UNITS.has(p));
}

/** A short run of CJK / Latin letters after a written number is its unit ("be generous"), a known unit at any length. */
function isUnitShape(u: string): boolean {
  if (u === '') return true;
  if (isKnownUnit(u)) return true;
  if (!/^[\p{Script=Han}A-Za-z²³][\p{Script=Han}A-Za-z²³/]*$/u.test(u)) return false;
  if (NOT_A_UNIT.test(u)) return false;
  return [...u.replace(/\//g, '')].length <= 4;
}

/** Rows where less is better, unless the name also makes a good-is-high rate (投诉及时有效处理率). */
const REVERSE_KEYWORDS = [
  '成本', '控制率', '调整率', '结转结余率', '结余率', '差错率', '犯罪率', '再犯罪率', '发生率', '投诉率', '投诉', '事故',
  '违规', '超支', '违法', '失误', '故障', '损失', '退回率', '超标',
];
const POSITIVE_KEYWORDS = [
  '处理率', '办结率', '化解率', '满意', '及时', '完成率', '覆盖率', '知晓率', '到位率', '达标率', '合格率', '配备率',
  '受理率', '佩戴率',
];

/** The direction an indicator takes when its 年度指标值 names none (domain.md §2). */
export function directionFromName(indicatorName: string): Direction {
  const name = normalizeText(indicatorName);
  const reverse = REVERSE_KEYWORDS.some((k) => name.includes(k));
  const positive = POSITIVE_KEYWORDS.some((k) => name.includes(k));
  return reverse && !positive ? '<=' : '>=';
}

// ---------------------------------------------------------------------------------------------------------------
// Chinese numerals

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_MULTS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_RUN = /^[零〇一二两三四五六七八九十百千点]+/u;
/** No numeral people write is longer; the cap keeps the longest-match search cheap on pasted essays. */
const CN_RUN_MAX = 16;

/** 九十五 → 95, 一百零五 → 105, 一百五 → 150, 十二 → 12; null when the characters make no number. */
function parseCnInteger(s: string): number | null {
  if (s === '') return null;
  let total = 0;
  let cur: number | null = null;
  let lastMult = Infinity;
  let afterZero = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      const d = CN_DIGITS[ch];
      if (d === 0) {
        if (cur !== null) return null;
        afterZero = true;
        continue;
      }
      if (cur !== null) return null;
      cur = d;
    } else if (ch in CN_MULTS) {
      const m = CN_MULTS[ch];
      if (m >= lastMult) return null;
      if (cur === null) {
        if (total !== 0 || afterZero) {
          if (m !== 10) return null;
        }
        cur = 1;
      }
      total += cur * m;
      cur = null;
      lastMult = m;
      afterZero = false;
    } else {
      return null;
    }
  }
  if (cur !== null) {
    // 一百五 is 150 (the digit is one place below the last multiplier), 一百零五 is 105.
    total += lastMult !== Infinity && lastMult > 10 && !afterZero ? (cur * lastMult) / 10 : cur;
  }
  return total;
}

/** A Chinese numeral with an optional 点 fraction: 九十五点五 → 95.5. */
function parseCnNumber(s: string): number | null {
  const parts = s.split('点');
  if (parts.length > 2) return null;
  const int = parseCnInteger(parts[0]);
  if (int === null) return null;
  if (parts.length === 1) return int;
  if (parts[1] === '') return null;
  let frac = '';
  for (const ch of parts[1]) {
    if (!(ch in CN_DIGITS)) return null;
    frac += String(CN_DIGITS[ch]);
  }
  return Number(`${int}.${frac}`);
}

// ---------------------------------------------------------------------------------------------------------------
// `[operator] number [unit] [suffix]`

interface Quantity {
  /** written direction: the suffix's if any, else the operator's; null when none was written */
  direction: Direction | null;
  opText: string;
  suffix: string;
  /** base scale: 95% → 0.95 */
  value: number;
  /** '%', '‰', a unit, or '' */
  unit: string;
  /** the number came from digits (not from Chinese numerals) */
  digits: boolean;
}

type QuantityParse = { ok: true; q: Quantity } | { ok: false; problem: 'syntax' | 'range' | 'conflict'; detail?: string };

const FRACTION_PREFIXES: ReadonlyArray<readonly [string, number, string]> = [
  ['百分之', 100, '%'],
  ['千分之', 1000, '‰'],
  ['万分之', 10000, '%'],
];

interface Tail {
  unit: string;
  suffix: string;
  suffixDir: Direction | null;
}

/** What follows the number: an optional unit, then an optional suffix. */
function readTail(rest: string, unitSoFar: string, digits: boolean): Tail | null {
  let suffix = '';
  let suffixDir: Direction | null = null;
  let body = rest;
  for (const [suf, dir] of SUFFIXES) {
    if (body.endsWith(suf) && body.length >= suf.length) {
      suffix = suf;
      suffixDir = dir;
      body = body.slice(0, body.length - suf.length);
      break;
    }
  }
  if (unitSoFar !== '') return body === '' ? { unit: unitSoFar, suffix, suffixDir } : null;
  if (body === '') return { unit: '', suffix, suffixDir };
  // Chinese numerals stand in ordinary words (一村一法律顾问, 十分满意): only a known unit makes them a number.
  const ok = digits ? isUnitShape(body) : isKnownUnit(body);
  return ok ? { unit: body, suffix, suffixDir } : null;
}

function finishQuantity(opText: string, opDir: Direction | null, negative: boolean, value: number, tail: Tail, digits: boolean): QuantityParse {
  if (opDir !== null && tail.suffixDir !== null && opDir !== '=' && opDir !== tail.suffixDir) {
    return { ok: false, problem: 'conflict', detail: `「${opText}」和「${tail.suffix}」方向相反` };
  }
  if (!Number.isFinite(value)) return { ok: false, problem: 'syntax' };
  const v = negative ? -value : value;
  return {
    ok: true,
    q: {
      direction: tail.suffixDir ?? opDir,
      opText,
      suffix: tail.suffix,
      value: v === 0 ? 0 : v,
      unit: tail.unit,
      digits,
    },
  };
}

function parseQuantity(text: string): QuantityParse {
  const s = text.replace(/\(含\)/g, '').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  let i = 0;
  let opText = '';
  let opDir: Direction | null = null;
  for (const [tok, dir] of PREFIX_OPS) {
    if (s.startsWith(tok)) {
      opText = tok;
      opDir = dir;
      i = tok.length;
      break;
    }
  }
  let negative = false;
  if (s[i] === '-' || s[i] === '+') {
    negative = s[i] === '-';
    i += 1;
  }
  const rest = s.slice(i);
  const fail = (): QuantityParse => ({ ok: false, problem: looksLikeRange(s) ? 'range' : 'syntax' });

  // digits: 95, 202.6, .5, then % ‰ ‱
  const dm = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(rest);
  if (dm) {
    let value = Number(dm[0]);
    let unit = '';
    let after = rest.slice(dm[0].length);
    if (after.startsWith('%')) {
      value = round12(value / 100);
      unit = '%';
      after = after.slice(1);
    } else if (after.startsWith('‰')) {
      value = round12(value / 1000);
      unit = '‰';
      after = after.slice(1);
    } else if (after.startsWith('‱')) {
      value = round12(value / 10000);
      unit = '%';
      after = after.slice(1);
    }
    const tail = readTail(after, unit, true);
    return tail ? finishQuantity(opText, opDir, negative, value, tail, true) : fail();
  }

  // 百分百 / 百分之九十五 / 千分之二 / 万分之五 (also with digits: 千分之2)
  if (rest.startsWith('百分百')) {
    const tail = readTail(rest.slice(3), '%', false);
    return tail ? finishQuantity(opText, opDir, negative, 1, tail, false) : fail();
  }
  for (const [prefix, div, unit] of FRACTION_PREFIXES) {
    if (!rest.startsWith(prefix)) continue;
    const body = rest.slice(prefix.length);
    const num = /^(?:\d+(?:\.\d+)?)/.exec(body);
    if (num) {
      const tail = readTail(body.slice(num[0].length), unit, true);
      return tail ? finishQuantity(opText, opDir, negative, round12(Number(num[0]) / div), tail, true) : fail();
    }
    const run = (CN_RUN.exec(body)?.[0] ?? '').slice(0, CN_RUN_MAX);
    for (let len = run.length; len > 0; len--) {
      const n = parseCnNumber(run.slice(0, len));
      if (n === null) continue;
      const tail = readTail(body.slice(len), unit, false);
      if (tail) return finishQuantity(opText, opDir, negative, round12(n / div), tail, false);
    }
    return fail();
  }

  // 九十五 / 十二次 / 一百 / 九十五% — the longest numeral that leaves a valid tail
  const run = (CN_RUN.exec(rest)?.[0] ?? '').slice(0, CN_RUN_MAX);
  for (let len = run.length; len > 0; len--) {
    const n = parseCnNumber(run.slice(0, len));
    if (n === null) continue;
    let after = rest.slice(len);
    let value = n;
    let unit = '';
    if (after.startsWith('%')) {
      value = round12(n / 100);
      unit = '%';
      after = after.slice(1);
    } else if (after.startsWith('‰')) {
      value = round12(n / 1000);
      unit = '‰';
      after = after.slice(1);
    }
    const tail = readTail(after, unit, false);
    if (tail) return finishQuantity(opText, opDir, negative, value, tail, false);
  }
  return fail();
}

function looksLikeRange(s: string): boolean {
  return /\d[%‰]?[^\d]{0,3}(?:-|~|至|到|—)+\d/u.test(s);
}

/** `1:20` → 20; `2:40` → 20. undefined when the text is no ratio; null when it is one that cannot be scored. */
function parseRatioText(s: string): number | null | undefined {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return round12(b / a);
}

const NA_TOKENS = new Set(['/', '\\', '无', '不适用', '—', '-', '——', '--', '-/-', 'n/a', 'na']);

function isNaToken(s: string): boolean {
  return NA_TOKENS.has(s.toLowerCase()) || /^[/—-]+$/u.test(s);
}

// ---------------------------------------------------------------------------------------------------------------
// 年度指标值

function invalid(reason: string): { kind: 'invalid'; reason: string } {
  return { kind: 'invalid', reason };
}

function targetSyntaxReason(orig: string, p: QuantityParse): string {
  const head = `无法识别年度指标值「${quote(orig)}」：`;
  if (!p.ok && p.problem === 'range') return head + '这是一个区间，请只写一个目标值，如「≥90%」，或写成定性描述';
  if (!p.ok && p.problem === 'conflict') return head + `${p.detail ?? '方向矛盾'}，请只保留一个`;
  return head + '请写成「≥12次」这样的数值，或写成定性描述';
}

/** The unit in the indicator's name: `服务外包在岸(万美元)` → 万美元, `满意度(%)` → %, `(单位:万元)` → 万元. */
export function unitFromName(indicatorName: string): string {
  const name = normalizeText(indicatorName);
  const groups = [...name.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]);
  for (let k = groups.length - 1; k >= 0; k--) {
    const labelled = /^单位:?(.+)$/u.exec(groups[k]);
    const u = labelled ? labelled[1] : groups[k];
    if (u === '%' || u === '‰') return u;
    if (isKnownUnit(u)) return u;
    if (labelled && isUnitShape(u)) return u;
  }
  return '';
}

function numberTarget(q: Quantity, nameDirection: string, indicatorName: string, orig: string): Target {
  let value = q.value;
  let unit = q.unit;
  if (unit === '') {
    unit = unitFromName(indicatorName);
    // a bare number under a name that says (%) is percent points
    if (unit === '%') value = round12(value / 100);
    else if (unit === '‰') value = round12(value / 1000);
  }
  if (value < 0) return invalid(`年度指标值「${quote(orig)}」为负数：负数目标无法按比例计分，请手工评分`);
  return {
    kind: 'number',
    direction: q.direction ?? directionFromName(nameDirection),
    value,
    unit,
    explicit: q.direction !== null,
  };
}

/** `年度资金支付完成率100%`: the name carries the target when the cell is empty. */
function targetFromName(name: string): Target | null {
  const numbers = [...name.matchAll(/\d+(?:\.\d+)?/g)];
  const last = numbers[numbers.length - 1];
  if (!last || last.index === undefined) return null;
  let start = last.index;
  const before = name.slice(0, start);
  for (const [tok] of PREFIX_OPS) {
    if (before.endsWith(tok)) {
      start -= tok.length;
      break;
    }
  }
  const p = parseQuantity(name.slice(start));
  if (!p.ok) return null;
  const u = p.q.unit;
  if (!(u === '%' || u === '‰' || isKnownUnit(u))) return null;
  return numberTarget(p.q, name.slice(0, start), '', name.slice(start));
}

// The same targets are read many times over (layout, read-back, scoring, review, consolidation of many districts'
// copies of one template): remember recent readings. Targets are plain data that no caller mutates.
const targetCache = new Map<string, Target>();
const TARGET_CACHE_SIZE = 20000;

export function parseTarget(text: string, indicatorName = ''): Target {
  if (typeof text !== 'string' || typeof indicatorName !== 'string') return readTarget(text, indicatorName);
  const key = `${text}\u0000${indicatorName}`;
  let t = targetCache.get(key);
  if (t === undefined) {
    if (targetCache.size >= TARGET_CACHE_SIZE) targetCache.clear();
    t = Object.freeze(readTarget(text, indicatorName)) as Target;
    targetCache.set(key, t);
  }
  return t;
}

function readTarget(text: string, indicatorName: string): Target {
  const orig = asString(text).trim();
  const s = normalizeText(text);
  const name = normalizeText(indicatorName);
  if (s === '') return targetFromName(name) ?? invalid('年度指标值为空');
  if (isNaToken(s)) return { kind: 'na' };
  if (s === '是') return { kind: 'yesno', yes: true };
  if (s === '否') return { kind: 'yesno', yes: false };

  const ratio = parseRatioText(s);
  if (ratio === null) return invalid(`年度指标值「${quote(orig)}」不是有效的比例：比例两边都须大于 0，如「1:20」`);
  if (ratio !== undefined) return { kind: 'ratio', n: ratio };

  const p = parseQuantity(s);
  if (p.ok) return numberTarget(p.q, name, name, orig);
  if (!/\d/.test(s)) {
    if (/\p{L}/u.test(s)) return { kind: 'qualitative', text: orig };
    return invalid(`无法识别年度指标值「${quote(orig)}」：请写成「≥95%」这样的数值，或写成定性描述`);
  }
  return invalid(targetSyntaxReason(orig, p));
}

// ---------------------------------------------------------------------------------------------------------------
// 实际完成值

/** Units that convert into one another: the family and the size of one unit in it. */
const UNIT_FACTORS: Record<string, readonly [string, number]> = {
  元: ['元', 1],
  千元: ['元', 1e3],
  万元: ['元', 1e4],
  百万元: ['元', 1e6],
  亿元: ['元', 1e8],
  米: ['米', 1],
  m: ['米', 1],
  公里: ['米', 1000],
  千米: ['米', 1000],
  km: ['米', 1000],
  克: ['克', 1],
  千克: ['克', 1000],
  公斤: ['克', 1000],
  kg: ['克', 1000],
  斤: ['克', 500],
  吨: ['克', 1e6],
  t: ['克', 1e6],
  // percentages and per-mille are both held as fractions: they convert by keeping the value
  '%': ['比例', 1],
  '‰': ['比例', 1],
};

function unitFactor(u: string): readonly [string, number] {
  const known = UNIT_FACTORS[u];
  if (known) return known;
  const m = /^(百万|千万|十万|万|亿)(.+)$/u.exec(u);
  if (m) {
    const mult = { 百万: 1e6, 千万: 1e7, 十万: 1e5, 万: 1e4, 亿: 1e8 }[m[1] as '百万' | '千万' | '十万' | '万' | '亿'];
    return [m[2], mult];
  }
  return [u, 1];
}

const QUAL_FAILED_PREFIXES = ['未达成', '未完成', '未达到', '未达标', '没有完成', '没有达成', '没有达到', '没达到', '没完成'];
const QUAL_PARTIAL_PREFIXES = ['部分达成', '基本完成', '基本达成', '部分完成', '基本达到', '部分达到'];
const QUAL_ACHIEVED = new Set([
  '达成', '达成年度指标', '达成预期指标', '达成目标', '达成预期', '达成预期目标', '完成', '已完成', '达到', '已达到', '已达成',
  '全部完成', '完成年度指标', '达到预期', '达到预期目标', '达到预期指标', '达标', '是',
]);

function qualitativeActual(s: string, orig: string, target: { text: string }): Actual {
  if (QUAL_FAILED_PREFIXES.some((p) => s.startsWith(p))) return { kind: 'qualitative', level: 'failed' };
  if (QUAL_PARTIAL_PREFIXES.some((p) => s.startsWith(p))) return { kind: 'qualitative', level: 'partial' };
  if (QUAL_ACHIEVED.has(s) || s.startsWith('达成年度指标') || s === normalizeText(target.text)) {
    return { kind: 'qualitative', level: 'achieved' };
  }
  if (isNaToken(s)) return invalid(`实际完成值为「${quote(orig)}」，但本指标有年度指标值`);
  return invalid(
    `无法判断「${quote(orig)}」属于哪一档：请选择 ${QUAL_LABELS.achieved} / ${QUAL_LABELS.partial} / ${QUAL_LABELS.failed}`,
  );
}

function numberActual(
  s: string,
  orig: string,
  target: { direction: Direction; value: number; unit: string },
): Actual {
  const t: Target = { kind: 'number', explicit: true, ...target };
  const example = formatQuantity(target.value, target.unit);
  if (isNaToken(s)) {
    const hint = s === '无' ? `：如实际为零，请填写 ${formatQuantity(0, target.unit)}` : '';
    return invalid(`实际完成值为「${quote(orig)}」，但本指标有年度指标值${hint}`);
  }
  const p = parseQuantity(s);
  if (!p.ok) {
    if (!/\d/.test(s)) {
      return invalid(`「${quote(orig)}」不是数值：本指标年度指标值为 ${describeTarget(t)}，请填写实际数值（如 ${example}）`);
    }
    const why = p.problem === 'range' ? '这是一个区间，请只填一个数值' : '请填写一个数值';
    return invalid(`无法识别实际完成值「${quote(orig)}」：${why}，本指标年度指标值为 ${describeTarget(t)}（如 ${example}）`);
  }
  const q = p.q;
  const notes: string[] = [];
  if (q.opText) notes.push(`已忽略「${q.opText}」`);
  if (q.suffix) notes.push(`已忽略「${q.suffix}」`);
  const T = target.unit;
  const U = q.unit;
  let value: number;
  if (U === T) {
    value = q.value;
  } else if (U === '') {
    if (T === '%' || T === '‰') {
      value = round12(q.value / (T === '%' ? 100 : 1000));
      const hint = T === '%' && q.value > 0 && q.value <= 1 ? `（如指 ${formatQuantity(q.value, '%')}，请写 ${formatQuantity(q.value, '%')}）` : '';
      notes.push(`按目标单位读作 ${formatQuantity(value, T)}${hint}`);
    } else {
      value = q.value;
    }
  } else if (T === '') {
    if (U === '%' || U === '‰') return invalid(`单位不一致：年度指标值没有单位，实际完成值为「${U}」`);
    value = q.value;
    notes.push(`年度指标值未写单位，已忽略「${U}」`);
  } else {
    const [fu, ku] = unitFactor(U);
    const [ft, kt] = unitFactor(T);
    if (fu !== ft) return invalid(`单位不一致：年度指标值单位为「${T}」，实际完成值为「${U}」`);
    value = round12((q.value * ku) / kt);
    notes.push(`${formatQuantity(q.value, U)} 换算为 ${formatQuantity(value, T)}`);
  }
  value = value === 0 ? 0 : value;
  return notes.length > 0 ? { kind: 'number', value, note: notes.join('；') } : { kind: 'number', value };
}

function ratioActual(s: string, orig: string, target: { n: number }): Actual {
  if (isNaToken(s)) return invalid(`实际完成值为「${quote(orig)}」，但本指标有年度指标值`);
  const r = parseRatioText(s);
  let n: number | null | undefined = r;
  if (r === undefined && /^\d+(?:\.\d+)?$/.test(s)) n = Number(s);
  const shape = `本指标年度指标值为 1:${formatNumber(target.n)}，请填写「1:18」这样的比例，或只填 18`;
  if (n === undefined) return invalid(`无法识别实际完成值「${quote(orig)}」：${shape}`);
  if (n === null || !(n > 0) || !Number.isFinite(n)) return invalid(`实际完成值「${quote(orig)}」不是有效的比例：N 须大于 0`);
  return { kind: 'ratio', n };
}

function yesnoActual(s: string, orig: string): Actual {
  if (s === '是' || s === '有') return { kind: 'yesno', yes: true };
  if (s === '否' || s === '无') return { kind: 'yesno', yes: false };
  if (isNaToken(s)) return invalid(`实际完成值为「${quote(orig)}」，但本指标有年度指标值`);
  return invalid(`无法识别实际完成值「${quote(orig)}」：本指标为是/否指标，请填写「是」或「否」`);
}

export function parseActual(text: string, target: Target): Actual {
  if (!target || typeof target !== 'object') return invalid('年度指标值无法识别，无法计算');
  if (target.kind === 'na') return { kind: 'na' };
  const orig = asString(text).trim();
  const s = normalizeText(text);
  if (s === '') return { kind: 'empty' };
  switch (target.kind) {
    case 'number':
      return numberActual(s, orig, target);
    case 'ratio':
      return ratioActual(s, orig, target);
    case 'yesno':
      return yesnoActual(s, orig);
    case 'qualitative':
      return qualitativeActual(s, orig, target);
    default:
      return invalid('年度指标值无法识别，无法计算');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text for people

/** The three answers of a qualitative row, as the sheet's drop-down offers them (domain.md §3). */
export const QUAL_LABELS: Record<QualLevel, string> = {
  achieved: '达成年度指标',
  partial: '部分达成年度指标并具有一定效果',
  failed: '未达成年度指标且效果较差',
};

/** Canonical text of a number in a unit: (0.95,'%') → '95%', (0.002,'‰') → '2‰', (202.6,'万元') → '202.6万元'. */
export function formatQuantity(value: number, unit: string): string {
  const u = asString(unit);
  if (u === '%') return formatNumber(value * 100) + '%';
  if (u === '‰') return formatNumber(value * 1000) + '‰';
  return formatNumber(value) + u;
}

const DIRECTION_SYMBOLS: Record<Direction, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/** How a target was read, for people: '≥95%', '≤202.6万元', '1:20', '是', '定性', '不适用', or the reason it was not. */
export function describeTarget(t: Target): string {
  if (!t || typeof t !== 'object') return '';
  switch (t.kind) {
    case 'number':
      return (DIRECTION_SYMBOLS[t.direction] ?? '') + formatQuantity(t.value, t.unit);
    case 'ratio':
      return '1:' + formatNumber(t.n);
    case 'yesno':
      return t.yes ? '是' : '否';
    case 'qualitative':
      return '定性：' + t.text;
    case 'na':
      return '不适用';
    case 'invalid':
      return '无法识别：' + t.reason;
    default:
      return '';
  }
}

/** Canonical text of an actual, such that parseActual(actualText(a, t), t) gives `a` back (notes aside). */
export function actualText(a: Actual, t: Target): string {
  if (!a || typeof a !== 'object') return '';
  switch (a.kind) {
    case 'number':
      return formatQuantity(a.value, t && t.kind === 'number' ? t.unit : '');
    case 'ratio':
      return '1:' + formatNumber(a.n);
    case 'yesno':
      return a.yes ? '是' : '否';
    case 'qualitative':
      return QUAL_LABELS[a.level] ?? '';
    case 'na':
      return '/';
    case 'empty':
    case 'invalid':
    default:
      return '';
  }
}
