import type { ExportFormat } from '../export/export-types';

/**
 * The native dialogs of import and export, as a seam: Electron's are transfer-dialogs-electron.ts;
 * the end-to-end bridge answers them with the test's fixture files, as OS dialogs cannot be
 * driven from a browser test. The renderer never names a path: main asks here.
 */
export interface TransferDialogs {
  /** A folder of Markdown files, or an export file (.enex, .json, .txt, .md); null when cancelled. */
  chooseImportSource(kind: 'folder' | 'file'): Promise<string | null>;
  /**
   * Where to export: a new folder's name for Markdown, a file for JSON (the dialog asks before
   * replacing one); null when cancelled.
   */
  chooseExportDestination(format: ExportFormat, defaultName: string): Promise<string | null>;
}

/** For compositions without a window (tests of other services): every choice is cancelled. */
export const noTransferDialogs: TransferDialogs = {
  chooseImportSource: () => Promise.resolve(null),
  chooseExportDestination: () => Promise.resolve(null),
};
