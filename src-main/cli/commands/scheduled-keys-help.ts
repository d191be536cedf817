/**
 * For the help of the commands that write backup-keys.json. The app's scheduled backups trust
 * only the keys the app itself wrote (a hash sealed in the system keychain, which the command
 * line cannot reach: keystore/unattended-key.ts), so a change made here stops them until they
 * are turned on again.
 */
export const SCHEDULED_KEYS_CLI_HELP =
  'If scheduled backups are on in the NoteVault app, they stop after this command changes a key ' +
  '(the command line cannot reach the keychain where the app keeps what it trusts): turn scheduled ' +
  'backups off and on again in Settings, Backups.';
