// 新建: header fields, rule profile, where the indicators come from, how each target reads — then one insert.

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
import type { StandardId } from '../../domain/form';
import { PROFILES, profileById } from '../../domain/rules';
import { newMeta } from '../../domain/standards';
import { defaultSheetName, planForm } from '../../sheet/layout';
import type { WorkbookPort } from '../port';
import { profileText, useI18n, type MessageKey } from '../i18n';
import { fileBytes } from '../state/download';
import {
  buildForm,
  checkInput,
  checkSheetName,
  exampleHeader,
  existingSheetName,
  freePrefix,
  freeSheetName,
  prefixFor,
  readPastedTable,
  readTableFile,
  sheetState,
  targetPreview,
  weightSum,
  type HeaderFields,
  type ImportedTable,
  type IndicatorSource,
  type TableResult,
} from '../state/newForm';
import type { WorkbookView } from '../state/workbook';
import { Busy, errorText, NoticeBar, type Notice } from './common';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row2: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
  fileRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden' },
  previewBox: {
    maxHeight: '360px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  invalid: { backgroundColor: tokens.colorPaletteRedBackground1 },
  invalidText: { color: tokens.colorPaletteRedForeground1 },
  blank: { color: tokens.colorNeutralForeground4 },
  nameCell: { wordBreak: 'break-all' },
  weightCell: { width: '44px', textAlign: 'right' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export interface NewFormPaneProps {
  port: WorkbookPort;
  view: WorkbookView;
  refresh: () => Promise<void>;
  /** after a sheet was inserted (replaced = an existing sheet was overwritten) */
  onInserted: (sheet: string, replaced: boolean) => void;
  /** go to 填报 for the sheet just inserted */
  onGoFill: (sheet: string) => void;
}

type Confirm = { sheet: string; filled: boolean };

function blankHeader(): HeaderFields {
  return { projectName: '', unit: '', department: '', year: newMeta('project').year };
}

export function NewFormPane({ port, view, refresh, onInserted, onGoFill }: NewFormPaneProps) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const [standard, setStandard] = React.useState<StandardId>('project');
  const [header, setHeader] = React.useState<HeaderFields>(blankHeader);
  const [profileId, setProfileId] = React.useState(PROFILES[0].id);
  const [source, setSource] = React.useState<IndicatorSource>('template');
  const [table, setTable] = React.useState<ImportedTable | null>(null);
  const [tableNotice, setTableNotice] = React.useState<Notice | null>(null);
  const [pasteText, setPasteText] = React.useState('');
  const [sheetNameTyped, setSheetNameTyped] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [insertedSheet, setInsertedSheet] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [confirm, setConfirm] = React.useState<Confirm | null>(null);
  const fileInput = React.useRef<HTMLInputElement>(null);

  const effectiveStandard: StandardId = source === 'example' ? 'department' : standard;
  const input = React.useMemo(
    () => ({ standard: effectiveStandard, header, profileId, source, table }),
    [effectiveStandard, header, profileId, source, table],
  );
  const form = React.useMemo(() => buildForm(input), [input]);
  const preview = React.useMemo(() => targetPreview(form.rows), [form]);
  const weights = weightSum(form);
  const unreadable = preview.filter((p) => p.state === 'invalid').length;
  const sheetNames = view.wb.sheets.map((x) => x.name);
  const autoName = freeSheetName(defaultSheetName(form), sheetNames);
  const sheetName = sheetNameTyped ?? autoName;
  const sheetProblem = checkSheetName(sheetName);
  const willReplace = sheetNameTyped !== null && sheetState(view.wb, sheetName) !== 'absent';
  const profile = profileById(profileId);
  const profileShown = profileText(lang, profile);
  const nameLabel = effectiveStandard === 'project' ? t('new.projectName') : t('new.departmentName');
  const showTable = source === 'table';
  const inputProblem = checkInput(input);

  const chooseSource = (next: IndicatorSource): void => {
    if (next === source) return;
    const wasExample = JSON.stringify(header) === JSON.stringify(exampleHeader());
    if (next === 'example') setHeader(exampleHeader());
    else if (source === 'example' && wasExample) setHeader(blankHeader());
    setSource(next);
    setNotice(null);
  };

  const tookTable = (result: TableResult, shownWhere: string): void => {
    if (!result.ok) {
      setTable(null);
      const where = result.where || t('new.pasted');
      setTableNotice({ intent: 'error', text: result.complete ? result.error : t('new.readError', { where, error: result.error }) });
      return;
    }
    setTable(result.table);
    // Header fields written above the table fill the ones still empty.
    setHeader((h) => ({
      projectName: h.projectName || result.table.meta.projectName || '',
      unit: h.unit || result.table.meta.unit || '',
      department: h.department || result.table.meta.department || '',
      year: result.table.meta.year && /^\d{4}$/.test(result.table.meta.year) && h.year === blankHeader().year ? result.table.meta.year : h.year,
    }));
    setTableNotice({ intent: 'success', text: t('new.tableRead', { where: shownWhere, count: result.table.rows.length }) });
  };

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = ''; // choosing the same file again reads it again
    if (!file) return;
    setBusy(t('new.reading'));
    setTableNotice(null);
    try {
      const result = await readTableFile(await fileBytes(file), file.name);
      tookTable(result, result.ok ? result.table.where : '');
    } catch (err) {
      setTable(null);
      setTableNotice({ intent: 'error', text: t('new.readError', { where: `「${file.name}」`, error: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const onReadPaste = (): void => {
    tookTable(readPastedTable(pasteText), t('new.pasted'));
  };

  const doInsert = async (name: string, replace: boolean): Promise<void> => {
    setBusy(t('new.inserting'));
    setNotice(null);
    try {
      // Decide on the cells as they are now, not as they were when the tab was drawn.
      const wb = await port.read();
      const prefix = replace ? prefixFor(wb, name) : freePrefix(wb);
      const plan = planForm(form, { sheetName: name, prefix });
      await port.insertPlan(plan, { replace });
      setSheetNameTyped(null);
      setInsertedSheet(name);
      setNotice({ intent: 'success', text: t('new.inserted', { sheet: name, count: form.rows.length }) });
      onInserted(name, replace);
      await refresh();
    } catch (err) {
      setNotice({ intent: 'error', text: t('new.insertFailed', { message: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const onInsert = async (): Promise<void> => {
    const problem = inputProblem ?? sheetProblem;
    if (problem) {
      setNotice({ intent: 'error', text: t(`new.problem.${problem}` as MessageKey) });
      return;
    }
    setBusy(t('new.inserting'));
    let wb;
    try {
      wb = await port.read();
    } catch (err) {
      setBusy(null);
      setNotice({ intent: 'error', text: t('new.insertFailed', { message: errorText(err) }) });
      return;
    }
    setBusy(null);
    const state = sheetState(wb, sheetName);
    const name = existingSheetName(wb, sheetName);
    if (state === 'filled' || state === 'blankForm') {
      setConfirm({ sheet: name, filled: state === 'filled' });
      return;
    }
    await doInsert(name, state === 'empty');
  };

  const previewRows = preview.map((p) => (
    <TableRow key={p.index} className={p.state === 'invalid' ? s.invalid : undefined} data-state={p.state}>
      <TableCell className={s.nameCell} title={`${p.level1} / ${p.level2}`}>
        {p.level3}
      </TableCell>
      <TableCell className={s.nameCell}>{p.target}</TableCell>
      <TableCell className={mergeClasses(s.nameCell, p.state === 'invalid' && s.invalidText, p.state === 'blank' && s.blank)}>
        {p.state === 'blank' ? t('new.blankTarget') : p.reading}
      </TableCell>
      <TableCell className={s.weightCell}>{p.weight}</TableCell>
    </TableRow>
  ));

  return (
    <div className={s.root}>
      <section className={s.section}>
        <Field label={t('new.source')}>
          <RadioGroup value={source} onChange={(_, d) => chooseSource(d.value as IndicatorSource)}>
            <Radio value="template" label={t('new.source.template')} />
            <Radio value="example" label={t('new.source.example')} />
            <Radio value="table" label={t('new.source.table')} />
          </RadioGroup>
        </Field>
        <Field label={t('new.standard')} hint={source === 'example' ? t('new.standardLocked') : undefined}>
          <RadioGroup value={effectiveStandard} onChange={(_, d) => setStandard(d.value as StandardId)} disabled={source === 'example'} layout="horizontal">
            <Radio value="project" label={t('new.standard.project')} />
            <Radio value="department" label={t('new.standard.department')} />
          </RadioGroup>
        </Field>
        {effectiveStandard === 'department' && source !== 'table' && (
          <Caption1 className={s.hint}>{t('new.weightsNote')}</Caption1>
        )}
      </section>

      {showTable && (
        <section className={s.section}>
          <Text weight="semibold">{t('new.file')}</Text>
          <Caption1 className={s.hint}>{t('new.fileHint')}</Caption1>
          <div className={s.fileRow}>
            <Button onClick={() => fileInput.current?.click()} disabled={busy !== null}>
              {t('new.chooseFile')}
            </Button>
            <input
              ref={fileInput}
              className={s.hiddenInput}
              type="file"
              accept=".csv,.txt,.xlsx,.xlsm"
              aria-label={t('new.file')}
              tabIndex={-1}
              onChange={(e) => void onFile(e)}
            />
          </div>
          <Field label={t('new.paste')}>
            <Textarea value={pasteText} placeholder={t('new.pastePlaceholder')} onChange={(_, d) => setPasteText(d.value)} resize="vertical" rows={4} />
          </Field>
          <div className={s.actions}>
            <Button onClick={onReadPaste} disabled={pasteText.trim() === '' || busy !== null}>
              {t('new.readPaste')}
            </Button>
          </div>
          <NoticeBar notice={tableNotice} />
        </section>
      )}

      <section className={s.section}>
        <Subtitle2>{t('new.header')}</Subtitle2>
        <Field label={nameLabel}>
          <Input value={header.projectName} onChange={(_, d) => setHeader({ ...header, projectName: d.value })} />
        </Field>
        <Field label={t('new.unit')}>
          <Input value={header.unit} onChange={(_, d) => setHeader({ ...header, unit: d.value })} />
        </Field>
        <Field label={t('new.department')}>
          <Input value={header.department} onChange={(_, d) => setHeader({ ...header, department: d.value })} />
        </Field>
        <Field
          label={t('new.year')}
          validationState={inputProblem === 'yearFormat' ? 'error' : 'none'}
          validationMessage={inputProblem === 'yearFormat' ? t('new.problem.yearFormat') : undefined}
        >
          <Input value={header.year} inputMode="numeric" onChange={(_, d) => setHeader({ ...header, year: d.value })} />
        </Field>
        <Field label={t('new.profile')} hint={profileShown.description}>
          <Select value={profileId} onChange={(_, d) => setProfileId(d.value)}>
            {PROFILES.map((p) => (
              <option key={p.id} value={p.id}>
                {profileText(lang, p).name}
              </option>
            ))}
          </Select>
        </Field>
      </section>

      {(!showTable || table) && (
      <section className={s.section} aria-label={t('new.preview')}>
        <Subtitle2>{t('new.preview')}</Subtitle2>
        <Text size={200}>
          {t('new.previewSummary', { count: form.rows.length, total: weights.total, indicators: weights.indicators, budget: weights.budget })}
        </Text>
        {Math.abs(weights.total - 100) > 1e-9 && <NoticeBar notice={{ intent: 'warning', text: t('new.weightWarning') }} />}
        {unreadable > 0 && <NoticeBar notice={{ intent: 'warning', text: t('new.unreadable', { count: unreadable }) }} />}
        <div className={s.previewBox}>
          <Table size="extra-small" aria-label={t('new.preview')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('new.colIndicator')}</TableHeaderCell>
                <TableHeaderCell>{t('new.colTarget')}</TableHeaderCell>
                <TableHeaderCell>{t('new.colReading')}</TableHeaderCell>
                <TableHeaderCell className={s.weightCell}>{t('new.colWeight')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>{previewRows}</TableBody>
          </Table>
        </div>
      </section>
      )}

      <section className={s.section}>
        <Field
          label={t('new.sheetName')}
          validationState={sheetProblem ? 'error' : willReplace ? 'warning' : 'none'}
          validationMessage={sheetProblem ? t(`new.problem.${sheetProblem}` as MessageKey) : willReplace ? t('new.sheetExists') : undefined}
        >
          <Input value={sheetName} onChange={(_, d) => setSheetNameTyped(d.value)} />
        </Field>
        <div className={s.actions}>
          <Button appearance="primary" onClick={() => void onInsert()} disabled={busy !== null || inputProblem === 'noRows'}>
            {t('new.insert')}
          </Button>
        </div>
        <Busy label={busy} />
        <NoticeBar
          notice={notice}
          onDismiss={() => setNotice(null)}
          action={
            notice?.intent === 'success' && insertedSheet ? (
              <Button size="small" onClick={() => onGoFill(insertedSheet)}>
                {t('new.goFill')}
              </Button>
            ) : undefined
          }
        />
      </section>

      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('new.confirmTitle')}</DialogTitle>
            <DialogContent>
              {confirm?.filled ? (
                <>
                  <Text block weight="semibold">
                    {t('new.confirmFilled')}
                  </Text>
                  <Text block>{t('new.confirmFilledDetail', { sheet: confirm.sheet })}</Text>
                </>
              ) : (
                <Text block>{t('new.confirmBlank', { sheet: confirm?.sheet ?? '' })}</Text>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                appearance="primary"
                onClick={() => {
                  const c = confirm;
                  setConfirm(null);
                  if (c) void doInsert(c.sheet, true);
                }}
              >
                {t('new.overwrite')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
