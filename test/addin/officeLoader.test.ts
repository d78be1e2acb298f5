// Host detection: Office.js from the CDN, and browser mode without a long wait when it is absent.

import {
  BROWSER_WAIT_MS,
  HOSTED_WAIT_MS,
  OFFICE_JS_URL,
  looksHostedInOffice,
  startOffice,
} from '../../src/taskpane/officeLoader';

type ScriptBehaviour = 'load' | 'error' | 'hang';

interface FakeScript {
  src: string;
  async: boolean;
  onload: (() => void) | null;
  onerror: (() => void) | null;
}

function fakeHost(options: {
  script: ScriptBehaviour;
  /** What Office.onReady resolves with once the script "loaded"; 'never' keeps it pending. */
  ready?: { host: string | null } | 'never';
  search?: string;
  officeAlreadyThere?: boolean;
}) {
  const scripts: FakeScript[] = [];
  const office = {
    onReady: () =>
      options.ready === 'never' ? new Promise(() => undefined) : Promise.resolve(options.ready ?? { host: null }),
    context: {},
  } as unknown as typeof Office;
  const win = {
    Office: options.officeAlreadyThere ? office : undefined,
    name: '',
    location: { search: options.search ?? '', hash: '' },
  } as { Office?: typeof Office; name: string; location: { search: string; hash: string } };
  const document = {
    createElement: (tag: string) => {
      expect(tag).toBe('script');
      return { src: '', async: false, onload: null, onerror: null } as FakeScript;
    },
    head: {
      appendChild: (script: FakeScript) => {
        scripts.push(script);
        if (options.script === 'load') {
          setTimeout(() => {
            win.Office = office;
            script.onload?.();
          }, 5);
        } else if (options.script === 'error') {
          setTimeout(() => script.onerror?.(), 5);
        }
      },
    },
  } as unknown as Document;
  return { win, document, scripts, office };
}

describe('startOffice', () => {
  test('waits briefly in a plain browser, longer where Office opened the page', () => {
    expect(BROWSER_WAIT_MS).toBeLessThanOrEqual(3000);
    expect(HOSTED_WAIT_MS).toBeGreaterThan(BROWSER_WAIT_MS);
  });

  test('injects Office.js from Microsoft CDN and reports Excel', async () => {
    const host = fakeHost({ script: 'load', ready: { host: 'Excel' } });
    const start = await startOffice({ window: host.win, document: host.document });
    expect(host.scripts.map((s) => s.src)).toEqual([OFFICE_JS_URL]);
    expect(OFFICE_JS_URL).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(start).toEqual({ host: 'excel', office: host.office });
  });

  test('script that fails to load (offline): browser mode at once', async () => {
    const host = fakeHost({ script: 'error' });
    const t0 = Date.now();
    const start = await startOffice({ window: host.win, document: host.document });
    expect(start).toEqual({ host: 'browser', reason: 'unreachable' });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test('Office.js loaded outside Office (host null): browser mode', async () => {
    const host = fakeHost({ script: 'load', ready: { host: null } });
    expect(await startOffice({ window: host.win, document: host.document })).toEqual({
      host: 'browser',
      reason: 'no-host',
    });
  });

  test('another Office application: browser mode', async () => {
    const host = fakeHost({ script: 'load', ready: { host: 'Word' } });
    expect(await startOffice({ window: host.win, document: host.document })).toEqual({
      host: 'browser',
      reason: 'other-host',
    });
  });

  test('script that never answers: browser mode when the wait is over', async () => {
    const host = fakeHost({ script: 'hang' });
    const t0 = Date.now();
    const start = await startOffice({ window: host.win, document: host.document, timeoutMs: 60 });
    expect(start).toEqual({ host: 'browser', reason: 'timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test('Office.onReady that never resolves: browser mode when the wait is over', async () => {
    const host = fakeHost({ script: 'load', ready: 'never' });
    expect(await startOffice({ window: host.win, document: host.document, timeoutMs: 60 })).toEqual({
      host: 'browser',
      reason: 'timeout',
    });
  });

  test('Office.js already on the page is not loaded twice', async () => {
    const host = fakeHost({ script: 'hang', ready: { host: 'Excel' }, officeAlreadyThere: true });
    const start = await startOffice({ window: host.win, document: host.document });
    expect(host.scripts).toHaveLength(0);
    expect(start.host).toBe('excel');
  });
});

describe('looksHostedInOffice', () => {
  const plain = { name: '', location: { search: '', hash: '' } };

  test('a plain browser tab', () => {
    expect(looksHostedInOffice(plain)).toBe(false);
    expect(looksHostedInOffice({ ...plain, location: { search: '?lang=en', hash: '' } })).toBe(false);
  });

  test('the host-info parameter Office adds to the add-in URL', () => {
    expect(
      looksHostedInOffice({ ...plain, location: { search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0', hash: '' } }),
    ).toBe(true);
  });

  test('host info kept in window.name or sessionStorage after a reload', () => {
    expect(looksHostedInOffice({ ...plain, name: '{"hostInfo":"Excel|Web|16.00|zh-CN"}' })).toBe(true);
    const storage = { length: 1, key: () => 'hostInfoValue' } as unknown as Storage;
    expect(looksHostedInOffice({ ...plain, sessionStorage: storage })).toBe(true);
  });

  test('desktop webview bridges', () => {
    expect(looksHostedInOffice({ ...plain, chrome: { webview: {} } })).toBe(true);
    expect(looksHostedInOffice({ ...plain, webkit: { messageHandlers: { Agave: {} } } })).toBe(true);
  });

  test('sessionStorage that throws is not a sign', () => {
    const win = { ...plain };
    Object.defineProperty(win, 'sessionStorage', {
      get() {
        throw new Error('denied');
      },
    });
    expect(looksHostedInOffice(win)).toBe(false);
  });
});
