// Requirement sets, checked at run time. The manifest asks for ExcelApi 1.9, so Excel does not load the add-in
// where that set is missing; anything newer is used only after Office says the host has it.

/** The set the manifest requires: RangeAreas (getRanges), page layout, worksheet-collection events. */
export const BASE_API = '1.9';
/** Excel.createWorkbook (within BASE_API, so present wherever the add-in loads; checked all the same). */
export const CREATE_WORKBOOK_API = '1.8';
/** Range.getMergedAreasOrNullObject. */
export const MERGED_AREAS_API = '1.13';

export function supportsExcelApi(version: string): boolean {
  return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
}

export class ExcelApiUnsupportedError extends Error {
  readonly version: string;
  constructor(version: string) {
    super(
      `当前 Excel 版本过旧，不支持本加载项所需的功能（ExcelApi ${version}）。请使用 Excel 2019 或更新版本、Microsoft 365 或 Excel 网页版。`,
    );
    this.name = 'ExcelApiUnsupportedError';
    this.version = version;
  }
}

export function requireExcelApi(version: string): void {
  if (!supportsExcelApi(version)) throw new ExcelApiUnsupportedError(version);
}
