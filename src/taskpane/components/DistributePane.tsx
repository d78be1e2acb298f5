// 下发/汇总: the form on the current sheet as the template, the 单位名单 from a file or pasted, then either 下发 —
// every district's workbook in one .zip (browser) or one district's opened as a new workbook (Excel) — or 汇总 —
// the returned files read and checked one by one, the report, and the 汇总 sheets written into this workbook (Excel)
// or downloaded (browser). Nothing is generated while the 单位名单 has problems, and nothing of the 汇总 is written
// before every file has been read.

import * as React from 'react';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
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
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { templateId, templateStructure, totalWeight } from '../../domain/distribution';
import { consolidationFileName, templateVersion, templateWarnings, timestamp } from '../../sheet/distributionFlow';
import { isBrowserPort, type WorkbookPort } from '../port';
import { useI18n } from '../i18n';
import { fileBytes, saveBytes, ZIP_MIME } from '../state/download';
import {
  addFiles,
  collectReturns,
  consolidation,
  consolidationBytes,
  consolidationTarget,
  ConsolidationWriteError,
  districtFile,
  distributionArchive,
  districtsOf,
  isStaleRun,
  overrideLines,
  readDistrictsFile,
  readPastedDistricts,
  readDistrictsSheet,
  writeConsolidationSheets,
  type DistributionSession,
  type DistributionStep,
} from '../state/distribute';
import { formKey, pickForm, type WorkbookView } from '../state/workbook';
import { CollectReport } from './CollectReport';
import { errorText, FormPicker, NoticeBar, Progress, type Notice } from './common';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden' },
  listBox: {
    maxHeight: '320px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  name: { wordBreak: 'break-all' },
  own: { display: 'flex', flexDirection: 'column', wordBreak: 'break-all' },
  drop: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    minHeight: '56px',
    padding: tokens.spacingHorizontalS,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  files: {
    marginTop: 0,
    marginBottom: 0,
    paddingLeft: '18px',
    maxHeight: '160px',
    overflowY: 'auto',
    wordBreak: 'break-all',
  },
});

export interface DistributePaneProps {
  port: WorkbookPort;
  view: WorkbookView;
  /** the sheet the pane shows (Excel: the active one; browser: the previewed one) */
  currentSheet: string;
  session: DistributionSession;
  setSession: (update: (s: DistributionSession) => DistributionSession) => void;
  refresh: () => Promise<void>;
  /** after the 汇总 sheets were written into the workbook (Excel) */
  onWritten: (sheet: string) => void;
  onGoNew: () => void;
}

type Running = { label: string; value: number };

export function DistributePane({ port, view, currentSheet, session, setSession, refresh, onWritten, onGoNew }: DistributePaneProps) {
  const s = useStyles();
  const { t } = useI18n();
  const browser = isBrowserPort(port);
  const [running, setRunning] = React.useState<Running | null>(null);
  const [sourceNotice, setSourceNotice] = React.useState<Notice | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [writeNotice, setWriteNotice] = React.useState<Notice | null>(null);
  const [confirm, setConfirm] = React.useState<string[] | null>(null);
  const [dropping, setDropping] = React.useState(false);
  const [id, setId] = React.useState<string | null>(null);
  const districtsInput = React.useRef<HTMLInputElement>(null);
  const returnsInput = React.useRef<HTMLInputElement>(null);
  const busy = running !== null;

  const found = pickForm(view.forms, currentSheet, session.templateKey);
  const template = found?.form ?? null;
  const read = React.useMemo(
    () => (template && session.source?.ok ? districtsOf(session.source.table, template) : null),
    [template, session.source],
  );
  const districts = read?.ok ? read.districts : null;
  const warnings = React.useMemo(() => (template ? templateWarnings(template) : []), [template]);
  const version = templateVersion(session.version);
  const chosen = districts?.find((d) => d.name === session.district) ?? districts?.[0] ?? null;
  const run = session.run;
  const stale = !!(run && template && districts && isStaleRun(run, template, districts));

  // The template's id, as the stamps carry it (the clerk can compare it with the 汇总's): computed again only
  // when what makes the template changes, not on every re-read of the workbook.
  const structure = template ? templateStructure(template) : null;
  const templateNow = React.useRef(template);
  templateNow.current = template;
  React.useEffect(() => {
    let live = true;
    setId(null);
    if (structure !== null && templateNow.current) {
      templateId(templateNow.current).then(
        (x) => live && setId(x),
        () => undefined, // no Web Crypto here (an insecure page): the id is only shown, not needed
      );
    }
    return () => {
      live = false;
    };
  }, [structure]);

  const set = (patch: Partial<DistributionSession>): void => setSession((cur) => ({ ...cur, ...patch }));

  const where = (w: string): string => w || t('dist.pasted');

  // A 单位名单 kept in the workbook itself: any sheet that is not a form nor a hidden marker (名单 sheets first).
  const listSheets = React.useMemo(() => {
    const names = view.wb.sheets.map((x) => x.name).filter((n) => !n.startsWith('_') && !view.forms.some((f) => f.sheet === n));
    return [...names.filter((n) => /名单/u.test(n)), ...names.filter((n) => !/名单/u.test(n))];
  }, [view]);
  const [listSheet, setListSheet] = React.useState('');

  const took = (source: DistributionSession['source']): void => {
    set({ source });
    setNotice(null);
    setSourceNotice(source && !source.ok ? { intent: 'error', text: t('dist.readError', { where: where(source.where), error: source.error }) } : null);
  };

  const onDistrictsFile = async (e: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file chosen again is read again
    if (!file) return;
    setRunning({ label: t('dist.reading'), value: 0 });
    try {
      took(await readDistrictsFile(await fileBytes(file), file.name));
    } catch (err) {
      took({ ok: false, where: `「${file.name}」`, error: errorText(err) });
    } finally {
      setRunning(null);
    }
  };

  // ---- 下发 --------------------------------------------------------------------------------------------------

  const canGenerate = !!(template && districts && districts.length > 0 && version !== null && !busy);

  const makeArchive = async (): Promise<void> => {
    if (!template || !districts || version === null) return;
    setNotice(null);
    setRunning({ label: t('dist.generating', { done: 0, total: districts.length, district: districts[0]?.name ?? '' }), value: 0 });
    try {
      const archive = await distributionArchive(template, districts, version, (done, total, district) =>
        setRunning({ label: t('dist.generating', { done, total, district }), value: done / total }),
      );
      setRunning({ label: t('dist.zipping'), value: 1 });
      saveBytes(archive.bytes, archive.fileName, document, ZIP_MIME);
      setNotice({ intent: 'success', text: t('dist.zipDone', { name: archive.fileName, count: archive.files.length }) });
    } catch (err) {
      setNotice({ intent: 'error', text: t('dist.failed', { message: errorText(err) }) });
    } finally {
      setRunning(null);
    }
  };

  const makeOne = async (): Promise<void> => {
    if (!template || !districts || !chosen || version === null) return;
    setNotice(null);
    setRunning({ label: t('dist.makingOne', { district: chosen.name }), value: 0 });
    try {
      const file = await districtFile(template, districts, districts.indexOf(chosen), version);
      if (port.createWorkbook) {
        await port.createWorkbook(file.bytes);
        setNotice({ intent: 'success', text: t('dist.opened', { district: chosen.name, fileName: file.fileName }) });
      } else {
        saveBytes(file.bytes, file.fileName);
        setNotice({ intent: 'success', text: t('dist.downloadedOne', { name: file.fileName }) });
      }
    } catch (err) {
      setNotice({ intent: 'error', text: t('dist.failed', { message: errorText(err) }) });
    } finally {
      setRunning(null);
    }
  };

  // ---- 汇总 ----------------------------------------------------------------------------------------------------

  const addReturned = (files: File[]): void => {
    if (files.length > 0) setSession((cur) => ({ ...cur, returned: addFiles(cur.returned, files) }));
  };

  const collect = async (): Promise<void> => {
    if (!template || !districts || session.returned.length === 0) return;
    setNotice(null);
    setWriteNotice(null);
    setRunning({ label: t('dist.readingFiles'), value: 0 });
    try {
      // Every file is read and assessed before anything can be written.
      const result = await collectReturns(template, districts, session.returned, (done, total, file) =>
        setRunning({ label: t('dist.checking', { done, total, file }), value: done / total }),
      );
      set({ run: { result, template, districts }, templateKey: found ? formKey(found) : null });
    } catch (err) {
      setNotice({ intent: 'error', text: t('dist.collectFailed', { message: errorText(err) }) });
    } finally {
      setRunning(null);
    }
  };

  const write = async (confirmed: boolean): Promise<void> => {
    if (!run || stale) return;
    setWriteNotice(null);
    setRunning({ label: t('dist.writing'), value: 0 });
    try {
      const c = await consolidation(run.result, timestamp());
      if (browser) {
        const name = consolidationFileName(run.result);
        saveBytes(await consolidationBytes(c), name);
        setWriteNotice({ intent: 'success', text: t('dist.downloadedConsolidation', { name }) });
        return;
      }
      const target = consolidationTarget(await port.read(), c);
      if ('stampOf' in target) {
        setWriteNotice({ intent: 'error', text: t('dist.intoReturn', { district: target.stampOf }) });
        return;
      }
      if ('foreign' in target && !confirmed) {
        setConfirm(target.foreign);
        return;
      }
      const sheets = await writeConsolidationSheets(port, c);
      setWriteNotice({ intent: 'success', text: t('dist.written', { sheets: sheets.map((x) => `「${x}」`).join('') }) });
      onWritten(sheets[0]);
      await refresh();
    } catch (err) {
      if (err instanceof ConsolidationWriteError) {
        const written = err.written.map((x) => `「${x}」`).join('') || t('dist.none');
        setWriteNotice({ intent: 'error', text: t('dist.writeFailedPart', { sheet: err.sheet, message: errorText(err.cause), written }) });
        await refresh();
      } else {
        setWriteNotice({ intent: 'error', text: t('dist.writeFailed', { message: errorText(err) }) });
      }
    } finally {
      setRunning(null);
    }
  };

  const dropHandlers = browser
    ? {
        onDragOver: (e: React.DragEvent) => {
          if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) return;
          e.preventDefault();
          if (!dropping) setDropping(true);
        },
        onDragLeave: () => setDropping(false),
        onDrop: (e: React.DragEvent) => {
          e.preventDefault();
          setDropping(false);
          addReturned(Array.from(e.dataTransfer?.files ?? []));
        },
      }
    : null;

  // ---- rendering ------------------------------------------------------------------------------------------------

  if (!found || !template) {
    return (
      <div className={s.root}>
        <Text>{t('dist.noForm')}</Text>
        <div className={s.actions}>
          <Button onClick={onGoNew}>{t('common.goNew')}</Button>
        </div>
      </div>
    );
  }

  const own = districts?.filter((d) => d.overrides.length > 0 || d.budget).length ?? 0;
  const fundsText = (d: NonNullable<typeof districts>[number]): string =>
    d.budget
      ? t('dist.funds', { initial: d.budget.initial ?? '—', annual: d.budget.annual ?? '—' })
      : t('dist.fundsNone');

  return (
    <div className={s.root}>
      <Caption1 className={s.hint}>{t('dist.intro')}</Caption1>

      <section className={s.section} aria-label={t('dist.template')}>
        <Subtitle2>{t('dist.template')}</Subtitle2>
        <FormPicker forms={view.forms} current={found} onPick={(k) => set({ templateKey: k })} />
        <Text data-testid="template-line">
          {t('dist.templateLine', {
            title: template.meta.projectName || template.meta.title,
            year: template.meta.year,
            count: template.rows.length,
            total: Math.round(totalWeight(template) * 100) / 100,
          })}
        </Text>
        {id && <Caption1 className={s.hint}>{t('dist.templateId', { id })}</Caption1>}
        {warnings.length > 0 && <NoticeBar notice={{ intent: 'warning', text: '', lines: warnings }} />}
      </section>

      <section className={s.section} aria-label={t('dist.districts')}>
        <Subtitle2>{t('dist.districts')}</Subtitle2>
        <Caption1 className={s.hint}>{t('dist.districtsHint')}</Caption1>
        <div className={s.actions}>
          <Button onClick={() => districtsInput.current?.click()} disabled={busy}>
            {t('dist.chooseDistricts')}
          </Button>
          <input
            ref={districtsInput}
            className={s.hiddenInput}
            type="file"
            accept=".csv,.txt,.xlsx,.xlsm"
            aria-label={t('dist.districtsFile')}
            tabIndex={-1}
            onChange={(e) => void onDistrictsFile(e)}
          />
        </div>
        {listSheets.length > 0 && (
          <div className={s.actions}>
            <Field label={t('dist.sheetDistricts')}>
              <Select value={listSheet} onChange={(_, d) => setListSheet(d.value)}>
                {listSheets.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            </Field>
            <Button onClick={() => took(readDistrictsSheet(view.wb, listSheet || listSheets[0]))} disabled={busy}>
              {t('dist.readSheet')}
            </Button>
          </div>
        )}
        <Field label={t('dist.pasteDistricts')}>
          <Textarea
            value={session.pasteText}
            placeholder={t('dist.pastePlaceholder')}
            onChange={(_, d) => set({ pasteText: d.value })}
            resize="vertical"
            rows={3}
          />
        </Field>
        <div className={s.actions}>
          <Button onClick={() => took(readPastedDistricts(session.pasteText))} disabled={session.pasteText.trim() === '' || busy}>
            {t('dist.readPaste')}
          </Button>
        </div>
        <NoticeBar notice={sourceNotice} />
        {read && !read.ok && session.source?.ok && (
          <NoticeBar
            notice={{
              intent: 'error',
              title: t('dist.problems', { where: where(session.source.table.where) }),
              text: t('dist.problemsNote'),
              lines: read.problems,
            }}
          />
        )}
        {districts && session.source?.ok && (
          <>
            <Text data-testid="district-count">
              {t('dist.districtCount', { where: where(session.source.table.where), count: districts.length, own })}
            </Text>
            <div className={s.listBox}>
              <Table size="extra-small" aria-label={t('dist.districtList')}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('dist.colDistrict')}</TableHeaderCell>
                    <TableHeaderCell>{t('dist.colOwn')}</TableHeaderCell>
                    <TableHeaderCell>{t('dist.colFunds')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {districts.map((d) => {
                    const lines = overrideLines(template, d);
                    return (
                      <TableRow key={d.name} data-district={d.name}>
                        <TableCell className={s.name}>{d.name}</TableCell>
                        <TableCell>
                          <div className={s.own}>
                            {lines.length === 0 && <Caption1 className={s.hint}>{t('dist.ownNone')}</Caption1>}
                            {lines.flatMap((l, k) => [
                              ...(l.target ? [<Caption1 key={`t${k}`}>{t('dist.ownTarget', { level3: l.level3, ...l.target })}</Caption1>] : []),
                              ...(l.weight ? [<Caption1 key={`w${k}`}>{t('dist.ownWeight', { level3: l.level3, ...l.weight })}</Caption1>] : []),
                            ])}
                          </div>
                        </TableCell>
                        <TableCell>
                          <Caption1>{fundsText(d)}</Caption1>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          </>
        )}
      </section>

      <Field label={t('dist.step')}>
        <RadioGroup value={session.step} layout="horizontal" onChange={(_, d) => set({ step: d.value as DistributionStep })}>
          <Radio value="distribute" label={t('dist.step.distribute')} />
          <Radio value="collect" label={t('dist.step.collect')} />
        </RadioGroup>
      </Field>

      {session.step === 'distribute' ? (
        <section className={s.section} aria-label={t('dist.step.distribute')}>
          <Field
            label={t('dist.version')}
            validationState={version === null ? 'error' : 'none'}
            validationMessage={version === null ? t('dist.versionBad') : undefined}
          >
            <Input value={session.version} onChange={(_, d) => set({ version: d.value })} />
          </Field>
          {browser && (
            <>
              <div className={s.actions}>
                <Button appearance="primary" onClick={() => void makeArchive()} disabled={!canGenerate}>
                  {t('dist.zip')}
                </Button>
              </div>
              <Caption1 className={s.hint}>{t('dist.zipHint')}</Caption1>
            </>
          )}
          <Field label={t('dist.district')}>
            <Select value={chosen?.name ?? ''} onChange={(_, d) => set({ district: d.value })} disabled={!districts || districts.length === 0}>
              {(districts ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className={s.actions}>
            <Button appearance={browser ? 'secondary' : 'primary'} onClick={() => void makeOne()} disabled={!canGenerate || !chosen}>
              {port.createWorkbook ? t('dist.openInExcel') : t('dist.downloadOne')}
            </Button>
          </div>
          {!browser && <Caption1 className={s.hint}>{t('dist.excelHint')}</Caption1>}
          <Progress label={running?.label ?? null} value={running?.value ?? 0} />
          <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
        </section>
      ) : (
        <section className={s.section} aria-label={t('dist.step.collect')}>
          <Caption1 className={s.hint}>{t('dist.collectHint')}</Caption1>
          <div className={s.actions}>
            <Button onClick={() => returnsInput.current?.click()} disabled={busy}>
              {t('dist.chooseReturns')}
            </Button>
            <input
              ref={returnsInput}
              className={s.hiddenInput}
              type="file"
              multiple
              accept=".xlsx,.xlsm,.xls,.et,.zip"
              aria-label={t('dist.returnsFile')}
              tabIndex={-1}
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                addReturned(files);
              }}
            />
          </div>
          {dropHandlers && (
            <div className={mergeClasses(s.drop, dropping && s.dropActive)} data-drop-zone="returns" data-testid="returns-drop" {...dropHandlers}>
              {t('dist.dropReturns')}
            </div>
          )}
          {session.returned.length > 0 && (
            <>
              <div className={s.actions}>
                <Text data-testid="returns-count">{t('dist.returnsCount', { count: session.returned.length })}</Text>
                <Button size="small" onClick={() => set({ returned: [] })} disabled={busy}>
                  {t('dist.clearReturns')}
                </Button>
              </div>
              <ul className={s.files} aria-label={t('dist.returnsList')}>
                {session.returned.map((f, i) => (
                  <li key={`${i}:${f.name}`}>{f.name}</li>
                ))}
              </ul>
            </>
          )}
          <div className={s.actions}>
            <Button appearance="primary" onClick={() => void collect()} disabled={busy || !districts || districts.length === 0 || session.returned.length === 0}>
              {t('dist.collect')}
            </Button>
          </div>
          {!districts && <Caption1 className={s.hint}>{t('dist.collectNeeds')}</Caption1>}
          <Progress label={running?.label ?? null} value={running?.value ?? 0} />
          <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
          {run && (
            <section className={s.section} aria-label={t('dist.step.collect')} data-testid="collect-report">
              {stale && <NoticeBar notice={{ intent: 'warning', text: t('dist.stale') }} />}
              <div className={s.actions}>
                <Button appearance="primary" onClick={() => void write(false)} disabled={busy || stale}>
                  {browser ? t('dist.downloadConsolidation') : t('dist.writeSheets')}
                </Button>
              </div>
              <Caption1 className={s.hint}>{browser ? t('dist.downloadHint') : t('dist.writeHint')}</Caption1>
              <NoticeBar notice={writeNotice} onDismiss={() => setWriteNotice(null)} />
              <CollectReport result={run.result} />
            </section>
          )}
        </section>
      )}

      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('dist.confirmTitle')}</DialogTitle>
            <DialogContent>{t('dist.confirmForeign', { sheets: (confirm ?? []).map((x) => `「${x}」`).join('') })}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                appearance="primary"
                onClick={() => {
                  setConfirm(null);
                  void write(true);
                }}
              >
                {t('dist.replace')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
