// Small pieces shared by the tabs: messages, the form picker, a busy line.

import * as React from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
} from '@fluentui/react-components';
import type { FoundForm } from '../../sheet/readback';
import { useI18n } from '../i18n';
import { formKey } from '../state/workbook';

export type NoticeIntent = 'success' | 'info' | 'warning' | 'error';

export interface Notice {
  intent: NoticeIntent;
  text: string;
  title?: string;
  /** further lines (problems to correct, one each) */
  lines?: string[];
}

const useStyles = makeStyles({
  list: { marginTop: tokens.spacingVerticalXXS, marginBottom: 0, paddingLeft: '18px' },
  busy: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { marginTop: 0, marginBottom: 0, fontSize: 'inherit', fontWeight: 'inherit' },
  header: { width: '100%', justifyContent: 'flex-start', textAlign: 'left', minWidth: 0 },
  header1: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
  panel: { paddingLeft: tokens.spacingHorizontalS },
});

export function NoticeBar({ notice, onDismiss, action }: { notice: Notice | null; onDismiss?: () => void; action?: React.ReactNode }) {
  const s = useStyles();
  const { t } = useI18n();
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>
        {notice.title && <MessageBarTitle>{notice.title}</MessageBarTitle>}
        {notice.text}
        {notice.lines && notice.lines.length > 0 && (
          <ul className={s.list}>
            {notice.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {(onDismiss || action) && (
        <MessageBarActions
          containerAction={
            onDismiss ? (
              <Button appearance="transparent" size="small" aria-label={t('common.dismiss')} onClick={onDismiss}>
                ×
              </Button>
            ) : undefined
          }
        >
          {action}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** A long operation in progress: a spinner with what is happening, and an indeterminate bar. */
export function Busy({ label }: { label: string | null }) {
  const s = useStyles();
  if (!label) return null;
  return (
    <div className={s.busy} aria-live="polite">
      <Spinner size="tiny" labelPosition="after" label={label} />
      <ProgressBar thickness="medium" />
    </div>
  );
}

/** A long operation that knows how far it is: what is happening, and a bar filled to `value` (0–1). */
export function Progress({ label, value }: { label: string | null; value: number }) {
  const s = useStyles();
  if (!label) return null;
  return (
    <div className={s.busy} aria-live="polite" data-testid="progress">
      <Spinner size="tiny" labelPosition="after" label={label} />
      <ProgressBar thickness="medium" value={Math.max(0, Math.min(1, value))} max={1} />
    </div>
  );
}

export function FormPicker({ forms, current, onPick }: { forms: FoundForm[]; current: FoundForm | null; onPick: (key: string) => void }) {
  const { t } = useI18n();
  if (forms.length < 2) return null;
  return (
    <Field label={t('common.form')}>
      <Select value={current ? formKey(current) : ''} onChange={(_, d) => onPick(d.value)}>
        {forms.map((f) => (
          <option key={formKey(f)} value={formKey(f)}>
            {t('common.formOption', { sheet: f.sheet, title: f.form.meta.projectName || f.form.meta.title })}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function Stack({ children }: { children?: React.ReactNode }) {
  const s = useStyles();
  return <div className={s.stack}>{children}</div>;
}

/**
 * A group with a header button that opens and closes it (the pane's 一级 / 二级 groups). Collapsed content is not
 * rendered. (Fluent's Accordion would do, but its collapse motion sets `inert`, which React 18 does not know.)
 */
export function Collapsible({ title, level, children }: { title: string; level: 1 | 2; children?: React.ReactNode }) {
  const s = useStyles();
  const [open, setOpen] = React.useState(true);
  const id = useId('group');
  return (
    <div>
      <h3 className={s.heading} aria-level={level + 2}>
        <Button
          appearance="subtle"
          size={level === 1 ? 'medium' : 'small'}
          className={mergeClasses(s.header, level === 1 && s.header1)}
          aria-expanded={open}
          aria-controls={id}
          icon={<span aria-hidden>{open ? '▾' : '▸'}</span>}
          onClick={() => setOpen((o) => !o)}
        >
          {title}
        </Button>
      </h3>
      {open && (
        <div id={id} role="group" aria-label={title} className={s.panel}>
          {children}
        </div>
      )}
    </div>
  );
}

/** Text of an unknown failure, for a message. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
