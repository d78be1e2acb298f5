// Decides where the pane runs. Add-ins must take Office.js from Microsoft's CDN, so it is injected here rather than
// bundled; a plain browser (or no network) must not wait for it, so the wait is short unless the page was clearly
// opened by Office, whose first load of Office.js over a slow line can take longer.

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** How long a page that does not look hosted waits for Office.js before starting in browser mode. */
export const BROWSER_WAIT_MS = 3000;
/** How long a page that Office opened waits (Office.js and its host scripts come from the CDN on first use). */
export const HOSTED_WAIT_MS = 20000;

export type OfficeStart =
  | { host: 'excel'; office: typeof Office }
  | {
      host: 'browser';
      /**
       * unreachable: the script failed to load (offline, blocked); timeout: it did not answer in time;
       * no-host: Office.js says the page is not inside Office; other-host: inside Office, but not Excel.
       */
      reason: 'unreachable' | 'timeout' | 'no-host' | 'other-host';
    };

interface OfficeWindow {
  Office?: typeof Office;
  name: string;
  location: { search: string; hash: string };
  sessionStorage?: Storage;
  chrome?: { webview?: unknown };
  webkit?: { messageHandlers?: Record<string, unknown> };
}

/**
 * Signs that Office opened this page: the host-info parameter Office appends to the add-in URL (also kept by
 * Office.js in window.name or sessionStorage across navigations), or a desktop webview bridge.
 */
export function looksHostedInOffice(win: OfficeWindow): boolean {
  if (/[?&#]_host_Info=/i.test(win.location.search + win.location.hash)) return true;
  if (/host_?info/i.test(win.name)) return true;
  try {
    const storage = win.sessionStorage;
    if (storage) {
      for (let i = 0; i < storage.length; i++) {
        if (/host_?info/i.test(storage.key(i) ?? '')) return true;
      }
    }
  } catch {
    // sessionStorage can be denied (third-party frame, privacy settings): then it is simply not a sign.
  }
  if (win.chrome?.webview) return true; // Excel on Windows (WebView2)
  if (win.webkit?.messageHandlers?.Agave) return true; // Excel on Mac
  return false;
}

type Outcome<T> = { ok: true; value: T } | { ok: false };

function within<T>(promise: Promise<T>, ms: number): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false }), Math.max(0, ms));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ ok: true, value });
      },
      () => {
        clearTimeout(timer);
        resolve({ ok: false });
      },
    );
  });
}

function injectScript(doc: Document, src: string): Promise<'loaded' | 'failed'> {
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve('loaded');
    script.onerror = () => resolve('failed');
    doc.head.appendChild(script);
  });
}

export interface StartOfficeOptions {
  window?: OfficeWindow;
  document?: Document;
  /** Overrides the wait (otherwise BROWSER_WAIT_MS or HOSTED_WAIT_MS, by looksHostedInOffice). */
  timeoutMs?: number;
  src?: string;
}

/** Loads Office.js and waits for Office.onReady, within one deadline. Never rejects. */
export async function startOffice(options: StartOfficeOptions = {}): Promise<OfficeStart> {
  const win = options.window ?? (window as unknown as OfficeWindow);
  const doc = options.document ?? document;
  const deadline = Date.now() + (options.timeoutMs ?? (looksHostedInOffice(win) ? HOSTED_WAIT_MS : BROWSER_WAIT_MS));

  if (!win.Office) {
    const loaded = await within(injectScript(doc, options.src ?? OFFICE_JS_URL), deadline - Date.now());
    if (!loaded.ok) return { host: 'browser', reason: 'timeout' };
    if (loaded.value === 'failed' || !win.Office) return { host: 'browser', reason: 'unreachable' };
  }
  const office = win.Office;
  const ready = await within(Promise.resolve().then(() => office.onReady()), deadline - Date.now());
  if (!ready.ok) return { host: 'browser', reason: 'timeout' };
  const host = ready.value?.host;
  if (!host) return { host: 'browser', reason: 'no-host' };
  // Compared by value: Office.HostType.Excel is the string "Excel".
  if (String(host) !== 'Excel') return { host: 'browser', reason: 'other-host' };
  return { host: 'excel', office };
}
