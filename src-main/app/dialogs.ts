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
  /** Opens the system file manager with the file selected. */
  showInFolder(path: string): void;
}
