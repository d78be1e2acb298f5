// 设置: the language, and the rule parameters of the current form — which live in the named cells of its sheet
// (the formulas read them), so saving writes those cells (they are locked: written with unprotect).

import * as React from 'react';
import {
  Button,
  Caption1,
  Caption1Strong,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { PROFILES, profileById } from '../../domain/rules';
import type { FoundForm } from '../../sheet/readback';
import type { ReadWorkbook } from '../../sheet/plan';
import type { WorkbookPort } from '../port';
import { profileText, useI18n, type Lang, type MessageKey, type Translate } from '../i18n';
import {
  fieldsOf,
  paramCells,
  paramsOf,
  planParamSave,
  type ParamFields,
  type ParamKey,
  type ParamProblem,
  type PercentKey,
} from '../state/settings';
import { Busy, errorText, FormPicker, NoticeBar, type Notice } from './common';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  grid3: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  fill: { minWidth: 0, width: '100%' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

const LABEL_KEY: Record<ParamKey, MessageKey> = {
  reverse: 'settings.reverse',
  achievedMin: 'settings.achievedMin',
  partialMin: 'settings.partialMin',
  achievedRate: 'settings.achievedRate',
  partialRate: 'settings.partialRate',
  failedRate: 'settings.failedRate',
  overThreshold: 'settings.overThreshold',
  naRescale: 'settings.naRescale',
  capByExecution: 'settings.capByExecution',
};

function problemText(t: Translate, p: ParamProblem): string {
  const pc = (x: number): string => String(Math.round(x * 10000) / 100);
  switch (p.kind) {
    case 'notNumber':
      return t('settings.problem.notNumber', { label: t(LABEL_KEY[p.key]), text: p.text });
    case 'range':
      return t('settings.problem.range', { label: t(LABEL_KEY[p.key]), min: pc(p.min), max: pc(p.max) });
    case 'bands':
      return t('settings.problem.bands');
    case 'defaultOutside':
      return t('settings.problem.defaultOutside', { label: t(LABEL_KEY[p.key]), lo: pc(p.lo), hi: pc(p.hi) });
  }
}

function PercentInput({ k, fields, onChange, label }: { k: PercentKey; fields: ParamFields; onChange: (k: PercentKey, v: string) => void; label: string }) {
  const s = useStyles();
  return (
    <Field label={label}>
      <Input className={s.fill} value={fields[k]} inputMode="decimal" contentAfter="%" aria-label={label} onChange={(_, d) => onChange(k, d.value)} />
    </Field>
  );
}

export interface SettingsPaneProps {
  port: WorkbookPort;
  wb: ReadWorkbook | null;
  forms: FoundForm[];
  found: FoundForm | null;
  onPickForm: (key: string) => void;
  refresh: () => Promise<void>;
  onWritten: () => void;
}

export function SettingsPane({ port, wb, forms, found, onPickForm, refresh, onWritten }: SettingsPaneProps) {
  const s = useStyles();
  const { t, lang, setLang } = useI18n();
  const sheetFields = React.useMemo(() => (found ? fieldsOf(found.form.params) : null), [found]);
  const [edited, setEdited] = React.useState<ParamFields | null>(null);
  const [preset, setPreset] = React.useState<string>('');
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const formKeyNow = found ? `${found.sheet}!${found.headerRow}` : '';

  // Another form: its own parameters.
  React.useEffect(() => {
    setEdited(null);
    setPreset('');
  }, [formKeyNow]);

  const fields = edited ?? sheetFields;
  const change = (patch: Partial<ParamFields>): void => {
    if (!fields) return;
    setEdited({ ...fields, ...patch });
    setNotice(null);
  };

  const loadPreset = (id: string): void => {
    setPreset(id);
    if (id) setEdited(fieldsOf(profileById(id).params));
  };

  const save = async (): Promise<void> => {
    if (!found || !fields || !wb) return;
    const parsed = paramsOf(fields);
    if (!parsed.ok) {
      setNotice({ intent: 'error', text: parsed.problems.map((p) => problemText(t, p)).join(' ') });
      return;
    }
    const plan = planParamSave(paramCells(wb, found), found.form.params, parsed.params, preset || null);
    if (!plan.ok) {
      const text =
        'missing' in plan
          ? plan.missing.map((k) => t('settings.problem.missing', { label: t(LABEL_KEY[k]) })).join(' ')
          : t('settings.problem.otherSheet');
      setNotice({ intent: 'error', text });
      return;
    }
    if (plan.edits.length === 0) {
      setNotice({ intent: 'info', text: t('settings.unchanged') });
      return;
    }
    setBusy(t('settings.saving'));
    try {
      await port.writeCells(plan.sheet, plan.edits, { unprotect: true });
      onWritten();
      await refresh();
      setEdited(null);
      setPreset('');
      setNotice({ intent: 'success', text: t('settings.saved') });
    } catch (err) {
      setNotice({ intent: 'error', text: t('settings.saveFailed', { message: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const onPercent = (k: PercentKey, v: string): void => change({ [k]: v } as Partial<ParamFields>);

  return (
    <div className={s.root}>
      <section className={s.section}>
        <Field label={t('settings.language')}>
          <RadioGroup value={lang} layout="horizontal" onChange={(_, d) => setLang(d.value as Lang)}>
            <Radio value="zh" label={t('settings.zh')} />
            <Radio value="en" label={t('settings.en')} />
          </RadioGroup>
        </Field>
      </section>

      <section className={s.section} aria-label={t('settings.params')}>
        <Subtitle2>{t('settings.params')}</Subtitle2>
        {!found || !fields ? (
          <Caption1 className={s.muted}>{t('settings.noForm')}</Caption1>
        ) : (
          <>
            <FormPicker forms={forms} current={found} onPick={onPickForm} />
            <Caption1 className={s.muted}>{t('settings.paramsNote')}</Caption1>
            <Field label={t('settings.preset')} hint={preset ? profileText(lang, profileById(preset)).description : undefined}>
              <Select value={preset} onChange={(_, d) => loadPreset(d.value)}>
                <option value="">{t('settings.presetNone')}</option>
                {PROFILES.map((p) => (
                  <option key={p.id} value={p.id}>
                    {profileText(lang, p).name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('settings.reverse')}>
              <RadioGroup value={fields.reverse} onChange={(_, d) => change({ reverse: d.value === 'linear' ? 'linear' : 'ratio' })}>
                <Radio value="ratio" label={t('settings.reverse.ratio')} />
                <Radio value="linear" label={t('settings.reverse.linear')} />
              </RadioGroup>
            </Field>
            <Caption1Strong>{t('settings.bands')}</Caption1Strong>
            <div className={s.grid}>
              <PercentInput k="achievedMin" fields={fields} onChange={onPercent} label={t('settings.achievedMin')} />
              <PercentInput k="partialMin" fields={fields} onChange={onPercent} label={t('settings.partialMin')} />
            </div>
            <Caption1Strong>{t('settings.defaults')}</Caption1Strong>
            <div className={s.grid3}>
              <PercentInput k="achievedRate" fields={fields} onChange={onPercent} label={t('settings.achievedRate')} />
              <PercentInput k="partialRate" fields={fields} onChange={onPercent} label={t('settings.partialRate')} />
              <PercentInput k="failedRate" fields={fields} onChange={onPercent} label={t('settings.failedRate')} />
            </div>
            <Field label={t('settings.overThreshold')} hint={t('settings.overHint')}>
              <Input
                value={fields.overThreshold}
                inputMode="decimal"
                contentAfter="%"
                aria-label={t('settings.overThreshold')}
                onChange={(_, d) => onPercent('overThreshold', d.value)}
              />
            </Field>
            <Switch label={t('settings.naRescale')} checked={fields.naRescale} onChange={(_, d) => change({ naRescale: d.checked })} />
            <Switch
              label={t('settings.capByExecution')}
              checked={fields.capByExecution}
              onChange={(_, d) => change({ capByExecution: d.checked })}
            />
            <div className={s.actions}>
              <Button appearance="primary" onClick={() => void save()} disabled={edited === null || busy !== null}>
                {t('settings.save')}
              </Button>
              <Button
                onClick={() => {
                  setEdited(null);
                  setPreset('');
                  setNotice(null);
                }}
                disabled={edited === null || busy !== null}
              >
                {t('settings.revert')}
              </Button>
            </div>
            <Busy label={busy} />
            <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
          </>
        )}
      </section>
    </div>
  );
}
