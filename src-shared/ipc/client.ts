import { NoteVaultError, parseSerializedError } from '../errors';
import { ipcChannels, ipcEventNames, splitIpcName } from './contract';
import type {
  IpcArgsInput,
  IpcChannel,
  IpcDomain,
  IpcEvent,
  IpcEventPayload,
  IpcResult,
  IpcValue,
} from './contract';

/**
 * How the API reaches the main process. In the app it is the preload's `window.notevault`
 * (ipcRenderer underneath); in end-to-end tests it is a bridge into the test process.
 * Untyped on purpose: it is the wire, and the API built over it restores the types.
 */
export interface NotevaultTransport {
  invoke(channel: IpcChannel, payload: unknown): Promise<IpcResult<unknown>>;
  /** Returns a function that removes exactly the listener this call added. */
  subscribe(event: IpcEvent, listener: (payload: unknown) => void): () => void;
}

// A request whose arguments may be undefined (list, count, emptyTrash) can be called with none.
type RequestMethod<C extends IpcChannel> =
  undefined extends IpcArgsInput<C>
    ? (payload?: IpcArgsInput<C>) => Promise<IpcValue<C>>
    : (payload: IpcArgsInput<C>) => Promise<IpcValue<C>>;

type EventMethod<E extends IpcEvent> = (listener: (payload: IpcEventPayload<E>) => void) => () => void;

type DomainApi<D extends string> = {
  readonly [C in IpcChannel as C extends `${D}:${infer Verb}` ? Verb : never]: RequestMethod<C>;
} & {
  readonly [
    E in IpcEvent as E extends `${D}:${infer Name}` ? `on${Capitalize<Name>}` : never
  ]: EventMethod<E>;
};

/** `api.notes.list(...)`, `api.notes.onDidChange(...)`: one namespace per contract domain. */
export type NotevaultApi = { readonly [D in IpcDomain]: DomainApi<D> };

/**
 * Builds the typed API from the contract. Each request resolves to its value or rejects
 * with a NoteVaultError carrying the main process's code and message.
 *
 * It must run in the renderer's own JavaScript world: Electron's contextBridge copies only
 * an Error's message, so an error thrown inside the preload would arrive without its code.
 */
export function createNotevaultApi(transport: NotevaultTransport): NotevaultApi {
  const domains = new Map<string, Record<string, unknown>>();
  const domainFor = (name: string): Record<string, unknown> => {
    let domain = domains.get(name);
    if (!domain) domains.set(name, (domain = {}));
    return domain;
  };

  for (const channel of ipcChannels) {
    const { domain, member } = splitIpcName(channel);
    domainFor(domain)[member] = async (payload?: unknown) =>
      unwrapResult(await transport.invoke(channel, payload));
  }
  for (const event of ipcEventNames) {
    const { domain, member } = splitIpcName(event);
    domainFor(domain)[`on${member.charAt(0).toUpperCase()}${member.slice(1)}`] = (
      listener: (payload: unknown) => void,
    ) => transport.subscribe(event, listener);
  }

  const api: Record<string, unknown> = {};
  for (const [name, members] of domains) api[name] = Object.freeze(members);
  // The loops above build exactly the members NotevaultApi's mapped types describe;
  // client.test.ts checks the two agree.
  return Object.freeze(api) as NotevaultApi;
}

/** Returns a successful result's value, or throws the failure as a NoteVaultError. */
export function unwrapResult<T>(result: IpcResult<T>): T {
  if (isIpcResultShape(result)) {
    if (result.ok) return result.value;
    // A code this window does not know (a newer main process) still shows its message.
    const error =
      parseSerializedError(result.error) ?? parseSerializedError({ ...result.error, code: 'INTERNAL' });
    if (error !== undefined) throw error;
  }
  throw new NoteVaultError(
    'INTERNAL',
    'NoteVault received a reply from its main process that it does not understand. Restart NoteVault; if this keeps happening, please report it.',
  );
}

// Replies cross a process boundary: check the envelope before trusting its fields.
function isIpcResultShape(result: unknown): result is IpcResult<unknown> {
  if (typeof result !== 'object' || result === null || !('ok' in result)) return false;
  // A void result's `value: undefined` may not survive serialisation, so `value` is optional.
  if (result.ok === true) return true;
  if (result.ok !== false || !('error' in result)) return false;
  const error = result.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string' &&
    'code' in error
  );
}
