import type { DomainServices } from '../app/app-services';
import { RetentionChangeConsent } from '../app/retention-change-consent';
import type { NotesRepository } from '../db/notes-repository';
import { createAttachmentsHandlers } from './attachments-handlers';
import { createBackupHandlers } from './backup-handlers';
import { createBackupsListHandlers } from './backups-list-handlers';
import { createBrowseHandlers } from './browse-handlers';
import type { ExternalLinks } from '../app/external-links';
import type { IpcEventSink } from './event-sink';
import { createLinksHandlers } from './links-handlers';
import { createDestinationsHandlers } from './destinations-handlers';
import { createNotesHandlers } from './notes-handlers';
import { createPasskeyHandlers } from './passkey-handlers';
import { createOsScheduleHandlers } from './os-schedule-handlers';
import { createDrillsHandlers } from './drills-handlers';
import { createHealthHandlers } from './health-handlers';
import { createRecoveryCodeHandlers } from './recovery-code-handlers';
import { createRetentionHandlers } from './retention-handlers';
import { createVersionsHandlers } from './versions-handlers';
import type { IpcHandlers } from './router';
import { createScheduleHandlers } from './schedule-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { createTagsHandlers } from './tags-handlers';
import { createTransferHandlers } from './transfer-handlers';

export interface IpcServices extends DomainServices {
  /** Fetched per request: a restore swaps the database underneath. */
  notes: () => NotesRepository;
  /** Where links:open sends an address main has checked: the system browser in the app, a record in tests. */
  links: ExternalLinks;
}

/**
 * Every channel's handler over the app's services, one domain's handlers per service: one
 * map, shared by installIpc, the end-to-end bridge and the IPC tests, so all three route the
 * same handlers. `emit` is where the notes handlers announce changes (the other services were
 * given their sink when built).
 */
export function createIpcHandlers(services: IpcServices, emit: IpcEventSink): IpcHandlers {
  return {
    ...createNotesHandlers(
      services.notes,
      emit,
      (question) => services.consent.confirm(question),
      services.noteVersions,
    ),
    ...createVersionsHandlers(services.noteVersions, emit),
    ...createSettingsHandlers(
      services.settings,
      new RetentionChangeConsent({
        settings: services.settings,
        preview: services.retention,
        dialogs: services.consent,
      }),
    ),
    ...createScheduleHandlers(services.schedule),
    ...createBackupsListHandlers(services.backups),
    ...createBrowseHandlers(services.browse),
    ...createBackupHandlers(services.backup),
    ...createTagsHandlers(() => services.notes().tags, emit),
    ...createLinksHandlers(services.links),
    ...createAttachmentsHandlers(services.attachments),
    ...createTransferHandlers(services.transfer),
    ...createRecoveryCodeHandlers(services.recoveryCodes),
    ...createPasskeyHandlers(services.passkeys),
    ...createOsScheduleHandlers(services.osSchedule),
    ...createRetentionHandlers(services.retention),
    ...createDrillsHandlers(services.drills),
    ...createHealthHandlers(services.health),
    ...createDestinationsHandlers(services.destinations),
  };
}
