import type { BackupController } from '../app/backup-controller';
import type { ScheduleServices } from '../app/schedule-services';
import type { NotesRepository } from '../db/notes-repository';
import { createBackupHandlers } from './backup-handlers';
import type { IpcEventSink } from './event-sink';
import { createNotesHandlers } from './notes-handlers';
import type { IpcHandlers } from './router';
import { createScheduleHandlers } from './schedule-handlers';

export interface IpcServices {
  /** Fetched per request: a restore swaps the database underneath. */
  notes: () => NotesRepository;
  backup: BackupController;
  schedule: ScheduleServices;
}

/**
 * Every channel's handler over the app's services: one map, shared by installIpc, the
 * end-to-end bridge and the IPC tests, so all three route the same handlers. `emit` is where
 * the notes handlers announce changes (the other services were given their sink when built).
 */
export function createIpcHandlers(services: IpcServices, emit: IpcEventSink): IpcHandlers {
  return {
    ...createNotesHandlers(services.notes, emit),
    ...createBackupHandlers(services.backup),
    ...createScheduleHandlers(() => services.schedule),
  };
}
