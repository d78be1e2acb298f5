// 填报: the indicators of one form, grouped by 一级/二级, each with its target, an input for the actual that shows
// how it reads, the 得分率 of qualitative rows and the 偏差原因 when one is needed. Entries are kept as drafts and
// written in one batch by 保存到工作表 (an explicit save: a half-typed value never reaches the sheet, and the
// sheet's own edits, which arrive through onChanged, never overwrite what the person is typing).

import * as React from 'react';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import type { IndicatorRow } from '../../domain/form';
import type { RowStatus, RuleParams } from '../../domain/rules';
import { describeTarget, QUAL_LABELS, type QualLevel } from '../../domain/target';
import type { FoundForm } from '../../sheet/readback';
import type { WorkbookPort } from '../port';
import { statusKey, useI18n, type MessageKey, type Translate } from '../i18n';
import {
  bandOf,
  budgetKey,
  rateText,
  groupRows,
  moneyText,
  pendingCount,
  planSave,
  rowEntry,
  withBudgetDraft,
  withoutSaved,
  withRowDraft,
  NO_DRAFTS,
  type BudgetField,
  type FormDrafts,
  type RowDraft,
  type RowField,
  type SaveProblem,
} from '../state/fill';
import { percentText, pointsText } from '../state/results';
import { Busy, Collapsible, errorText, NoticeBar, type Notice } from './common';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingBottom: tokens.spacingVerticalXXL },
  title: { display: 'flex', flexDirection: 'column' },
  muted: { color: tokens.colorNeutralForeground3 },
  budgetGrid: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalXS },
  fill: { minWidth: 0, width: '100%' },
  budgetPart: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  level2: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  itemHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  itemName: { fontWeight: tokens.fontWeightSemibold, wordBreak: 'break-all' },
  reading: { color: tokens.colorPaletteGreenForeground1 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  note: { color: tokens.colorNeutralForeground3 },
  inputs: { display: 'grid', gridTemplateColumns: '1fr', gap: tokens.spacingVerticalXS },
  saveBar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  saveRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const STATUS_COLOR: Record<RowStatus, BadgeProps['color']> = {
  未填: 'subtle',
  达标: 'success',
  未达标: 'warning',
  '超额·需说明': 'informative',
  不适用: 'subtle',
  无法计算: 'danger',
};

export function StatusBadge({ status }: { status: RowStatus }) {
  const { t } = useI18n();
  return (
    <Badge appearance={status === '未填' || status === '不适用' ? 'outline' : 'filled'} color={STATUS_COLOR[status]} shape="rounded">
      {t(statusKey(status))}
    </Badge>
  );
}

const QUAL_LEVELS: QualLevel[] = ['achieved', 'partial', 'failed'];

interface ItemProps {
  index: number;
  row: IndicatorRow;
  draft: RowDraft | undefined;
  params: RuleParams;
  onChange: (index: number, field: RowField, value: string) => void;
}

const IndicatorItem = React.memo(function IndicatorItem({ index, row, draft, params, onChange }: ItemProps) {
  const s = useStyles();
  const { t } = useI18n();
  const e = rowEntry(row, draft, params);
  const actualValue = draft?.actual ?? row.actual;
  const name = row.level3 || `#${index + 1}`;
  const set = (field: RowField) => (value: string) => onChange(index, field, value);
  const reasonValue = draft?.reason ?? row.reason;
  const reasonMissing = e.scored.missingReason;
  const pct = (x: number): string => rateText(x);

  let actualInput: React.ReactNode;
  let readingLine: React.ReactNode = null;
  if (e.kind === '不适用') {
    actualInput = <Caption1 className={s.note}>{t('fill.na')}</Caption1>;
  } else if (e.kind === '定性') {
    const canonical = e.qualLevel ? QUAL_LABELS[e.qualLevel] : actualValue;
    const known = canonical === '' || QUAL_LEVELS.some((l) => QUAL_LABELS[l] === canonical);
    actualInput = (
      <Field label={t('fill.actual')}>
        <Select aria-label={t('fill.actualFor', { name })} value={canonical} onChange={(_, d) => set('actual')(d.value)}>
          <option value="">{t('fill.choose')}</option>
          {QUAL_LEVELS.map((l) => (
            <option key={l} value={QUAL_LABELS[l]}>
              {QUAL_LABELS[l]}
            </option>
          ))}
          {!known && <option value={actualValue}>{actualValue}</option>}
        </Select>
      </Field>
    );
  } else if (e.kind === '是否') {
    const known = actualValue === '' || actualValue === '是' || actualValue === '否';
    actualInput = (
      <Field label={t('fill.actual')}>
        <Select aria-label={t('fill.actualFor', { name })} value={e.actual.kind === 'yesno' ? (e.actual.yes ? '是' : '否') : actualValue} onChange={(_, d) => set('actual')(d.value)}>
          <option value="">{t('fill.choose')}</option>
          <option value="是">是</option>
          <option value="否">否</option>
          {!known && e.actual.kind !== 'yesno' && <option value={actualValue}>{actualValue}</option>}
        </Select>
      </Field>
    );
  } else {
    actualInput = (
      <Field label={t('fill.actual')}>
        <Input aria-label={t('fill.actualFor', { name })} value={actualValue} onChange={(_, d) => set('actual')(d.value)} />
      </Field>
    );
  }
  if (e.actual.kind === 'invalid' && actualValue.trim() !== '' && e.target.kind !== 'invalid') {
    readingLine = (
      <Caption1 className={s.problem} role="note">
        {e.actual.reason}
      </Caption1>
    );
  } else if ((e.actual.kind === 'number' || e.actual.kind === 'ratio') && e.reading) {
    readingLine = (
      <Caption1 className={s.reading} role="note">
        {t('fill.readAs', { text: e.reading })}
        {e.actual.kind === 'number' && e.actual.note ? `（${e.actual.note}）` : ''}
      </Caption1>
    );
  }

  let rateInput: React.ReactNode = null;
  if (e.kind === '定性') {
    const band = e.qualLevel ? bandOf(e.qualLevel, params) : null;
    const rateValue = draft?.override ?? rateText(row.rateOverride);
    const o = e.override;
    rateInput = (
      <Field
        label={t('fill.rate')}
        hint={band ? t('fill.rateHint', { lo: pct(band.lo), hi: pct(band.hi) }) : undefined}
        validationState={o.state === 'invalid' ? 'error' : o.state === 'outside' ? 'warning' : 'none'}
        validationMessage={
          o.state === 'invalid' ? o.reason : o.state === 'outside' ? t('fill.rateOutside', { lo: pct(o.lo), hi: pct(o.hi) }) : undefined
        }
      >
        <Input aria-label={t('fill.rateFor', { name })} value={rateValue} placeholder="85%" onChange={(_, d) => set('override')(d.value)} />
      </Field>
    );
  }

  return (
    <div className={s.item} data-row={index}>
      <div className={s.itemHead}>
        <Text className={s.itemName}>{name}</Text>
        <StatusBadge status={e.scored.status} />
      </div>
      <Caption1 className={s.note}>
        {t('fill.targetLine', { text: row.target || '—' })}
        {e.target.kind !== 'invalid' && describeTarget(e.target) !== row.target ? ` · ${t('fill.targetReadAs', { text: describeTarget(e.target) })}` : ''}
        {' · '}
        {t('fill.points', { points: row.weight })}
        {e.scored.score !== null ? ` · ${t('fill.score', { score: pointsText(e.scored.score) })}` : ''}
      </Caption1>
      {e.target.kind === 'invalid' && row.target.trim() !== '' && (
        <Caption1 className={s.problem}>{t('fill.targetInvalid', { reason: e.target.reason })}</Caption1>
      )}
      <div className={s.inputs}>
        {actualInput}
        {readingLine}
        {rateInput}
        {e.showReason && (
          <Field
            label={t('fill.reason')}
            validationState={reasonMissing ? 'warning' : 'none'}
            validationMessage={reasonMissing ? t('fill.reasonRequired') : undefined}
          >
            <Textarea aria-label={t('fill.reasonFor', { name })} value={reasonValue} resize="vertical" onChange={(_, d) => set('reason')(d.value)} />
          </Field>
        )}
      </div>
    </div>
  );
});

function problemText(t: Translate, p: SaveProblem): string {
  switch (p.kind) {
    case 'override':
      return t('fill.problem.override', { name: p.level3, reason: p.reason });
    case 'money':
      return t('fill.problem.money', { part: p.part, field: t(`fill.budget.${p.field}` as MessageKey), text: p.text });
    case 'noColumn':
      return t('fill.problem.noColumn', { column: t(p.column === 'actual' ? 'fill.actual' : p.column === 'override' ? 'fill.rate' : 'fill.reason') });
  }
}

const BUDGET_FIELDS: BudgetField[] = ['initial', 'annual', 'executed'];

export interface FillPaneProps {
  port: WorkbookPort;
  found: FoundForm;
  drafts: FormDrafts;
  setDrafts: (update: (d: FormDrafts) => FormDrafts) => void;
  refresh: () => Promise<void>;
  /** after cells were written */
  onWritten: () => void;
}

export function FillPane({ port, found, drafts, setDrafts, refresh, onWritten }: FillPaneProps) {
  const s = useStyles();
  const { t } = useI18n();
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const form = found.form;
  const groups = React.useMemo(() => groupRows(form.rows), [form.rows]);
  const pending = pendingCount(drafts);
  const formRef = React.useRef(form);
  formRef.current = form;

  const onChange = React.useCallback(
    (index: number, field: RowField, value: string) => setDrafts((d) => withRowDraft(d, formRef.current, index, field, value)),
    [setDrafts],
  );

  const save = async (): Promise<void> => {
    const saved = drafts;
    const plan = planSave(found, saved);
    if (!plan.ok) {
      setNotice({ intent: 'error', text: t('fill.problems'), lines: plan.problems.map((p) => problemText(t, p)) });
      return;
    }
    setBusy(t('fill.saving'));
    setNotice(null);
    try {
      if (plan.edits.length > 0) await port.writeCells(found.sheet, plan.edits);
      onWritten();
      await refresh();
      setDrafts((d) => withoutSaved(d, saved));
      setNotice({ intent: 'success', text: t('fill.saved', { count: plan.edits.length }) });
    } catch (err) {
      setNotice({ intent: 'error', text: t('fill.saveFailed', { message: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const budgetEditable = found.partRows.length === form.budget.parts.length && form.budget.parts.length > 0;

  return (
    <div className={s.root}>
      <div className={s.title}>
        <Subtitle2>
          {form.meta.title}（{form.meta.year}）
        </Subtitle2>
        {form.meta.projectName && <Text className={s.muted}>{form.meta.projectName}</Text>}
        <Caption1 className={s.muted}>{t('fill.saveHint')}</Caption1>
      </div>

      {budgetEditable && (
        <Collapsible title={t('fill.budget')} level={1}>
          {form.budget.parts.map((part, pi) => (
            <div key={part.label} className={s.budgetPart}>
              <Caption1 className={s.muted}>{part.label}</Caption1>
              <div className={s.budgetGrid}>
                {BUDGET_FIELDS.map((f) => {
                  const key = budgetKey(pi, f);
                  const label = t(`fill.budget.${f}` as MessageKey);
                  return (
                    <Field key={f} label={<Caption1>{label}</Caption1>} size="small">
                      <Input
                        className={s.fill}
                        size="small"
                        inputMode="decimal"
                        aria-label={t('fill.budgetInput', { part: part.label, field: label })}
                        value={drafts.budget[key] ?? moneyText(part[f])}
                        onChange={(_, d) => setDrafts((cur) => withBudgetDraft(cur, formRef.current, key, d.value))}
                      />
                    </Field>
                  );
                })}
              </div>
            </div>
          ))}
        </Collapsible>
      )}
      {groups.map((g1, i1) => (
        <Collapsible key={`${i1}:${g1.level1}`} title={`${g1.level1}（${t('fill.points', { points: g1.weight })}）`} level={1}>
          {g1.groups.map((g2, i2) => (
            <Collapsible key={`${i2}:${g2.level2}`} title={g2.level2 || '—'} level={2}>
              <div className={s.level2}>
                {g2.indices.map((index) => (
                  <IndicatorItem
                    key={index}
                    index={index}
                    row={form.rows[index]}
                    draft={drafts.rows[index]}
                    params={form.params}
                    onChange={onChange}
                  />
                ))}
              </div>
            </Collapsible>
          ))}
        </Collapsible>
      ))}

      <div className={s.saveBar}>
        <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
        <Busy label={busy} />
        <div className={s.saveRow}>
          <Button appearance="primary" onClick={() => void save()} disabled={pending === 0 || busy !== null}>
            {t('fill.save')}
          </Button>
          <Button onClick={() => setDrafts(() => NO_DRAFTS)} disabled={pending === 0 || busy !== null}>
            {t('fill.discard')}
          </Button>
          <Caption1 className={s.muted}>{pending > 0 ? t('fill.pending', { count: pending }) : t('fill.noPending')}</Caption1>
        </div>
      </div>
    </div>
  );
}
