import type { AppAccess, BackupAccess, Scenario } from './app-access';
import * as backup from './backup-scenarios';
import * as notes from './notes-scenarios';

/**
 * Every shared scenario with its test title, in one place, so both tiers run the same list
 * under the same names: each spec file registers one test per entry and nothing else.
 */

export const NOTES_SCENARIOS: readonly Scenario<AppAccess>[] = [
  {
    title: 'new notes appear in the list and are stored in the database',
    run: notes.newNotesAppearAndAreStored,
  },
  {
    title: 'edits are saved as you type, shown as Saving… then Saved at HH:MM',
    run: notes.editsAreSavedAsYouType,
  },
  { title: 'search lists matching notes with the matches highlighted', run: notes.searchHighlightsMatches },
  { title: 'a pinned note moves to the top of the list', run: notes.pinnedNoteMovesToTop },
  { title: 'a trashed note can be restored from the trash view', run: notes.trashedNoteCanBeRestored },
  { title: 'deleting forever and emptying the trash ask first', run: notes.deletingForeverAsksFirst },
  { title: 'keyboard only: create, type, search and open a note', run: notes.keyboardOnlyCreateSearchOpen },
  {
    title: 'an error from the main process is shown as a readable alert',
    run: notes.mainProcessErrorIsShownAsAlert,
  },
  {
    title: 'changes made outside the window reach it through notes:didChange',
    run: notes.outsideChangesReachTheWindow,
  },
  {
    title: 'a list of 250 notes loads page by page as it scrolls, counting them, to the last note',
    run: notes.everyNoteIsReachableByScrolling,
  },
  {
    title: 'keyboard only: End and arrow keys reach the last of 250 notes, page by page',
    run: notes.keyboardReachesTheLastNote,
  },
  {
    title: 'a trash of 250 notes loads page by page as it scrolls, and its last note can be restored',
    run: notes.everyTrashedNoteIsReachable,
  },
  {
    title: 'screenshots of the main window in light and dark themes',
    run: notes.screenshotsInLightAndDarkThemes,
  },
];

export const BACKUP_SCENARIOS: readonly Scenario<BackupAccess>[] = [
  {
    title: 'back up, lose notes, restore them: the notes come back and a safety backup exists',
    run: backup.backUpLoseNotesRestoreThem,
  },
  {
    title: 'a wrong passkey and a damaged backup are refused and change nothing',
    run: backup.wrongPasskeyAndDamagedBackupChangeNothing,
  },
  {
    title: 'Escape cancels a running backup of a large database, and no file is left behind',
    run: backup.escapeCancelsALargeBackup,
  },
  {
    title: 'keyboard only: open the backup dialog, type the passkey twice, back up, close',
    run: backup.keyboardOnlyBackup,
  },
];
