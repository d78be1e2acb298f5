// 结果: total, grade, subtotals per 一级, budget execution and the rows that need attention — computed by the
// domain (scoreForm, proven equal to the sheet's formulas) from the cells as they are in the sheet.

import * as React from 'react';
import {
  Badge,
  Button,
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import type { FormResult, Grade } from '../../domain/rules';
import type { FoundForm } from '../../sheet/readback';
import { gradeKey, useI18n, type MessageKey } from '../i18n';
import { flagsOf, percentText, pointsText, unfilledCount, type Flag, type FlagKind } from '../state/results';
import { numberText } from '../state/preview';
import { NoticeBar } from './common';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  totalBox: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  totalNumber: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  num: { textAlign: 'right', width: '96px', whiteSpace: 'nowrap' },
  flagList: { listStyleType: 'none', paddingLeft: 0, marginTop: 0, marginBottom: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  flag: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'start',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  flagText: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, wordBreak: 'break-all' },
});

const GRADE_COLOR: Record<Grade, BadgeProps['color']> = { 优: 'success', 良: 'brand', 中: 'warning', 差: 'danger' };
const FLAG_COLOR: Record<FlagKind, BadgeProps['color']> = {
  below: 'warning',
  over: 'informative',
  missingReason: 'danger',
  cannotCompute: 'danger',
  noBudget: 'warning',
  clamped: 'warning',
};

export interface ResultsPaneProps {
  found: FoundForm;
  result: FormResult;
  pending: number;
  onLocate: (flag: Flag) => void;
}

export function ResultsPane({ found, result, pending, onLocate }: ResultsPaneProps) {
  const s = useStyles();
  const { t } = useI18n();
  const flags = flagsOf(found, result);
  const unfilled = unfilledCount(result);
  const rescaled = found.form.params.naRescale && result.rows.some((r) => r.status === '不适用');
  const uncapped = Math.round((rescaled ? (result.rawScore / result.applicableWeight) * 100 : result.rawScore) * 100) / 100;
  const capped = found.form.params.capByExecution && result.total < uncapped - 1e-9;
  const b = result.budget;

  const flagNote = (f: Flag): string => {
    if (f.kind === 'missingReason') return t('results.missingReasonNote');
    if (f.kind === 'noBudget') return t('results.noBudgetNote');
    if (f.kind === 'clamped') return t('results.clampedNote');
    return f.note;
  };

  return (
    <div className={s.root}>
      <section aria-label={t('results.total')}>
        <div className={s.totalBox}>
          <Text>{t('results.total')}</Text>
          <Text className={s.totalNumber} data-testid="total">
            {pointsText(result.total)}
          </Text>
          <Text>{t('results.grade')}</Text>
          <Badge size="large" color={GRADE_COLOR[result.grade]} data-testid="grade">
            {t(gradeKey(result.grade))}
          </Badge>
        </div>
        <Caption1 className={s.muted}>{t('results.oracle')}</Caption1>
        {rescaled && <Caption1 block>{t('results.rescaled')}</Caption1>}
        {capped && <Caption1 block>{t('results.capped')}</Caption1>}
      </section>
      {pending > 0 && <NoticeBar notice={{ intent: 'warning', text: t('results.pending', { count: pending }) }} />}
      {unfilled > 0 && <NoticeBar notice={{ intent: 'info', text: t('results.unfilled', { count: unfilled }) }} />}

      <section>
        <Subtitle2>{t('results.flags')}</Subtitle2>
        {flags.length === 0 ? (
          <Text block>{t('results.noFlags')}</Text>
        ) : (
          <ul className={s.flagList} aria-label={t('results.flags')}>
            {flags.map((f, i) => {
              const label = t(`results.flag.${f.kind}` as MessageKey);
              const name = f.index >= 0 ? f.level3 : t('fill.budget');
              return (
                <li key={i} className={s.flag} data-flag={f.kind}>
                  <div className={s.flagText}>
                    <div>
                      <Badge appearance="tint" color={FLAG_COLOR[f.kind]} shape="rounded">
                        {label}
                      </Badge>{' '}
                      <Text weight="semibold">{name}</Text>
                    </div>
                    {flagNote(f) && <Caption1 className={s.muted}>{flagNote(f)}</Caption1>}
                  </div>
                  <Button size="small" onClick={() => onLocate(f)} aria-label={t('results.locateLabel', { name, flag: label })}>
                    {t('results.locate')}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section>
        <Subtitle2>{t('results.subtotals')}</Subtitle2>
        <Table size="small" aria-label={t('results.subtotals')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('results.colLevel1')}</TableHeaderCell>
              <TableHeaderCell className={s.num}>{t('results.colWeight')}</TableHeaderCell>
              <TableHeaderCell className={s.num}>{t('results.colScore')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.subtotals.map((st) => (
              <TableRow key={st.level1}>
                <TableCell>{st.level1}</TableCell>
                <TableCell className={s.num}>{pointsText(st.weight)}</TableCell>
                <TableCell className={s.num}>{pointsText(st.score)}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell>{t('results.budgetRow')}</TableCell>
              <TableCell className={s.num}>{pointsText(b.weight)}</TableCell>
              <TableCell className={s.num}>{pointsText(b.score)}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </section>

      <section>
        <Subtitle2>{t('results.budget')}</Subtitle2>
        <Table size="small" aria-label={t('results.budget')}>
          <TableBody>
            <TableRow>
              <TableCell>{t('results.budgetAnnual')}</TableCell>
              <TableCell className={s.num}>{b.annual === null ? '—' : numberText(b.annual, '#,##0.00')}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>{t('results.budgetExecuted')}</TableCell>
              <TableCell className={s.num}>{b.executed === null ? '—' : numberText(b.executed, '#,##0.00')}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>{t('results.budgetRate')}</TableCell>
              <TableCell className={s.num} data-testid="budget-rate">
                {percentText(b.rate)}
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell>{t('results.budgetScore')}</TableCell>
              <TableCell className={s.num}>
                {pointsText(b.score)} / {pointsText(b.weight)}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
