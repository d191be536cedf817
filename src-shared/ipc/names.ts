/**
 * The contract's channel and event names alone, with no schemas: the preload checks names
 * with these, so its bundle carries no zod (a sandboxed preload must bundle all it uses).
 * contract.ts fails to compile when its keys and these lists differ, and names.test.ts
 * compares them at run time, so the two cannot drift.
 */

export const ipcChannelNames = [
  'notes:list',
  'notes:get',
  'notes:create',
  'notes:update',
  'notes:search',
  'notes:trash',
  'notes:restore',
  'notes:purge',
  'notes:emptyTrash',
  'notes:discardEmpty',
  'notes:count',
  'settings:get',
  'settings:update',
  'settings:chooseBackupFolder',
  'settings:addDestination',
  'settings:removeDestination',
  'destinations:status',
  'destinations:catchUp',
  'schedule:keychainStatus',
  'schedule:enable',
  'schedule:disable',
  'schedule:status',
  'osSchedule:status',
  'backups:list',
  'backups:verify',
  'backups:delete',
  'backups:showInFolder',
  'backups:retentionPreview',
  'browse:open',
  'browse:list',
  'browse:search',
  'browse:get',
  'browse:bringBack',
  'browse:close',
  'backup:getFolder',
  'backup:plan',
  'backup:create',
  'backup:cancel',
  'restore:chooseFile',
  'restore:fromBackupsFolder',
  'restore:preview',
  'restore:run',
  'tags:list',
  'tags:ofNote',
  'tags:add',
  'tags:remove',
  'tags:rename',
  'tags:delete',
  'versions:list',
  'versions:get',
  'versions:restore',
  'links:open',
  'attachments:add',
  'attachments:info',
  'attachments:read',
  'attachments:saveCopy',
  'transfer:import',
  'transfer:export',
  'transfer:cancel',
  'transfer:undoImport',
  'recoveryCode:status',
  'recoveryCode:create',
  'recoveryCode:revoke',
  'passkey:change',
  'passkey:cancel',
  'drills:status',
  'drills:runNow',
  'drills:cancel',
  'health:report',
] as const satisfies readonly `${string}:${string}`[];

export const ipcEventNames = [
  'notes:didChange',
  'settings:didChange',
  'destinations:didChange',
  'schedule:didRun',
  'schedule:didChangeStatus',
  'app:didRequestView',
  'backup:didProgress',
  'restore:didProgress',
  'restore:didReplaceDatabase',
  'transfer:didProgress',
  'transfer:didRequestDialog',
  'passkey:didProgress',
  'drills:didFinish',
  'health:didChange',
] as const satisfies readonly `${string}:did${string}`[];

export type IpcChannelName = (typeof ipcChannelNames)[number];
export type IpcEventName = (typeof ipcEventNames)[number];

const channels: ReadonlySet<string> = new Set(ipcChannelNames);
const events: ReadonlySet<string> = new Set(ipcEventNames);

/** Whether the page asked for a request the contract has (the page can pass anything). */
export function isIpcChannel(name: unknown): name is IpcChannelName {
  return typeof name === 'string' && channels.has(name);
}

export function isIpcEvent(name: unknown): name is IpcEventName {
  return typeof name === 'string' && events.has(name);
}
