// The workbook as the pane sees it: cells, the active sheet, the forms in it. Re-read after every change.

import { useCallback, useEffect, useRef, useState } from 'react';
import { findForms, type FoundForm } from '../../sheet/readback';
import type { ReadWorkbook } from '../../sheet/plan';
import type { WorkbookPort } from '../port';

export interface WorkbookView {
  wb: ReadWorkbook;
  activeSheet: string;
  forms: FoundForm[];
}

export async function loadView(port: WorkbookPort): Promise<WorkbookView> {
  const wb = await port.read();
  const activeSheet = await port.activeSheet();
  return { wb, activeSheet, forms: findForms(wb) };
}

/** A stable identity of a form inside a workbook (its sheet and header row). */
export function formKey(f: FoundForm): string {
  return `${f.sheet}!${f.headerRow}`;
}

/** The form the pane works on: the one chosen, else the first on the current sheet, else the first of the workbook. */
export function pickForm(forms: FoundForm[], currentSheet: string, chosenKey: string | null): FoundForm | null {
  if (chosenKey) {
    const chosen = forms.find((f) => formKey(f) === chosenKey);
    if (chosen) return chosen;
  }
  return forms.find((f) => f.sheet === currentSheet) ?? forms[0] ?? null;
}

export interface WorkbookState {
  view: WorkbookView | null;
  /** the last read failed (the view, if any, is the one before) */
  error: unknown;
  /** re-reads the workbook; concurrent calls are coalesced into one more read */
  refresh: () => Promise<void>;
}

/**
 * Reads the workbook on mount and whenever the port reports a change (someone typed in the sheet). Reads never
 * overlap: a change during a read queues exactly one more read, so the pane always ends on the latest cells.
 */
export function useWorkbook(port: WorkbookPort): WorkbookState {
  const [view, setView] = useState<WorkbookView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const alive = useRef(true);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  const refresh = useCallback((): Promise<void> => {
    if (running.current) {
      again.current = true;
      return running.current;
    }
    const run = async (): Promise<void> => {
      do {
        again.current = false;
        try {
          const v = await loadView(port);
          if (alive.current) {
            setView(v);
            setError(null);
          }
        } catch (e) {
          if (alive.current) setError(e);
        }
      } while (again.current && alive.current);
      running.current = null;
    };
    running.current = run();
    return running.current;
  }, [port]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    const off = port.onChanged(() => void refresh());
    return () => {
      alive.current = false;
      off();
    };
  }, [port, refresh]);

  return { view, error, refresh };
}
