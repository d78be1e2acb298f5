/**
 * @jest-environment jsdom
 */
// The add-in manifest: valid against Microsoft's XSD schemas (offline copy in ../shared/schemas/manifest, checked with
// xmllint from Debian's libxml2-utils), every resource reference resolved, both locales complete, and the production
// URL rewrite leaving a manifest that is still valid and no longer mentions localhost.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEV_URL, normaliseAddinUrl, rewriteManifestUrls } from '../../scripts/manifestUrls';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const SCHEMA = path.resolve(ROOT, '..', 'shared', 'schemas', 'manifest', 'OfficeAppManifestV1_1.xsd');

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
};

const CJK = /[\u3400-\u9fff]/;

function validate(xml: string): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxzp-manifest-'));
  const file = path.join(dir, 'manifest.xml');
  fs.writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (result.error) {
    throw new Error(`xmllint could not run (install Debian's libxml2-utils): ${result.error.message}`);
  }
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`manifest is not well-formed XML: ${error.textContent}`);
  return doc;
}

function all(root: Document | Element, ns: string, name: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, name));
}

const source = fs.readFileSync(MANIFEST, 'utf8');
const doc = parse(source);
const versionOverrides = all(doc, NS.ov, 'VersionOverrides')[0];
const resources = all(versionOverrides, NS.ov, 'Resources')[0];

function resourceIds(container: string, item: string): string[] {
  return all(resources, NS.bt, container).flatMap((c) => all(c, NS.bt, item).map((e) => e.getAttribute('id') ?? ''));
}

const images = resourceIds('Images', 'Image');
const urls = resourceIds('Urls', 'Url');
const shortStrings = resourceIds('ShortStrings', 'String');
const longStrings = resourceIds('LongStrings', 'String');

/** Every element under VersionOverrides (outside Resources) that points at a resource, with its local name. */
const references = Array.from(versionOverrides.getElementsByTagName('*'))
  .filter((e) => e.hasAttribute('resid') && !resources.contains(e))
  .map((e) => ({ element: e.localName, parent: e.parentElement?.localName ?? '', resid: e.getAttribute('resid')! }));

describe('manifest.xml against the XSD schemas', () => {
  test('the schemas are where the tests expect them', () => {
    expect(fs.existsSync(SCHEMA)).toBe(true);
  });

  test('validates', () => {
    const result = validate(source);
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
  });

  test('negative control: without <Id> it fails', () => {
    const withoutId = source.replace(/<Id>[^<]*<\/Id>\s*/, '');
    expect(withoutId).not.toContain('<Id>');
    const result = validate(withoutId);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/fails to validate/);
  });

  test('negative control: a ribbon label over 125 characters fails', () => {
    const tooLong = source.replace('DefaultValue="绩效自评"', `DefaultValue="${'长'.repeat(126)}"`);
    expect(tooLong).not.toBe(source);
    expect(validate(tooLong).ok).toBe(false);
  });
});

describe('manifest.xml content', () => {
  test('an Excel task-pane add-in with a fixed GUID, Chinese by default', () => {
    const root = doc.documentElement;
    expect(root.localName).toBe('OfficeApp');
    expect(root.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type')).toBe('TaskPaneApp');
    expect(all(doc, NS.app, 'Id')[0].textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(all(doc, NS.app, 'DefaultLocale')[0].textContent).toBe('zh-CN');
    const hosts = all(doc, NS.app, 'Host').filter((h) => h.parentElement?.namespaceURI === NS.app);
    expect(hosts.map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(all(doc, NS.app, 'Permissions')[0].textContent).toBe('ReadWriteDocument');
    expect(all(doc, NS.app, 'SourceLocation')[0].getAttribute('DefaultValue')).toBe(`${DEV_URL}taskpane.html`);
  });

  test('requires ExcelApi 1.9', () => {
    const sets = all(doc, NS.app, 'Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]);
    expect(sets).toEqual([['ExcelApi', '1.9']]);
  });

  test('DisplayName and Description are Chinese with an English override', () => {
    for (const name of ['DisplayName', 'Description']) {
      const element = all(doc, NS.app, name)[0];
      expect(element.getAttribute('DefaultValue')).toMatch(CJK);
      const overrides = all(element, NS.app, 'Override');
      expect(overrides.map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
      expect(overrides[0].getAttribute('Value')).toMatch(/^[^\u3400-\u9fff]+$/);
    }
  });

  test('the ribbon: group 绩效自评 on the Home tab with a button 打开助手 that shows the pane', () => {
    const tab = all(versionOverrides, NS.ov, 'OfficeTab')[0];
    expect(tab.getAttribute('id')).toBe('TabHome');
    const group = all(tab, NS.ov, 'Group')[0];
    const text = (resid: string | null | undefined): string | null =>
      all(resources, NS.bt, 'String').find((s) => s.getAttribute('id') === resid)?.getAttribute('DefaultValue') ?? null;
    const label = (e: Element): string | null => text(Array.from(e.children).find((c) => c.localName === 'Label')?.getAttribute('resid'));
    expect(label(group)).toBe('绩效自评');
    const button = all(group, NS.ov, 'Control')[0];
    expect(label(button)).toBe('打开助手');
    const supertip = all(button, NS.ov, 'Supertip')[0];
    expect(all(supertip, NS.ov, 'Title')).toHaveLength(1);
    expect(all(supertip, NS.ov, 'Description')).toHaveLength(1);
    const action = all(button, NS.ov, 'Action')[0];
    expect(action.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type')).toBe('ShowTaskpane');
  });

  test('every resid is defined, in the resource list of its kind', () => {
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) {
      const kind =
        ref.element === 'Image'
          ? images
          : ref.element === 'SourceLocation' || ref.element === 'LearnMoreUrl'
            ? urls
            : ref.element === 'Description'
              ? longStrings
              : shortStrings; // Label, Title
      expect({ ...ref, defined: kind.includes(ref.resid) }).toEqual({ ...ref, defined: true });
    }
  });

  test('every resource is used, and ids are unique', () => {
    const used = new Set(references.map((r) => r.resid));
    for (const id of [...images, ...urls, ...shortStrings, ...longStrings]) {
      expect({ id, used: used.has(id) }).toEqual({ id, used: true });
    }
    const ids = [...images, ...urls, ...shortStrings, ...longStrings];
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every string resource is Chinese with an English (en-US) override', () => {
    const strings = all(resources, NS.bt, 'String');
    expect(strings.length).toBe(shortStrings.length + longStrings.length);
    for (const s of strings) {
      const id = s.getAttribute('id');
      const overrides = all(s, NS.bt, 'Override');
      expect({ id, locales: overrides.map((o) => o.getAttribute('Locale')) }).toEqual({ id, locales: ['en-US'] });
      expect({ id, zh: CJK.test(s.getAttribute('DefaultValue') ?? '') }).toEqual({ id, zh: true });
      expect({ id, en: overrides[0].getAttribute('Value') }).toEqual({ id, en: expect.stringMatching(/^[^\u3400-\u9fff]+$/) });
    }
  });

  test('every URL is https on the development server, and each local file it names exists', () => {
    const values = [
      ...all(resources, NS.bt, 'Image'),
      ...all(resources, NS.bt, 'Url'),
      ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation'].flatMap((n) => all(doc, NS.app, n)),
    ].map((e) => e.getAttribute('DefaultValue') ?? '');
    for (const url of values) {
      expect(url.startsWith(DEV_URL)).toBe(true);
      const file = url.slice(DEV_URL.length);
      if (file.startsWith('assets/')) expect({ file, exists: fs.existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
    }
    expect(all(doc, NS.app, 'AppDomain').map((d) => d.textContent)).toEqual([new URL(DEV_URL).origin]);
  });

  test('each ribbon image is the PNG of the size it is declared as', () => {
    const byId = new Map(all(resources, NS.bt, 'Image').map((i) => [i.getAttribute('id'), i.getAttribute('DefaultValue')]));
    const declared = all(versionOverrides, NS.bt, 'Image').filter((i) => i.hasAttribute('size'));
    expect(declared.length).toBeGreaterThan(0);
    for (const image of declared) {
      const url = byId.get(image.getAttribute('resid'))!;
      const png = fs.readFileSync(path.join(ROOT, url.slice(DEV_URL.length)));
      const size = Number(image.getAttribute('size'));
      expect({ url, width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ url, width: size, height: size });
    }
  });
});

describe('the production URL rewrite (scripts/manifestUrls.js, used by webpack.config.js)', () => {
  const deployed = rewriteManifestUrls(source, 'https://jxzp.example.gov.cn/zp');

  test('leaves no localhost, and every URL under the deployment address', () => {
    expect(deployed).not.toMatch(/localhost/);
    const rewritten = parse(deployed);
    const rewrittenResources = all(rewritten, NS.ov, 'Resources')[0];
    const urls = [
      ...all(rewrittenResources, NS.bt, 'Image'),
      ...all(rewrittenResources, NS.bt, 'Url'),
      ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation'].flatMap((n) => all(rewritten, NS.app, n)),
    ].map((e) => e.getAttribute('DefaultValue'));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\/jxzp\.example\.gov\.cn\/zp\/(assets\/|taskpane\.html$)/);
    expect(all(rewritten, NS.app, 'AppDomain').map((d) => d.textContent)).toEqual(['https://jxzp.example.gov.cn']);
  });

  test('changes nothing else', () => {
    const back = deployed.split('https://jxzp.example.gov.cn/zp/').join(DEV_URL).split('https://jxzp.example.gov.cn').join(new URL(DEV_URL).origin);
    expect(back).toBe(source);
  });

  test('the rewritten manifest still validates', () => {
    expect(validate(deployed).ok).toBe(true);
  });

  test('refuses what Office would not load or what would break the XML', () => {
    expect(normaliseAddinUrl('https://jxzp.example.gov.cn')).toBe('https://jxzp.example.gov.cn/');
    expect(() => normaliseAddinUrl('http://jxzp.example.gov.cn/')).toThrow(/https/);
    expect(() => normaliseAddinUrl('jxzp.example.gov.cn')).toThrow(/不是有效的网址/);
    expect(() => normaliseAddinUrl('https://jxzp.example.gov.cn/?a=1&b=2')).toThrow(/查询/);
    expect(() => normaliseAddinUrl('https://localhost:8443/')).toThrow(/localhost/);
  });
});
