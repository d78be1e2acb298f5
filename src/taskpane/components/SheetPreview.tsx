// Browser mode: a read-only picture of a sheet, merges honoured, the highlighted cell scrolled into view.

import * as React from 'react';
import { Caption1, Subtitle2, Tab, TabList, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { colName, type ReadWorkbook } from '../../sheet/plan';
import type { FoundForm } from '../../sheet/readback';
import { useI18n } from '../i18n';
import { previewModel } from '../state/preview';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, minHeight: 0 },
  scroller: {
    overflow: 'auto',
    maxHeight: 'calc(100vh - 180px)',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, tableLayout: 'auto' },
  th: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: '4px',
    paddingRight: '4px',
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    textAlign: 'right',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: '4px',
    paddingRight: '4px',
  },
  td: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    paddingLeft: '4px',
    paddingRight: '4px',
    paddingTop: '2px',
    paddingBottom: '2px',
    verticalAlign: 'middle',
    maxWidth: '240px',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  computed: { color: tokens.colorPaletteBlueForeground2 },
  number: { whiteSpace: 'nowrap', textAlign: 'right' },
  formula: { backgroundColor: tokens.colorNeutralBackground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  highlightRow: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  highlight: {
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: '-2px',
    backgroundColor: tokens.colorPaletteYellowBackground2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface SheetPreviewProps {
  wb: ReadWorkbook;
  forms: FoundForm[];
  sheet: string;
  onSheet: (sheet: string) => void;
  highlighted: { sheet: string; row: number; col: number } | null;
}

export function SheetPreview({ wb, forms, sheet, onSheet, highlighted }: SheetPreviewProps) {
  const s = useStyles();
  const { t } = useI18n();
  const target = wb.sheets.find((x) => x.name === sheet) ?? wb.sheets[0];
  const model = React.useMemo(() => (target ? previewModel(wb, target, forms) : null), [wb, target, forms]);
  const hl = highlighted && target && highlighted.sheet === target.name ? highlighted : null;
  const hlRef = React.useRef<HTMLTableCellElement | null>(null);

  React.useEffect(() => {
    hlRef.current?.scrollIntoView?.({ block: 'center', inline: 'center' });
  }, [hl?.row, hl?.col, hl?.sheet, model]);

  return (
    <section className={s.root} aria-label={t('browser.preview')}>
      <Subtitle2>{t('browser.preview')}</Subtitle2>
      {wb.sheets.length > 1 && (
        <TabList size="small" selectedValue={target?.name} onTabSelect={(_, d) => onSheet(String(d.value))} aria-label={t('browser.sheets')}>
          {wb.sheets.map((x) => (
            <Tab key={x.name} value={x.name}>
              {x.name}
            </Tab>
          ))}
        </TabList>
      )}
      {!model || model.rowCount === 0 ? (
        <Caption1 className={s.muted}>{t('browser.previewEmpty')}</Caption1>
      ) : (
        <>
          <Caption1 className={s.muted}>{t('browser.previewComputed')}</Caption1>
          {model.truncated && <Caption1 className={s.muted}>{t('browser.previewTruncated', { rows: model.rowCount, cols: model.colCount })}</Caption1>}
          <div className={s.scroller}>
            <table className={s.table} data-sheet={model.sheet}>
              <thead>
                <tr>
                  <th className={s.th} />
                  {Array.from({ length: model.colCount }, (_, i) => (
                    <th key={i} className={s.th} scope="col">
                      {colName(i + 1)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {model.rows.map((line, ri) => {
                  const r = ri + 1;
                  return (
                    <tr key={r} className={hl && hl.row === r ? s.highlightRow : undefined}>
                      <th className={s.rowHead} scope="row">
                        {r}
                      </th>
                      {line.map((c) => {
                        const isHl = !!hl && hl.row >= c.row && hl.row < c.row + c.rowSpan && hl.col >= c.col && hl.col < c.col + c.colSpan;
                        return (
                          <td
                            key={c.col}
                            ref={isHl ? hlRef : undefined}
                            rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                            colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                            title={c.formula}
                            data-cell={`${colName(c.col)}${c.row}`}
                            data-highlighted={isHl ? 'true' : undefined}
                            className={mergeClasses(
                              s.td,
                              c.kind === 'computed' && s.computed,
                              (c.kind === 'value' || c.kind === 'computed') && /^[-+]?[\d,.]+(%|‰)?$/.test(c.text) && s.number,
                              c.kind === 'formula' && s.formula,
                              c.kind === 'error' && s.error,
                              isHl && s.highlight,
                            )}
                          >
                            {c.text}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
