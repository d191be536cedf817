/**
 * Who sent an IPC request, reduced to the facts the trust check needs. A plain value
 * rather than Electron's event so the router and its tests run under plain Node.
 */
export interface SenderInfo {
  /** The id of the WebContents (window) the request came from. */
  webContentsId: number;
  /** The URL of the frame that sent it; undefined when the frame is already gone. */
  frameUrl: string | undefined;
  /** False for requests from an iframe inside the window. */
  isMainFrame: boolean;
}

export type TrustedSenderPredicate = (sender: SenderInfo) => boolean;
