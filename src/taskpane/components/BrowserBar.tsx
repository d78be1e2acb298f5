// Browser mode: the workbook file — start a new one, open an .xlsx, download at any time.

import * as React from 'react';
import { Button, Text, Toolbar, ToolbarButton, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  file: { color: tokens.colorNeutralForeground2, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '100%' },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden' },
});

export interface BrowserBarProps {
  fileName: string;
  disabled: boolean;
  onNew: () => void;
  onOpen: (file: File) => void;
  onDownload: () => void;
}

export function BrowserBar({ fileName, disabled, onNew, onOpen, onDownload }: BrowserBarProps) {
  const s = useStyles();
  const { t } = useI18n();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <div className={s.bar}>
      <Toolbar size="small" aria-label={t('browser.file')}>
        <ToolbarButton onClick={onNew} disabled={disabled}>
          {t('browser.new')}
        </ToolbarButton>
        <ToolbarButton onClick={() => input.current?.click()} disabled={disabled}>
          {t('browser.open')}
        </ToolbarButton>
        <Button appearance="primary" size="small" onClick={onDownload} disabled={disabled}>
          {t('browser.download')}
        </Button>
      </Toolbar>
      <input
        ref={input}
        className={s.hiddenInput}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={t('browser.open')}
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onOpen(file);
        }}
      />
      <Text className={s.file} title={fileName} data-testid="file-name">
        {t('browser.fileName', { name: fileName })}
      </Text>
    </div>
  );
}
