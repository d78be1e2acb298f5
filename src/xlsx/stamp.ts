// The stamp in an .xlsx: the hidden worksheet (src/sheet/stampSheet.ts) added through ExcelJS, and the workbook
// names holding the same fields as text constants. ExcelJS keeps only names that point at cells, so the names are
// written into, and read from, xl/workbook.xml directly. No Node APIs: the browser mode uses this too.

import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { STAMP_SHEET, stampFromNames, stampNames, stampSheetPlan, type SealedStamp } from '../sheet/stampSheet';
import type { SheetPlan } from '../sheet/plan';
import { addPlanToWorkbook } from './writeWorkbook';

/** Adds a marker sheet (hidden by its plan). */
export async function addHiddenSheet(workbook: ExcelJS.Workbook, plan: SheetPlan): Promise<void> {
  await addPlanToWorkbook(workbook, plan);
}

/** Adds the hidden stamp sheet to a workbook in memory (before it is written). */
export function addStampSheet(workbook: ExcelJS.Workbook, stamp: SealedStamp): Promise<void> {
  return addHiddenSheet(workbook, stampSheetPlan(stamp));
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

async function openZip(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

function output(zip: JSZip): Promise<Uint8Array> {
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * Adds workbook names holding text constants (name → ="text") to .xlsx bytes, replacing names of the same name.
 * Hidden names: they do not clutter the Name Manager, and Excel keeps them all the same.
 */
export async function addConstantNames(bytes: Uint8Array, names: { name: string; formula: string }[]): Promise<Uint8Array> {
  const zip = await openZip(bytes);
  const part = zip.file('xl/workbook.xml');
  if (!part) throw new Error('not a workbook: xl/workbook.xml missing');
  let xml = await part.async('string');
  for (const { name } of names) {
    xml = xml.replace(new RegExp(`<definedName\\b[^>]*\\bname="${name}"[^>]*>[\\s\\S]*?</definedName>`, 'g'), '');
  }
  const defs = names.map((n) => `<definedName name="${escapeXml(n.name)}" hidden="1">${escapeXml(n.formula.replace(/^=/, ''))}</definedName>`).join('');
  if (xml.includes('</definedNames>')) xml = xml.replace('</definedNames>', `${defs}</definedNames>`);
  else if (/<definedNames\s*\/>/.test(xml)) xml = xml.replace(/<definedNames\s*\/>/, `<definedNames>${defs}</definedNames>`);
  else if (xml.includes('</sheets>')) xml = xml.replace('</sheets>', `</sheets><definedNames>${defs}</definedNames>`);
  else throw new Error('not a workbook: no <sheets> in xl/workbook.xml');
  zip.file('xl/workbook.xml', xml);
  return output(zip);
}

/** Every workbook name whose value is a text constant ("…"), name → text. Empty for bytes that are not a zip. */
export async function readConstantNames(bytes: Uint8Array): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let xml: string;
  try {
    const part = (await openZip(bytes)).file('xl/workbook.xml');
    if (!part) return out;
    xml = await part.async('string');
  } catch {
    return out; // not a zip: the caller has already said why the file cannot be read
  }
  for (const m of xml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    if (!name) continue;
    const formula = unescapeXml(m[2]).trim().replace(/^=/, '');
    const c = /^"((?:[^"]|"")*)"$/.exec(formula);
    if (c) out.set(unescapeXml(name), c[1].replace(/""/g, '"'));
  }
  return out;
}

/** The stamp as the workbook's names carry it (fields unchecked), or null. */
export async function readStampNames(bytes: Uint8Array): Promise<Partial<SealedStamp> | null> {
  return stampFromNames(await readConstantNames(bytes));
}

/** Adds the stamp's names to written .xlsx bytes. */
export function addStampNames(bytes: Uint8Array, stamp: SealedStamp): Promise<Uint8Array> {
  return addConstantNames(bytes, stampNames(stamp));
}

export { STAMP_SHEET };
