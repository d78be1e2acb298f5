// Rendering the pane against a fake port, in either language.
import './setup';
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { translate, type Lang, type MessageKey, type Vars } from '../../src/taskpane/i18n';
import type { WorkbookPort } from '../../src/taskpane/port';
import type { Form } from '../../src/domain/form';
import { exampleForm } from '../../src/domain/standards';
import { planForm } from '../../src/sheet/layout';
import { findForms, type FoundForm } from '../../src/sheet/readback';
import { FakeBrowserPort, FakeWorkbookPort } from '../support/fakePort';

export const LANGS: Lang[] = ['zh', 'en'];

export type T = (key: MessageKey, vars?: Vars) => string;
export function tr(lang: Lang): T {
  return (key, vars) => translate(lang, key, vars);
}

export function renderApp(port: WorkbookPort, lang: Lang) {
  window.localStorage.clear();
  const user = userEvent.setup();
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} initialLanguage={lang} />
    </FluentProvider>,
  );
  return { user, ...utils };
}

export const EXAMPLE_SHEET = '部门整体绩效自评2022';

/** A workbook holding the 从化 example (changed by `edit` first), as if inserted earlier. */
export function exampleWorkbook<P extends FakeWorkbookPort>(port: P, edit?: (f: Form) => void, sheetName = EXAMPLE_SHEET, prefix = 'JXZP1'): P {
  const form = exampleForm();
  edit?.(form);
  port.addPlan(planForm(form, { sheetName, prefix }));
  return port;
}

export function excelPort(): FakeWorkbookPort {
  return new FakeWorkbookPort('excel', ['Sheet1']);
}
export function browserPort(): FakeBrowserPort {
  return new FakeBrowserPort('绩效自评表.xlsx');
}

export async function formOf(port: WorkbookPort, sheet = EXAMPLE_SHEET): Promise<FoundForm> {
  const f = findForms(await port.read()).find((x) => x.sheet === sheet);
  if (!f) throw new Error(`no form on ${sheet}`);
  return f;
}

/** The table row of a preview/list that contains a text. */
export function rowWith(text: string, container: HTMLElement = document.body): HTMLElement {
  const cell = within(container).getByText(text);
  const row = cell.closest('tr');
  if (!row) throw new Error(`no row around ${text}`);
  return row as HTMLElement;
}

export { screen, within };

/**
 * The open dialog. Tabster (Fluent's focus manager) marks modal surfaces aria-hidden for a moment in jsdom, where
 * nothing has a size and so nothing looks focusable; the queries look past aria-hidden for the dialog only.
 */
export async function findDialog(): Promise<HTMLElement> {
  return screen.findByRole('alertdialog', { hidden: true });
}
export function dialogButton(dialog: HTMLElement, name: string): HTMLElement {
  return within(dialog).getByRole('button', { name, hidden: true });
}
export function queryDialog(): HTMLElement | null {
  return screen.queryByRole('alertdialog', { hidden: true });
}
