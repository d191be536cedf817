import type { SenderInfo, TrustedSenderPredicate } from './sender-info';

export interface TrustedSenderPolicy {
  /** The main window's WebContents id, or undefined while there is no window. */
  mainWebContentsId: () => number | undefined;
  /** The renderer's page: RENDERER_URL, app://notevault/index.html (src-main/window/app-origin.ts). */
  rendererUrl: string;
  /** electron-vite's dev server in development (ELECTRON_RENDERER_URL); never in packaged builds. */
  devServerUrl?: string | undefined;
}

/**
 * Only the main frame of NoteVault's own window, showing NoteVault's own page, may use the
 * API. Navigation is blocked elsewhere, but if a foreign page or an iframe ever got in
 * (pasted HTML, a bug), it must not be able to read or delete notes. The page is compared by
 * origin and path (a hash or query is still our page); file:// is never ours, wherever the
 * file is: the renderer is served from app:// and the session refuses file:// loads.
 */
export function createTrustedSenderCheck(policy: TrustedSenderPolicy): TrustedSenderPredicate {
  const renderer = parseUrl(policy.rendererUrl);
  if (!renderer || renderer.protocol === 'file:' || renderer.host === '') {
    throw new Error(`rendererUrl must be a URL with a host (app://…), got ${policy.rendererUrl}`);
  }
  const devServer = policy.devServerUrl ? parseUrl(policy.devServerUrl) : undefined;

  return (sender: SenderInfo): boolean => {
    const mainId = policy.mainWebContentsId();
    if (mainId === undefined || sender.webContentsId !== mainId || !sender.isMainFrame) return false;
    const url = sender.frameUrl === undefined ? undefined : parseUrl(sender.frameUrl);
    if (!url || url.protocol === 'file:') return false;
    if (sameOrigin(url, renderer) && url.pathname === renderer.pathname) return true;
    return devServer !== undefined && sameOrigin(url, devServer);
  };
}

/**
 * Scheme, host and port. Not URL.origin: Node's URL parser gives every scheme it does not
 * know (app: among them) the opaque origin "null", which would make all such URLs equal.
 */
function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host !== '' && a.host === b.host;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
