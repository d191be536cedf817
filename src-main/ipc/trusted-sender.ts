import type { SenderInfo, TrustedSenderPredicate } from './sender-info';

export interface TrustedSenderPolicy {
  /** The main window's WebContents id, or undefined while there is no window. */
  mainWebContentsId: () => number | undefined;
  /** The renderer's index.html as a file:// URL (url.pathToFileURL of the built file). */
  rendererFileUrl: string;
  /** electron-vite's dev server in development (ELECTRON_RENDERER_URL); never in packaged builds. */
  devServerUrl?: string | undefined;
  /** Windows paths are case-insensitive, so drive letters and folders may differ in case. */
  caseInsensitivePaths?: boolean;
}

/**
 * Only the main frame of NoteVault's own window, showing NoteVault's own page, may use the
 * API. Navigation is blocked elsewhere, but if a foreign page or an iframe ever got in
 * (pasted HTML, a bug), it must not be able to read or delete notes.
 */
export function createTrustedSenderCheck(policy: TrustedSenderPolicy): TrustedSenderPredicate {
  const rendererFile = parseUrl(policy.rendererFileUrl);
  if (rendererFile?.protocol !== 'file:') {
    throw new Error(`rendererFileUrl must be a file:// URL, got ${policy.rendererFileUrl}`);
  }
  const devServer = policy.devServerUrl ? parseUrl(policy.devServerUrl) : undefined;
  const normalisePath = (url: URL): string => {
    const path = decodeURIComponent(url.pathname);
    return policy.caseInsensitivePaths ? path.toLowerCase() : path;
  };
  const rendererPath = normalisePath(rendererFile);

  return (sender: SenderInfo): boolean => {
    const mainId = policy.mainWebContentsId();
    if (mainId === undefined || sender.webContentsId !== mainId || !sender.isMainFrame) return false;
    const url = sender.frameUrl === undefined ? undefined : parseUrl(sender.frameUrl);
    if (!url) return false;
    if (url.protocol === 'file:')
      return url.host === rendererFile.host && normalisePath(url) === rendererPath;
    return devServer !== undefined && url.origin === devServer.origin;
  };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
