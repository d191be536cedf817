/**
 * The native dialogs the main process opens for the renderer, as a seam: Electron's
 * implementation is dialogs-electron.ts; the end-to-end bridge stubs it with temp paths,
 * because OS dialogs cannot be driven from a browser test. Paths only ever come from here
 * (or from lists the main process made), never from the renderer.
 */
export interface Dialogs {
  /** A folder for backups; null when the person cancelled. */
  chooseFolder(options: { title: string; defaultPath?: string | undefined }): Promise<string | null>;
  /** A .nvbak file to restore or inspect; null when the person cancelled. */
  chooseBackupFile(options: { title: string; defaultPath?: string | undefined }): Promise<string | null>;
  /**
   * Asks the person to confirm a step that cannot be undone, in a native dialog the renderer
   * cannot answer; true only when they chose `confirmLabel` (Cancel is the default).
   */
  confirm(question: ConfirmQuestion): Promise<boolean>;
  /**
   * Where to save a copy of a file (an attachment), offering `defaultName`; null when the
   * person cancelled. The dialog itself asks before replacing an existing file.
   */
  chooseSaveFile(options: { title: string; defaultName: string }): Promise<string | null>;
  /** Opens the system file manager with the file selected. */
  showInFolder(path: string): void;
}

export interface ConfirmQuestion {
  /** The question, e.g. "Delete this note forever?". */
  message: string;
  /** What happens, in a sentence. */
  detail: string;
  /** The button that does it, e.g. "Delete forever". */
  confirmLabel: string;
}
