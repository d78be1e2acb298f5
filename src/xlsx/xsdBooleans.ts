// ExcelJS reads a few boolean attributes only when written as "1"/"0", but xsd:boolean also allows
// "true"/"false", which LibreOffice writes. Loading a form LibreOffice saved, ExcelJS would then drop the sheet
// protection (sheet="true"), lock every input cell (locked="false" read as locked) and lose fit-to-page
// (fitToPage="true"). Saving that back would take the form's protection and its unlocked input cells away.
// This teaches those three readers the long spelling. It patches ExcelJS's own classes (Node build only), once.

/* eslint-disable @typescript-eslint/no-var-requires */

interface XformNode {
  name: string;
  attributes: Record<string, string>;
}
interface XformClass {
  prototype: { parseOpen(node: XformNode): boolean; tag: string; __jxzpXsdBooleans?: boolean };
}

const BOOLEAN_ATTRIBUTES: Record<string, readonly string[]> = {
  'exceljs/lib/xlsx/xform/sheet/sheet-protection-xform': [
    'sheet', 'objects', 'scenarios', 'selectLockedCells', 'selectUnlockedCells', 'formatCells', 'formatColumns',
    'formatRows', 'insertColumns', 'insertRows', 'insertHyperlinks', 'deleteColumns', 'deleteRows', 'sort',
    'autoFilter', 'pivotTables',
  ],
  'exceljs/lib/xlsx/xform/style/protection-xform': ['locked', 'hidden'],
  'exceljs/lib/xlsx/xform/sheet/page-setup-properties-xform': ['fitToPage'],
};

function normalise(node: XformNode, names: readonly string[]): XformNode {
  if (!node || !node.attributes) return node;
  let attributes: Record<string, string> | null = null;
  for (const n of names) {
    const v = node.attributes[n];
    if (v === 'true' || v === 'false') {
      attributes ??= { ...node.attributes };
      attributes[n] = v === 'true' ? '1' : '0';
    }
  }
  return attributes ? { ...node, attributes } : node;
}

let installed = false;

/** Idempotent. Throws if ExcelJS's internals moved (an ExcelJS upgrade): better than silently losing protection. */
export function installXsdBooleans(): void {
  if (installed) return;
  for (const [path, names] of Object.entries(BOOLEAN_ATTRIBUTES)) {
    const Xform = require(path) as XformClass;
    const proto = Xform.prototype;
    if (proto.__jxzpXsdBooleans) continue;
    const original = proto.parseOpen;
    if (typeof original !== 'function') throw new Error(`ExcelJS internals changed: ${path} has no parseOpen`);
    proto.parseOpen = function parseOpen(this: typeof proto, node: XformNode): boolean {
      return original.call(this, node && node.name === this.tag ? normalise(node, names) : node);
    };
    proto.__jxzpXsdBooleans = true;
  }
  installed = true;
}
