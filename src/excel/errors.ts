// Failures the pane shows as they are: each message says, in Chinese, what happened and what to do.

export class SheetExistsError extends Error {
  readonly sheet: string;
  constructor(sheet: string) {
    super(`工作簿中已有名为「${sheet}」的工作表。请换一个名称，或确认后替换该工作表。`);
    this.name = 'SheetExistsError';
    this.sheet = sheet;
  }
}

export class NameInUseError extends Error {
  readonly definedName: string;
  readonly sheet: string;
  constructor(definedName: string, sheet: string) {
    super(`名称 ${definedName} 已被工作表「${sheet}」中的自评表使用，不能再用于新表。请为新表换用另一个名称前缀。`);
    this.name = 'NameInUseError';
    this.definedName = definedName;
    this.sheet = sheet;
  }
}

/** Inserting failed, and so did removing the half-written sheet it left. */
export class InsertCleanupError extends Error {
  readonly sheet: string;
  readonly insertError: unknown;
  readonly cleanupError: unknown;
  constructor(sheet: string, insertError: unknown, cleanupError: unknown) {
    super(
      `插入自评表失败（${messageOf(insertError)}），且未能删除未完成的工作表「${sheet}」（${messageOf(cleanupError)}）。请手动删除该工作表后重试。`,
    );
    this.name = 'InsertCleanupError';
    this.sheet = sheet;
    this.insertError = insertError;
    this.cleanupError = cleanupError;
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
