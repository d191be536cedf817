/**
 * What a backup, restore or check reports while it runs. Shared, so the worker's reports,
 * the IPC events and the progress bar name the same phases and a new phase cannot be
 * missing from one side.
 */
export type JobPhase =
  | 'checking-space'
  | 'deriving-key'
  | 'snapshot'
  | 'encrypting'
  | 'verifying'
  | 'decrypting'
  | 'validating'
  | 'safety-backup'
  | 'replacing'
  | 'finishing';

export interface JobProgressEvent {
  phase: JobPhase;
  bytesDone: number;
  bytesTotal: number;
}
