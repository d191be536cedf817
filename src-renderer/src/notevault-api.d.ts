import type { NotevaultTransport } from '../../src-shared/ipc/client';

declare global {
  interface Window {
    /**
     * Exposed by the preload (src-main/preload/index.ts), or by the end-to-end bridge.
     * Possibly missing when the page is opened outside NoteVault, hence the `undefined`.
     * The renderer never calls it directly: api.ts builds the typed API over it.
     */
    readonly notevault: NotevaultTransport | undefined;
  }
}

export {};
