import { NoteVaultError } from '../../../src-shared/errors';
import { ipcChannels } from '../../../src-shared/ipc/contract';
import type { createNotesHandlers } from '../../../src-main/ipc/notes-handlers';
import type { IpcHandlers } from '../../../src-main/ipc/router';

type NotesHandlers = ReturnType<typeof createNotesHandlers>;

/**
 * A full handler map for tests about the notes channels only: the real notes handlers, and
 * for every other channel a handler that fails loudly, so a test that strays onto one learns
 * it at once. Tests of every channel use the real services instead (ipc-app-fixture.ts).
 */
export function notesOnlyHandlers(notes: NotesHandlers): IpcHandlers {
  const others = ipcChannels
    .filter((channel) => !Object.hasOwn(notes, channel))
    .map((channel) => [
      channel,
      () => {
        throw new NoteVaultError('INTERNAL', `${channel} is not used in this test.`);
      },
    ]);
  // Built from the contract's channel list, so every channel has a handler; TypeScript cannot
  // follow that through Object.fromEntries.
  return { ...(Object.fromEntries(others) as Omit<IpcHandlers, keyof NotesHandlers>), ...notes };
}
