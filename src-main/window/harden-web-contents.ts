import type { App, WebContents } from 'electron';

/**
 * NoteVault is one local page. Anything that would put other content next to the IPC
 * API is refused: navigating away (a link or a script changing location), opening a new
 * window (window.open, target=_blank, a middle-click on a link) and attaching a <webview>
 * (webviewTag is off as well; this also covers a webview asked for by a future window).
 * The trusted-sender check in src-main/ipc refuses such pages too; this keeps them out.
 *
 * In a packaged build DevTools are off in every window's preferences (secure-window.ts); if
 * they open anyway (a future window created elsewhere, an Electron change), they are closed.
 */
export function hardenWebContents(contents: WebContents, { isPackaged }: { isPackaged: boolean }): void {
  // Programmatic loads (loadFile, reload) do not emit will-navigate, so our own page still loads.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/**
 * Hardens every WebContents when it is created, before it loads anything: the main
 * window's, and any a later feature adds, without each feature having to remember.
 */
export function installWebContentsHardening(app: Pick<App, 'on' | 'isPackaged'>): void {
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { isPackaged: app.isPackaged }),
  );
}
