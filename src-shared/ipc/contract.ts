import { z } from 'zod';
import {
  countOptionsFields,
  listOptionsFields,
  newNoteFields,
  noteId,
  notePatchFields,
  record,
  searchOptionsFields,
  searchQuery,
} from '../note-rules';
import type { Note, Page, SearchHit } from '../notes';
import type { Result } from '../result';
import { returns } from './returns';
import type { Returns } from './returns';
import { scheduleEvents, scheduleRequests } from './contract-schedule';
import { backupEvents, backupRequests } from './contract-backup';
import { tagsRequests } from './contract-tags';
import { versionsRequests } from './contract-versions';
import { linksRequests } from './contract-links';
import { attachmentsRequests } from './contract-attachments';
import { transferEvents, transferRequests } from './contract-transfer';
import { recoveryCodeRequests } from './contract-recovery-code';
import { passkeyEvents, passkeyRequests } from './contract-passkey';
import { osScheduleRequests } from './contract-os-schedule';
import { retentionRequests } from './contract-retention';
import { drillsEvents, drillsRequests } from './contract-drills';
import { healthEvents, healthRequests } from './contract-health';
import { destinationsEvents, destinationsRequests } from './contract-destinations';
import { ipcChannelNames, ipcEventNames, isIpcChannel, isIpcEvent } from './names';
import type { IpcChannelName, IpcEventName } from './names';

/**
 * The one description of everything the renderer may ask the main process, and everything
 * the main process tells the renderer. The preload, the router, the renderer's API type and
 * the tests all derive from `ipcRequests` and `ipcEvents`; nothing restates a channel's
 * argument or result type elsewhere.
 *
 * Names are `domain:verb` for requests and `domain:didX` for events. The domain becomes
 * the API's namespace (`notes:list` -> `api.notes.list`, `notes:didChange` ->
 * `api.notes.onDidChange`), so adding `backup:*` entries later adds `api.backup`.
 */

export type { Returns } from './returns';

const byId = record('The request', { id: noteId });

const listOptions = record('List options', listOptionsFields);

const newNote = record('A new note', newNoteFields);

const notePatch = record('A note update', notePatchFields).refine(
  (patch) => Object.values(patch).some((value) => value !== undefined),
  { error: 'An update must change at least one of title, body or pinned.' },
);

const searchRequest = record('A search', {
  // An empty or all-punctuation query is valid and finds nothing.
  query: searchQuery,
  ...searchOptionsFields,
});

const noArguments = z.undefined({ error: 'This request takes no arguments.' });

export const ipcRequests = {
  'notes:list': { args: listOptions.optional(), returns: returns<Page<Note>>() },
  'notes:get': { args: byId, returns: returns<Note>() },
  'notes:create': { args: newNote, returns: returns<Note>() },
  'notes:update': { args: record('The request', { id: noteId, patch: notePatch }), returns: returns<Note>() },
  'notes:search': { args: searchRequest, returns: returns<SearchHit[]>() },
  'notes:trash': { args: byId, returns: returns<Note>() },
  'notes:restore': { args: byId, returns: returns<Note>() },
  'notes:purge': { args: byId, returns: returns<void>() },
  'notes:emptyTrash': { args: noArguments, returns: returns<number>() },
  // Deletes the note for good only if main finds it live and blank; true when it did.
  'notes:discardEmpty': { args: byId, returns: returns<boolean>() },
  'notes:count': {
    args: record('Count options', countOptionsFields).optional(),
    returns: returns<number>(),
  },
  ...scheduleRequests,
  ...backupRequests,
  ...tagsRequests,
  ...versionsRequests,
  ...linksRequests,
  ...attachmentsRequests,
  ...transferRequests,
  ...recoveryCodeRequests,
  ...passkeyRequests,
  ...osScheduleRequests,
  ...retentionRequests,
  ...drillsRequests,
  ...healthRequests,
  ...destinationsRequests,
} as const satisfies Record<`${string}:${string}`, { args: z.ZodType; returns: Returns<unknown> }>;

/** Why the notes changed; the renderer refreshes on every kind, later views may filter. */
export type NotesChangeReason =
  | 'created'
  | 'updated'
  | 'trashed'
  | 'restored'
  | 'purged'
  | 'trashEmptied'
  // Tags were put on or taken off notes, or a tag was renamed, merged or deleted.
  | 'tagged'
  // The whole database was replaced by a restore from backup.
  | 'replaced';

export interface NotesChange {
  reason: NotesChangeReason;
  /** The notes affected; empty when the trash was emptied. */
  ids: string[];
}

export const ipcEvents = {
  'notes:didChange': returns<NotesChange>(),
  ...scheduleEvents,
  ...backupEvents,
  ...transferEvents,
  ...passkeyEvents,
  ...drillsEvents,
  ...healthEvents,
  ...destinationsEvents,
} as const satisfies Record<`${string}:did${string}`, Returns<unknown>>;

export type IpcChannel = keyof typeof ipcRequests;
export type IpcEvent = keyof typeof ipcEvents;

/** Every domain that has a request or an event: the top-level keys of the API object. */
export type IpcDomain = DomainOf<IpcChannel | IpcEvent>;
export type DomainOf<Name> = Name extends `${infer Domain}:${string}` ? Domain : never;

export type IpcArgsSchema<C extends IpcChannel> = (typeof ipcRequests)[C]['args'];
/** What a caller may pass (before parsing). */
export type IpcArgsInput<C extends IpcChannel> = z.input<IpcArgsSchema<C>>;
/** What a handler receives (after parsing). */
export type IpcArgs<C extends IpcChannel> = z.output<IpcArgsSchema<C>>;
export type IpcValue<C extends IpcChannel> = ResultOf<(typeof ipcRequests)[C]['returns']>;
export type IpcEventPayload<E extends IpcEvent> = ResultOf<(typeof ipcEvents)[E]>;
type ResultOf<R> = R extends Returns<infer T> ? T : never;

/** Electron's IPC keeps only an Error's message, so failures cross as data: the one Result. */
export type IpcResult<T> = Result<T>;

// The names live in names.ts, which the preload imports without zod. Both lines stop the
// compile when a channel or event is added, renamed or removed on one side only.
true satisfies SameNames<IpcChannel, IpcChannelName>;
true satisfies SameNames<IpcEvent, IpcEventName>;
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const ipcChannels: IpcChannel[] = [...ipcChannelNames];
export { ipcEventNames, isIpcChannel, isIpcEvent };

/** Splits `domain:name` at the first colon; the contract's key types guarantee there is one. */
export function splitIpcName(name: IpcChannel | IpcEvent): { domain: string; member: string } {
  const colon = name.indexOf(':');
  return { domain: name.slice(0, colon), member: name.slice(colon + 1) };
}
