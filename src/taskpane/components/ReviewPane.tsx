// 审核: review the tables of the current sheet or of the whole workbook — this product's forms and hand-made ones —
// under a rule profile; list the findings by severity with 定位, the rows whose score differs from the rules, and
// offer two additions: a 审核意见 sheet, and converting a hand-made table into a live form. Nothing here writes to
// a reviewed sheet: the tab reads, selects cells, and inserts new sheets only.

import * as React from 'react';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Radio,
  RadioGroup,
  Select,
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
import { CHECKS, type Finding, type Severity } from '../../domain/review';
import { PROFILES, profileById } from '../../domain/rules';
import { findTables } from '../../sheet/findTables';
import { isBrowserPort, type WorkbookPort } from '../port';
import { profileText, useI18n, type MessageKey } from '../i18n';
import { pointsText } from '../state/results';
import {
  allFindings,
  convertPlan,
  countBySeverity,
  differingRows,
  findingTarget,
  groupBySeverity,
  isStale,
  reviewSheetPlan,
  runReview,
  SEVERITIES,
  tableKey,
  todayText,
  type ReviewRun,
  type ReviewScope,
  type TableReview,
} from '../state/review';
import type { WorkbookView } from '../state/workbook';
import { Busy, errorText, NoticeBar, type Notice } from './common';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  table: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `2px solid ${tokens.colorNeutralStroke1}`,
  },
  tableHead: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' },
  groupTitle: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: {
    listStyleType: 'none',
    paddingLeft: 0,
    marginTop: 0,
    marginBottom: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'start',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  itemText: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, wordBreak: 'break-all' },
  muted: { color: tokens.colorNeutralForeground3 },
  num: { textAlign: 'right', width: '72px', whiteSpace: 'nowrap' },
  rowNum: { width: '40px', whiteSpace: 'nowrap' },
  name: { wordBreak: 'break-all' },
});

const SEVERITY_KEY: Record<Severity, MessageKey> = {
  错误: 'review.severity.error',
  警告: 'review.severity.warning',
  提示: 'review.severity.note',
};
const SEVERITY_COLOR: Record<Severity, BadgeProps['color']> = { 错误: 'danger', 警告: 'warning', 提示: 'informative' };

/** What the tab remembers while the person looks at other tabs (kept by App). */
export interface ReviewSession {
  scope: ReviewScope;
  profileId: string;
  run: ReviewRun | null;
}

export const NEW_REVIEW_SESSION: ReviewSession = { scope: 'sheet', profileId: PROFILES[0].id, run: null };

export interface ReviewPaneProps {
  port: WorkbookPort;
  view: WorkbookView;
  /** the sheet the pane shows (browser: the previewed one) */
  currentSheet: string;
  session: ReviewSession;
  setSession: (update: (s: ReviewSession) => ReviewSession) => void;
  refresh: () => Promise<void>;
  /** after a sheet was added (审核意见 or a converted form) */
  onInserted: (sheet: string) => void;
  onLocate: (at: { sheet: string; row: number; col: number }) => void;
  /** go to 填报 for a converted form */
  onGoFill: (sheet: string) => void;
}

export function ReviewPane({ port, view, currentSheet, session, setSession, refresh, onInserted, onLocate, onGoFill }: ReviewPaneProps) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const [busy, setBusy] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [converted, setConverted] = React.useState<string | null>(null);
  const { scope, profileId, run } = session;
  const stale = React.useMemo(() => (run ? isStale(run, view.wb) : false), [run, view.wb]);
  const findings = React.useMemo(() => (run ? allFindings(run) : []), [run]);

  const start = async (): Promise<void> => {
    setBusy(t('review.running'));
    setNotice(null);
    setConverted(null);
    try {
      const wb = await port.read();
      // In Excel the sheet in front is asked for now (the pane is not told when another sheet is activated).
      const sheet = isBrowserPort(port) ? currentSheet : await port.activeSheet();
      const next = runReview(wb, scope, sheet, profileId);
      setSession((cur) => ({ ...cur, run: next }));
    } catch (err) {
      setNotice({ intent: 'error', text: t('review.failed', { message: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const writeSheet = async (): Promise<void> => {
    if (!run) return;
    setBusy(t('review.writing'));
    setNotice(null);
    setConverted(null);
    try {
      const wb = await port.read();
      const plan = reviewSheetPlan(wb, run, { fileName: isBrowserPort(port) ? port.fileName : '', date: todayText() });
      await port.insertPlan(plan, { replace: false });
      setNotice({ intent: 'success', text: t('review.written', { sheet: plan.sheetName, count: findings.length }) });
      onInserted(plan.sheetName);
      await refresh();
    } catch (err) {
      setNotice({ intent: 'error', text: t('review.writeFailed', { message: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const convert = async (tr: TableReview): Promise<void> => {
    setBusy(t('review.converting'));
    setNotice(null);
    setConverted(null);
    try {
      // Names are chosen on the workbook as it is now; the table too, should it have changed since the review.
      const wb = await port.read();
      const table = findTables(wb).find((x) => tableKey(x) === tr.key && !x.ours) ?? tr.table;
      const { plan, rows } = convertPlan(wb, table, run?.profileId ?? profileId);
      await port.insertPlan(plan, { replace: false });
      setConverted(plan.sheetName);
      setNotice({ intent: 'success', text: t('review.converted', { sheet: plan.sheetName, count: rows }) });
      onInserted(plan.sheetName);
      await refresh();
    } catch (err) {
      setNotice({ intent: 'error', text: t('review.convertFailed', { message: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const sev = (x: Severity): string => t(SEVERITY_KEY[x]);
  const profileShown = profileText(lang, profileById(profileId));

  const findingItem = (f: Finding, i: number) => {
    const check = lang === 'en' ? CHECKS[f.id].en : CHECKS[f.id].zh;
    const message = lang === 'en' ? f.message.en : f.message.zh;
    const fix = f.fix ? (lang === 'en' ? f.fix.en : f.fix.zh) : '';
    const at = findingTarget(f);
    return (
      <li key={i} className={s.item} data-finding={f.id} data-cell={`${f.sheet}!${f.cell}`}>
        <div className={s.itemText}>
          <div>
            <Text weight="semibold">{check}</Text> <Caption1 className={s.muted}>{`${f.sheet}!${f.cell}`}</Caption1>
          </div>
          <Text>{message}</Text>
          {fix && <Caption1>{t('review.fix', { fix })}</Caption1>}
        </div>
        {at && (
          <Button size="small" onClick={() => onLocate(at)} aria-label={t('review.locateLabel', { sheet: f.sheet, cell: f.cell, check })}>
            {t('review.locate')}
          </Button>
        )}
      </li>
    );
  };

  const tableSection = (tr: TableReview) => {
    const { table, result } = tr;
    const counts = countBySeverity(result.findings);
    const groups = groupBySeverity(result.findings);
    const differ = differingRows(result.rows);
    const label = t('review.tableLabel', { sheet: table.sheet, anchor: table.anchor });
    return (
      <section key={tr.key} className={s.table} aria-label={label} data-table={tr.key}>
        <div className={s.tableHead}>
          <Subtitle2>{t('review.tableTitle', { sheet: table.sheet, anchor: table.anchor })}</Subtitle2>
          {(table.meta.projectName || table.meta.title) && <Text className={s.name}>{table.meta.projectName || table.meta.title}</Text>}
          <div className={s.badges}>
            <Badge appearance="outline" color={table.ours ? 'brand' : 'subtle'} data-testid="table-kind">
              {table.ours ? t('review.ours') : t('review.hand')}
            </Badge>
            <Caption1 className={s.muted}>{t('review.rows', { count: table.rows.length })}</Caption1>
          </div>
          <div className={s.badges} data-testid="table-counts">
            {SEVERITIES.map((x) => (
              <Badge key={x} appearance={counts[x] > 0 ? 'filled' : 'ghost'} color={SEVERITY_COLOR[x]} data-severity={x}>
                {t('review.countBadge', { severity: sev(x), count: counts[x] })}
              </Badge>
            ))}
          </div>
        </div>

        {groups.length === 0 ? (
          <Text>{t('review.clean')}</Text>
        ) : (
          groups.map((g) => {
            const name = t('review.group', { severity: sev(g.severity), count: g.findings.length });
            return (
              <div key={g.severity} className={s.section} data-severity-group={g.severity}>
                <div className={s.groupTitle}>
                  <Text weight="semibold">{sev(g.severity)}</Text>
                  <Badge color={SEVERITY_COLOR[g.severity]} shape="rounded">
                    {g.findings.length}
                  </Badge>
                </div>
                <ul className={s.list} aria-label={name}>
                  {g.findings.map(findingItem)}
                </ul>
              </div>
            );
          })
        )}

        {differ.length > 0 && (
          <div className={s.section}>
            <Text weight="semibold">{t('review.verdicts')}</Text>
            <Caption1 className={s.muted}>{t('review.verdictsNote')}</Caption1>
            <Table size="extra-small" aria-label={`${t('review.verdicts')} · ${label}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={s.rowNum}>{t('review.colRow')}</TableHeaderCell>
                  <TableHeaderCell>{t('review.colIndicator')}</TableHeaderCell>
                  <TableHeaderCell className={s.num}>{t('review.colShould')}</TableHeaderCell>
                  <TableHeaderCell className={s.num}>{t('review.colHas')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {differ.map((v) => (
                  <TableRow key={v.sheetRow} data-row={v.sheetRow}>
                    <TableCell className={s.rowNum}>{v.sheetRow}</TableCell>
                    <TableCell className={s.name}>{v.level3}</TableCell>
                    <TableCell className={s.num}>{pointsText(v.should as number)}</TableCell>
                    <TableCell className={s.num}>{pointsText(v.has as number)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}

        {!table.ours && (
          <div className={s.section}>
            <div className={s.actions}>
              <Button
                onClick={() => void convert(tr)}
                disabled={busy !== null}
                aria-label={t('review.convertLabel', { sheet: table.sheet, anchor: table.anchor })}
              >
                {t('review.convert')}
              </Button>
            </div>
          </div>
        )}
      </section>
    );
  };

  const hasHand = !!run?.tables.some((x) => !x.table.ours);
  const total = countBySeverity(findings);

  return (
    <div className={s.root}>
      <Caption1 className={s.hint}>{t('review.intro')}</Caption1>
      <section className={s.section}>
        <Field label={t('review.scope')}>
          <RadioGroup value={scope} layout="horizontal" onChange={(_, d) => setSession((cur) => ({ ...cur, scope: d.value as ReviewScope }))}>
            <Radio value="sheet" label={t('review.scope.sheet')} />
            <Radio value="workbook" label={t('review.scope.workbook')} />
          </RadioGroup>
        </Field>
        <Field label={t('review.profile')} hint={profileShown.description}>
          <Select value={profileId} onChange={(_, d) => setSession((cur) => ({ ...cur, profileId: d.value }))}>
            {PROFILES.map((p) => (
              <option key={p.id} value={p.id}>
                {profileText(lang, p).name}
              </option>
            ))}
          </Select>
        </Field>
        <div className={s.actions}>
          <Button appearance="primary" onClick={() => void start()} disabled={busy !== null}>
            {t('review.run')}
          </Button>
        </div>
      </section>
      <Busy label={busy} />
      <NoticeBar
        notice={notice}
        onDismiss={() => setNotice(null)}
        action={
          notice?.intent === 'success' && converted ? (
            <Button size="small" onClick={() => onGoFill(converted)}>
              {t('review.goFill')}
            </Button>
          ) : undefined
        }
      />

      {run && (
        <section className={s.section} aria-label={t('tab.review')} data-testid="review-results">
          {run.tables.length === 0 ? (
            <NoticeBar
              notice={{
                intent: 'info',
                text: run.scope === 'sheet' ? t('review.noTableSheet', { sheet: run.sheet }) : t('review.noTableWorkbook'),
              }}
            />
          ) : (
            <>
              <Text data-testid="review-summary">
                {t('review.summary', {
                  scope: run.scope === 'sheet' ? t('review.scopeSheet', { sheet: run.sheet }) : t('review.scopeWorkbook'),
                  tables: run.tables.length,
                  profile: profileText(lang, profileById(run.profileId)).name,
                })}
              </Text>
              <div className={s.badges} data-testid="review-counts">
                {SEVERITIES.map((x) => (
                  <Badge key={x} size="large" appearance={total[x] > 0 ? 'filled' : 'ghost'} color={SEVERITY_COLOR[x]} data-severity={x}>
                    {t('review.countBadge', { severity: sev(x), count: total[x] })}
                  </Badge>
                ))}
              </div>
              {stale && (
                <NoticeBar
                  notice={{ intent: 'warning', text: t('review.stale') }}
                  action={
                    <Button size="small" onClick={() => void start()} disabled={busy !== null}>
                      {t('review.rerun')}
                    </Button>
                  }
                />
              )}
              <div className={s.section}>
                <div className={s.actions}>
                  <Button onClick={() => void writeSheet()} disabled={busy !== null}>
                    {t('review.writeSheet')}
                  </Button>
                </div>
                <Caption1 className={s.hint}>{t('review.writeHint')}</Caption1>
                {hasHand && <Caption1 className={s.hint}>{t('review.convertHint')}</Caption1>}
              </div>
              {run.tables.map(tableSection)}
            </>
          )}
        </section>
      )}
    </div>
  );
}
