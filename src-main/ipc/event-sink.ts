import type { IpcEvent, IpcEventPayload } from '../../src-shared/ipc/contract';

/**
 * Sends a contract event to the renderer. Electron's implementation posts to the main
 * window; the end-to-end bridge posts into the test page.
 */
export type IpcEventSink = <E extends IpcEvent>(event: E, payload: IpcEventPayload<E>) => void;
