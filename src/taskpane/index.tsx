// Entry point of the task pane: decide the host, build its WorkbookPort, mount the app. ExcelJS (browser mode) is
// imported dynamically so the add-in's first load inside Excel does not carry it.

import * as React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { App } from './App';
import { createExcelPort } from '../excel/excelPort';
import { startOffice } from './officeLoader';
import type { WorkbookPort } from './port';

type Language = 'zh' | 'en';

/** Office's look, with Chinese UI fonts before the generic fallback (Segoe UI has no CJK glyphs). */
const theme: Theme = {
  ...webLightTheme,
  fontFamilyBase:
    "'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', " +
    "'WenQuanYi Zen Hei', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif",
};

const useStyles = makeStyles({
  centre: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: tokens.spacingHorizontalL,
    boxSizing: 'border-box',
  },
  message: { maxWidth: '420px' },
  title: { display: 'block', marginBottom: tokens.spacingVerticalXS },
  english: { marginTop: tokens.spacingVerticalS, color: tokens.colorNeutralForeground3 },
});

function Loading(): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.centre}>
      <Spinner label="正在加载… / Loading…" labelPosition="below" />
    </div>
  );
}

function StartupMessage(props: { title: string; zh: string; en: string }): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.centre}>
      <MessageBar intent="error" layout="multiline" className={styles.message}>
        <MessageBarBody>
          <MessageBarTitle className={styles.title}>{props.title}</MessageBarTitle>
          <div>{props.zh}</div>
          <div lang="en" className={styles.english}>
            {props.en}
          </div>
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}

function render(root: Root, content: React.JSX.Element): void {
  root.render(<FluentProvider theme={theme}>{content}</FluentProvider>);
}

/** ?lang=en (or zh) chooses the language; otherwise Excel's display language, and Chinese by default. */
function chooseLanguage(officeLanguage: string | undefined): Language | undefined {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  if (officeLanguage) return officeLanguage.toLowerCase().startsWith('en') ? 'en' : 'zh';
  return undefined;
}

async function choosePort(): Promise<
  { port: WorkbookPort; language: Language | undefined } | { unsupported: true }
> {
  const start = await startOffice();
  if (start.host === 'excel') {
    const context = start.office.context;
    if (!context.requirements.isSetSupported('ExcelApi', '1.9')) return { unsupported: true };
    return { port: createExcelPort(), language: chooseLanguage(context.displayLanguage) };
  }
  const { createBrowserPort } = await import(/* webpackChunkName: "browser" */ './browserPort');
  return { port: await createBrowserPort(), language: chooseLanguage(undefined) };
}

async function main(): Promise<void> {
  // taskpane.html found the webview too old and shows its own message (a webview that old rarely gets this far).
  if (document.documentElement.hasAttribute('data-unsupported-webview')) return;
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const root = createRoot(container);
  render(root, <Loading />);
  try {
    const chosen = await choosePort();
    if ('unsupported' in chosen) {
      render(
        root,
        <StartupMessage
          title="此版本的 Excel 无法运行绩效自评助手"
          zh="助手需要 Microsoft 365、Excel 2021 或更新版本，或 Excel 网页版（ExcelApi 1.9）。请升级 Excel；也可以直接在浏览器中打开本页，处理 .xlsx 文件。"
          en="The assistant needs Microsoft 365, Excel 2021 or later, or Excel on the web (ExcelApi 1.9). Please update Excel, or open this page in a browser to work on an .xlsx file."
        />,
      );
      return;
    }
    render(root, <App port={chosen.port} initialLanguage={chosen.language} />);
  } catch (error) {
    render(
      root,
      <StartupMessage
        title="绩效自评助手未能启动"
        zh={`请检查网络后刷新页面重试。详细信息：${error instanceof Error ? error.message : String(error)}`}
        en="Please check the network connection and reload the page."
      />,
    );
    throw error;
  }
}

void main();
