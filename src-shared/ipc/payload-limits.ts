import { ATTACHMENT_LIMITS } from '../attachment-limits';
import { NOTE_LIMITS } from '../notes';
import type { IpcChannelName } from './names';

/**
 * How big a request's arguments may be, per channel, checked in the preload before sending and
 * again in the router before any schema runs: a 50 MB payload cost 0.3-1.3 s of zod parsing in
 * the main process, and a page could send them in a loop. No zod here (the preload imports it).
 *
 * The size is counted in characters (UTF-16 units) of strings plus a few per value, without
 * serializing: cheap, and never more than the UTF-8 bytes of the same text, so a note body
 * within NOTE_LIMITS.bodyMaxBytes always fits. Counting stops as soon as the cap is passed, so
 * refusing a huge payload costs about as much as the cap, whatever the payload's size.
 */
const SMALL = 8 * 1024;
const NOTE_CONTENT = NOTE_LIMITS.bodyMaxBytes + 64 * 1024; // the body, plus title, id and field names

export const IPC_PAYLOAD_LIMITS: { readonly [C in IpcChannelName]: number } = {
  'notes:list': SMALL,
  'notes:get': SMALL,
  'notes:create': NOTE_CONTENT,
  'notes:update': NOTE_CONTENT,
  'notes:search': SMALL,
  'notes:trash': SMALL,
  'notes:restore': SMALL,
  'notes:purge': SMALL,
  'notes:emptyTrash': SMALL,
  'notes:discardEmpty': SMALL,
  'notes:count': SMALL,
  'settings:get': SMALL,
  'settings:update': SMALL,
  'settings:chooseBackupFolder': SMALL,
  'settings:addDestination': SMALL,
  'settings:removeDestination': SMALL,
  'destinations:status': SMALL,
  'destinations:catchUp': SMALL,
  'schedule:keychainStatus': SMALL,
  'schedule:enable': SMALL,
  'schedule:disable': SMALL,
  'schedule:status': SMALL,
  'osSchedule:status': SMALL,
  'backups:list': SMALL,
  'backups:verify': SMALL,
  'backups:delete': SMALL,
  'backups:showInFolder': SMALL,
  'backups:retentionPreview': SMALL,
  'browse:open': SMALL,
  'browse:list': SMALL,
  'browse:search': SMALL,
  'browse:get': SMALL,
  // Up to NOTE_LIMITS.pageMaxSize note ids of up to 100 characters each.
  'browse:bringBack': 64 * 1024,
  'browse:close': SMALL,
  'backup:getFolder': SMALL,
  'backup:plan': SMALL,
  'backup:create': SMALL,
  'backup:cancel': SMALL,
  'restore:chooseFile': SMALL,
  'restore:fromBackupsFolder': SMALL,
  'restore:preview': SMALL,
  'restore:run': SMALL,
  'tags:list': SMALL,
  'tags:ofNote': SMALL,
  // Up to TAG_LIMITS.perRequestMax names of up to 200 characters each.
  'tags:add': 32 * 1024,
  'tags:remove': 32 * 1024,
  'tags:rename': SMALL,
  'tags:delete': SMALL,
  'versions:list': SMALL,
  'versions:get': SMALL,
  'versions:restore': SMALL,
  'links:open': SMALL,
  // The file's bytes (the repository refuses more than ATTACHMENT_LIMITS.maxBytes with its own
  // sentence), plus its claimed name and type.
  'attachments:add': ATTACHMENT_LIMITS.maxBytes + SMALL,
  'attachments:info': SMALL,
  'attachments:read': SMALL,
  'attachments:saveCopy': SMALL,
  'transfer:import': SMALL,
  'transfer:export': SMALL,
  'transfer:cancel': SMALL,
  'transfer:undoImport': SMALL,
  'recoveryCode:status': SMALL,
  'recoveryCode:create': SMALL,
  'recoveryCode:revoke': SMALL,
  // Two passkeys of up to 1024 characters each.
  'passkey:change': SMALL,
  'passkey:cancel': SMALL,
  'drills:status': SMALL,
  // A passkey of up to 1024 characters or a recovery code of up to 100.
  'drills:runNow': SMALL,
  'drills:cancel': SMALL,
  'health:report': SMALL,
};

/** Counted per value besides its characters: a number, a boolean, a separator. */
const PER_VALUE = 8;

/**
 * True when `payload` measures more than `limit` (see above). Iterative, so a deeply nested
 * payload cannot overflow the stack; typed arrays and ArrayBuffers count their bytes.
 */
export function payloadExceeds(payload: unknown, limit: number): boolean {
  let size = 0;
  const pending: unknown[] = [payload];
  // Each child is counted as it is queued, so a huge array or map is refused after `limit` items.
  const queue = (child: unknown, extra = 0) => {
    size += PER_VALUE + extra;
    pending.push(child);
    return size > limit;
  };
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') size += value.length;
    else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) size += value.byteLength;
    else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (queue(value[i])) return true;
    } else if (value instanceof Map || value instanceof Set) {
      for (const entry of value) if (queue(entry)) return true;
    } else if (typeof value === 'object' && value !== null) {
      for (const key in value) {
        if (Object.hasOwn(value, key) && queue((value as Record<string, unknown>)[key], key.length))
          return true;
      }
    }
    if (size > limit) return true;
  }
  return false;
}

/** The refusal both the preload and the router give, naming the limit. */
export function payloadTooLargeMessage(channel: IpcChannelName): string {
  return `${channel} was refused: its arguments are larger than the ${describeSize(IPC_PAYLOAD_LIMITS[channel])} this request allows.`;
}

function describeSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(2).replace(/\.?0+$/, '')} MiB` : `${n / 1024} KiB`;
}
