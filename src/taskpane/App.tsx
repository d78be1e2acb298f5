// The task pane: 新建 / 填报 / 结果 / 审核 / 下发汇总 / 设置 over one WorkbookPort, in Excel or in a browser on an .xlsx file.
// The shell (index.tsx) renders <App port={port} /> inside FluentProvider.

import * as React from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Tab,
  TabList,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { scoreForm } from '../domain/rules';
import { findTables } from '../sheet/findTables';
import { isBrowserPort, type WorkbookPort } from './port';
import { I18nProvider, useI18n, type Lang } from './i18n';
import { BrowserBar } from './components/BrowserBar';
import { Busy, errorText, FormPicker, NoticeBar, type Notice } from './components/common';
import { DistributePane } from './components/DistributePane';
import { FillPane } from './components/FillPane';
import { NewFormPane } from './components/NewFormPane';
import { ResultsPane } from './components/ResultsPane';
import { NEW_REVIEW_SESSION, ReviewPane, type ReviewSession } from './components/ReviewPane';
import { SettingsPane } from './components/SettingsPane';
import { SheetPreview } from './components/SheetPreview';
import { NEW_DISTRIBUTION_SESSION, type DistributionSession } from './state/distribute';
import { fileBytes, saveBytes } from './state/download';
import { NO_DRAFTS, pendingCount, pruneDrafts, type FormDrafts } from './state/fill';
import { formKey, pickForm, useWorkbook } from './state/workbook';

export type TabId = 'new' | 'fill' | 'results' | 'review' | 'distribute' | 'settings';

const useStyles = makeStyles({
  root: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    boxSizing: 'border-box',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingHorizontalL, flexGrow: 1, minHeight: 0 },
  mainBrowser: {
    flexDirection: 'row',
    alignItems: 'flex-start',
    '@media (max-width: 900px)': { flexDirection: 'column', alignItems: 'stretch' },
  },
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0, width: '100%' },
  paneBrowser: {
    flexShrink: 0,
    width: '420px',
    maxWidth: '100%',
    '@media (max-width: 900px)': { width: '100%' },
  },
  preview: { flexGrow: 1, minWidth: 0, paddingTop: tokens.spacingVerticalM },
  tabs: { position: 'sticky', top: 0, zIndex: 2, backgroundColor: tokens.colorNeutralBackground1 },
  // Six tabs do not fit a narrow task pane in one line (English especially): they wrap rather than run off.
  tabList: { flexWrap: 'wrap' },
  drop: {
    position: 'absolute',
    inset: 0,
    zIndex: 10,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackgroundAlpha2,
    border: `3px dashed ${tokens.colorBrandStroke1}`,
    pointerEvents: 'none',
  },
  empty: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
});

export interface AppProps {
  port: WorkbookPort;
  /** the language to start in (else the person's last choice, else Chinese) */
  initialLanguage?: Lang;
}

export function App({ port, initialLanguage }: AppProps) {
  return (
    <I18nProvider initial={initialLanguage}>
      <Pane port={port} />
    </I18nProvider>
  );
}

export default App;

function isXlsxName(name: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(name);
}

function Pane({ port }: { port: WorkbookPort }) {
  const s = useStyles();
  const { t } = useI18n();
  const browser = isBrowserPort(port) ? port : null;
  const { view, error, refresh } = useWorkbook(port);
  const [tab, setTab] = React.useState<TabId | null>(null);
  const [chosenKey, setChosenKey] = React.useState<string | null>(null);
  const [currentSheet, setCurrentSheet] = React.useState<string | null>(null);
  const [allDrafts, setAllDrafts] = React.useState<Record<string, FormDrafts>>({});
  const [highlight, setHighlight] = React.useState<{ sheet: string; row: number; col: number } | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [dirty, setDirty] = React.useState(false);
  const [confirm, setConfirm] = React.useState<{ run: () => void } | null>(null);
  const [dragging, setDragging] = React.useState(false);
  const [review, setReview] = React.useState<ReviewSession>(NEW_REVIEW_SESSION);
  const [distribution, setDistribution] = React.useState<DistributionSession>(NEW_DISTRIBUTION_SESSION);
  const lastActive = React.useRef<string | null>(null);

  // The pane follows the active sheet when it changes (an insert, a sheet chosen in Excel).
  React.useEffect(() => {
    if (!view) return;
    if (view.activeSheet !== lastActive.current) {
      lastActive.current = view.activeSheet;
      setCurrentSheet(view.activeSheet);
      setChosenKey(null);
    }
    // A workbook with forms opens on 填报; one with only hand-made tables (a reviewer's) on 审核; else 新建.
    setTab((cur) => cur ?? (view.forms.length > 0 ? 'fill' : findTables(view.wb).length > 0 ? 'review' : 'new'));
  }, [view]);

  const sheetNow = currentSheet ?? view?.activeSheet ?? '';
  const found = view ? pickForm(view.forms, sheetNow, chosenKey) : null;
  const key = found ? formKey(found) : '';
  const drafts = (key && allDrafts[key]) || NO_DRAFTS;
  const result = React.useMemo(() => (found ? scoreForm(found.form) : null), [found]);

  const setDrafts = React.useCallback(
    (update: (d: FormDrafts) => FormDrafts) => {
      if (!key) return;
      setAllDrafts((all) => ({ ...all, [key]: update(all[key] ?? NO_DRAFTS) }));
    },
    [key],
  );

  // What was typed in the pane and has since reached the sheet (or was typed there too) is no longer a draft.
  React.useEffect(() => {
    if (!found) return;
    setAllDrafts((all) => {
      const d = all[key];
      if (!d) return all;
      const pruned = pruneDrafts(d, found.form);
      return pendingCount(pruned) === pendingCount(d) ? all : { ...all, [key]: pruned };
    });
  }, [found, key]);

  const pickFormKey = (k: string): void => {
    setChosenKey(k);
    const f = view?.forms.find((x) => formKey(x) === k);
    if (f) setCurrentSheet(f.sheet);
  };

  const onLocate = async (at: { sheet: string; row: number; col: number }): Promise<void> => {
    try {
      await port.select(at.sheet, at.row, at.col);
      if (browser) {
        setHighlight(browser.highlighted() ?? { sheet: at.sheet, row: at.row, col: at.col });
        setCurrentSheet(at.sheet);
      }
    } catch (err) {
      setNotice({ intent: 'error', text: errorText(err) });
    }
  };

  const onInserted = (sheet: string, replaced: boolean): void => {
    setDirty(true);
    if (replaced) setAllDrafts((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(`${sheet}!`))));
    setCurrentSheet(sheet);
    setChosenKey(null);
  };

  // ---- browser mode: the workbook file --------------------------------------------------------------------------

  const guarded = (run: () => void): void => {
    if (dirty) setConfirm({ run });
    else run();
  };

  const afterNewWorkbook = async (): Promise<void> => {
    setTab(null); // chosen again from what the workbook holds
    setDirty(false);
    setAllDrafts({});
    setReview((r) => ({ ...r, run: null }));
    // Another workbook: the template may be another; the 单位名单 and the chosen files are the clerk's, kept.
    setDistribution((d) => ({ ...d, templateKey: null, run: null }));
    setHighlight(null);
    setChosenKey(null);
    lastActive.current = null;
    await refresh();
  };

  const newWorkbook = (): void =>
    guarded(async () => {
      if (!browser) return;
      setBusy(t('browser.creating'));
      setNotice(null);
      try {
        await browser.newWorkbook();
        await afterNewWorkbook();
        setTab('new');
        setNotice({ intent: 'success', text: t('browser.created') });
      } catch (err) {
        setNotice({ intent: 'error', text: errorText(err) });
      } finally {
        setBusy(null);
      }
    });

  const openFile = (file: File): void => {
    if (!browser) return;
    if (!isXlsxName(file.name)) {
      setNotice({ intent: 'error', text: t('browser.dropOnlyXlsx', { name: file.name }) });
      return;
    }
    guarded(async () => {
      setBusy(t('browser.opening', { name: file.name }));
      setNotice(null);
      try {
        await browser.open(await fileBytes(file), file.name);
        await afterNewWorkbook();
        setNotice({ intent: 'success', text: t('browser.opened', { name: file.name }) });
      } catch (err) {
        // The port's WorkbookReadError is already a sentence naming the file.
        const message = errorText(err);
        setNotice({ intent: 'error', text: message.includes(file.name) ? message : t('browser.openFailed', { name: file.name, message }) });
      } finally {
        setBusy(null);
      }
    });
  };

  const download = async (): Promise<void> => {
    if (!browser) return;
    setBusy(t('browser.downloading'));
    setNotice(null);
    try {
      const { data, fileName } = await browser.download();
      saveBytes(data, fileName);
      setDirty(false);
      setNotice({ intent: 'success', text: t('browser.downloaded', { name: fileName }) });
    } catch (err) {
      setNotice({ intent: 'error', text: t('browser.downloadFailed', { message: errorText(err) }) });
    } finally {
      setBusy(null);
    }
  };

  // A drop zone of a tab (data-drop-zone: the returned files of 汇总) takes its own drops.
  const inDropZone = (e: React.DragEvent): boolean => !!(e.target as Element | null)?.closest?.('[data-drop-zone]');

  const dropHandlers = browser
    ? {
        onDragOver: (e: React.DragEvent) => {
          if (inDropZone(e)) {
            if (dragging) setDragging(false);
            return;
          }
          if (!Array.from(e.dataTransfer?.types ?? []).includes('Files')) return;
          e.preventDefault();
          if (!dragging) setDragging(true);
        },
        onDragLeave: (e: React.DragEvent) => {
          if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (e: React.DragEvent) => {
          setDragging(false);
          if (inDropZone(e)) return;
          e.preventDefault();
          const file = e.dataTransfer?.files?.[0];
          if (file) openFile(file);
        },
      }
    : {};

  // ---- tabs -----------------------------------------------------------------------------------------------------

  const noForm = (
    <div className={s.empty}>
      <Text>{t('common.noForm')}</Text>
      <Button onClick={() => setTab('new')}>{t('common.goNew')}</Button>
    </div>
  );

  let content: React.ReactNode = null;
  if (!view) {
    content = error ? null : <Busy label={t('common.loading')} />;
  } else if (tab === 'new') {
    content = (
      <NewFormPane
        port={port}
        view={view}
        refresh={refresh}
        onInserted={onInserted}
        onGoFill={(sheet) => {
          setCurrentSheet(sheet);
          setChosenKey(null);
          setTab('fill');
        }}
      />
    );
  } else if (tab === 'fill') {
    content = found ? (
      <>
        <FormPicker forms={view.forms} current={found} onPick={pickFormKey} />
        <FillPane key={key} port={port} found={found} drafts={drafts} setDrafts={setDrafts} refresh={refresh} onWritten={() => setDirty(true)} />
      </>
    ) : (
      noForm
    );
  } else if (tab === 'results') {
    content =
      found && result ? (
        <>
          <FormPicker forms={view.forms} current={found} onPick={pickFormKey} />
          <ResultsPane found={found} result={result} pending={pendingCount(drafts)} onLocate={(f) => void onLocate(f)} />
        </>
      ) : (
        noForm
      );
  } else if (tab === 'review') {
    content = (
      <ReviewPane
        port={port}
        view={view}
        currentSheet={sheetNow}
        session={review}
        setSession={setReview}
        refresh={refresh}
        onInserted={(sheet) => onInserted(sheet, false)}
        onLocate={(at) => void onLocate(at)}
        onGoFill={(sheet) => {
          setCurrentSheet(sheet);
          setChosenKey(null);
          setTab('fill');
        }}
      />
    );
  } else if (tab === 'distribute') {
    content = (
      <DistributePane
        port={port}
        view={view}
        currentSheet={sheetNow}
        session={distribution}
        setSession={setDistribution}
        refresh={refresh}
        onWritten={(sheet) => onInserted(sheet, true)}
        onGoNew={() => setTab('new')}
      />
    );
  } else if (tab === 'settings') {
    content = (
      <SettingsPane
        port={port}
        wb={view.wb}
        forms={view.forms}
        found={found}
        onPickForm={pickFormKey}
        refresh={refresh}
        onWritten={() => setDirty(true)}
      />
    );
  }

  return (
    <div className={s.root} {...dropHandlers}>
      {browser && (
        <BrowserBar
          fileName={browser.fileName}
          disabled={busy !== null}
          onNew={newWorkbook}
          onOpen={openFile}
          onDownload={() => void download()}
        />
      )}
      <div className={mergeClasses(s.main, !!browser && s.mainBrowser)}>
        <div className={mergeClasses(s.pane, !!browser && s.paneBrowser)}>
          <div className={s.tabs}>
            <TabList
              className={s.tabList}
              selectedValue={tab ?? 'new'}
              onTabSelect={(_, d) => setTab(d.value as TabId)}
              aria-label={t('app.title')}
            >
              <Tab value="new">{t('tab.new')}</Tab>
              <Tab value="fill">{t('tab.fill')}</Tab>
              <Tab value="results">{t('tab.results')}</Tab>
              <Tab value="review">{t('tab.review')}</Tab>
              <Tab value="distribute">{t('tab.distribute')}</Tab>
              <Tab value="settings">{t('tab.settings')}</Tab>
            </TabList>
          </div>
          <Busy label={busy} />
          <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
          {error !== null && (
            <NoticeBar
              notice={{ intent: 'error', text: t('common.readFailed', { message: errorText(error) }) }}
              action={
                <Button size="small" onClick={() => void refresh()}>
                  {t('common.retry')}
                </Button>
              }
            />
          )}
          {content}
        </div>
        {browser && view && (
          <div className={s.preview}>
            <SheetPreview
              wb={view.wb}
              forms={view.forms}
              sheet={sheetNow}
              onSheet={(sheet) => {
                setCurrentSheet(sheet);
                setChosenKey(null);
              }}
              highlighted={highlight}
            />
          </div>
        )}
      </div>
      {dragging && (
        <div className={s.drop} aria-hidden>
          <Text size={500} weight="semibold">
            {t('browser.dropHere')}
          </Text>
        </div>
      )}
      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('browser.confirmTitle')}</DialogTitle>
            <DialogContent>{t('browser.confirmDiscard')}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                appearance="primary"
                onClick={() => {
                  const c = confirm;
                  setConfirm(null);
                  c?.run();
                }}
              >
                {t('browser.continue')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
