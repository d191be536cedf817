/**
 * The system browser and mail app, as a seam: Electron's shell.openExternal in the app
 * (external-links-electron.ts); the end-to-end bridge and the IPC tests record instead, since
 * a test must never launch a browser. Only the `links:open` handler calls it, and only with an
 * address checkExternalLink (src-shared/markdown/external-link.ts) allowed and normalised.
 */
export interface ExternalLinks {
  open(href: string): Promise<void>;
}
