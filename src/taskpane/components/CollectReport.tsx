// 汇总's report in the pane: the counts, the districts ranked, and every file with what became of it — used or not
// and why (the reasons are the core's Chinese sentences), the protected cells found changed (cell, what it should
// be, what it is), targets retyped, and the 审核 counts.

import * as React from 'react';
import {
  Badge,
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
import type { CollectResult, DistrictReturn, DistrictState, FileOutcome, FileReport } from '../../sheet/collect';
import { collectCounts } from '../../sheet/distributionFlow';
import { gradeKey, useI18n, type MessageKey } from '../i18n';
import { pointsText } from '../state/results';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyleType: 'none',
    paddingLeft: 0,
    marginTop: 0,
    marginBottom: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  file: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    wordBreak: 'break-all',
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  changes: { marginTop: 0, marginBottom: 0, paddingLeft: '18px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  reason: { color: tokens.colorPaletteRedForeground1 },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  rank: { width: '40px', whiteSpace: 'nowrap' },
  name: { wordBreak: 'break-all' },
});

const OUTCOME: Record<FileOutcome, { key: MessageKey; color: BadgeProps['color'] }> = {
  已采用: { key: 'dist.outcome.used', color: 'success' },
  未采用: { key: 'dist.outcome.rejected', color: 'danger' },
  已跳过: { key: 'dist.outcome.skipped', color: 'subtle' },
};

const STATE: Record<DistrictState, MessageKey> = {
  已报送: 'dist.state.reported',
  未报送: 'dist.state.missing',
  重复报送: 'dist.state.duplicate',
  未采用: 'dist.state.rejected',
};

/** Ranked districts first (best total first), then the others in the list's order. */
export function rankingOrder(districts: DistrictReturn[]): DistrictReturn[] {
  const ranked = districts.filter((d) => d.rank !== null).sort((a, b) => (a.rank as number) - (b.rank as number));
  return [...ranked, ...districts.filter((d) => d.rank === null)];
}

export function CollectReport({ result }: { result: CollectResult }) {
  const s = useStyles();
  const { t } = useI18n();
  const c = collectCounts(result);
  const rankOf = new Map(result.districts.filter((d) => d.file).map((d) => [d.file as FileReport, d.rank]));

  const check = (d: DistrictReturn): string => {
    if (d.state !== '已报送') return t(STATE[d.state]);
    const tamper = d.file?.tamper;
    return tamper?.status === '已改动' ? t('dist.tamperShort', { count: tamper.report?.total ?? 0 }) : t(STATE[d.state]);
  };

  const fileItem = (f: FileReport, i: number) => {
    const o = OUTCOME[f.outcome];
    const score = f.score?.result;
    const rank = rankOf.get(f);
    const tamper = f.tamper;
    const changes = tamper?.report?.changes ?? [];
    const more = (tamper?.report?.total ?? 0) - changes.length;
    return (
      <li key={`${i}:${f.file}`} className={s.file} data-file={f.file} data-outcome={f.outcome}>
        <div className={s.head}>
          <Text weight="semibold">{f.file}</Text>
          <Badge appearance="filled" color={o.color} data-testid="outcome">
            {t(o.key)}
          </Badge>
        </div>
        {f.district && <Caption1>{t('dist.fileDistrict', { district: f.district })}</Caption1>}
        {f.reason && (
          <Text className={f.outcome === '未采用' ? s.reason : s.muted} data-testid="reason">
            {f.reason}
          </Text>
        )}
        {f.outcome === '已采用' && score && (
          <Text>
            {t('dist.fileTotal', { total: pointsText(score.total), grade: t(gradeKey(score.grade)), rank: rank ?? '—' })}
          </Text>
        )}
        {f.review && (
          <Caption1 data-testid="review-counts">
            {t('dist.fileReview', { errors: f.review.errors, warnings: f.review.warnings, hints: f.review.hints })}
          </Caption1>
        )}
        {tamper && (
          <Text weight={tamper.status === '已改动' ? 'semibold' : 'regular'} className={tamper.status === '已改动' ? s.reason : undefined} data-testid="tamper">
            {tamper.status === '已改动' ? t('dist.tamper.changed', { count: tamper.report?.total ?? 0 }) : t('dist.tamper.none')}
          </Text>
        )}
        {changes.length > 0 && (
          <ul className={s.changes} aria-label={t('dist.tamperList', { file: f.file })}>
            {changes.map((ch, k) => (
              <li key={k} data-address={ch.address}>
                <Text>{ch.message}</Text>
                <br />
                <Caption1 className={s.muted}>{t('dist.expectedFound', { expected: ch.expected || '—', found: ch.found || '—' })}</Caption1>
              </li>
            ))}
          </ul>
        )}
        {more > 0 && <Caption1>{t('dist.tamperMore', { count: more })}</Caption1>}
        {f.targetChanges.map((tc, k) => (
          <Caption1 key={`tc${k}`}>
            {t('dist.targetChange', { row: tc.sheetRow, level3: tc.level3, expected: tc.expected, found: tc.found })}
          </Caption1>
        ))}
        {f.notes
          .filter((n) => !(f.targetChanges.length > 0 && /指标性质、目标数值或度量单位被改动/.test(n)))
          .map((n, k) => (
            <Caption1 key={`n${k}`} className={s.muted}>
              {n}
            </Caption1>
          ))}
      </li>
    );
  };

  return (
    <>
      <Text data-testid="collect-summary">
        {t('dist.summaryDistricts', { districts: c.districts, reported: c.reported, missing: c.missing, duplicated: c.duplicated, notUsed: c.notUsed })}{' '}
        {t('dist.summaryFiles', { files: c.files, used: c.filesUsed, rejected: c.filesRejected, skipped: c.filesSkipped })}
      </Text>

      <section className={s.section} aria-label={t('dist.ranking')}>
        <Subtitle2>{t('dist.ranking')}</Subtitle2>
        <Table size="extra-small" aria-label={t('dist.ranking')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={s.rank}>{t('dist.colRank')}</TableHeaderCell>
              <TableHeaderCell>{t('dist.colDistrict')}</TableHeaderCell>
              <TableHeaderCell className={s.num}>{t('dist.colTotal')}</TableHeaderCell>
              <TableHeaderCell>{t('dist.colGrade')}</TableHeaderCell>
              <TableHeaderCell>{t('dist.colCheck')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rankingOrder(result.districts).map((d) => {
              const r = d.file?.score?.result;
              return (
                <TableRow key={d.district.name} data-district={d.district.name} data-state={d.state}>
                  <TableCell className={s.rank}>{d.rank ?? '—'}</TableCell>
                  <TableCell className={s.name}>{d.district.name}</TableCell>
                  <TableCell className={s.num}>{r ? pointsText(r.total) : '—'}</TableCell>
                  <TableCell>{r ? t(gradeKey(r.grade)) : '—'}</TableCell>
                  <TableCell>{check(d)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </section>

      <section className={s.section} aria-label={t('dist.files')}>
        <Subtitle2>{t('dist.files')}</Subtitle2>
        <ul className={s.list} aria-label={t('dist.files')}>
          {result.files.map(fileItem)}
        </ul>
      </section>
    </>
  );
}
