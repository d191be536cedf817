import { makeBrowseCopy } from '../browse-copy';
import { createBackup } from '../create-backup';
import { drillBackup } from '../drill/drill-backup';
import { inspectBackup } from '../inspect-backup';
import { previewRestore } from '../preview-restore';
import type { JobControls } from '../progress';
import { restoreBackup } from '../restore-backup';
import { verifyBackup } from '../verify-backup';
import { changePasskey } from '../rekey/change-passkey';
import type { BackupJob, BackupJobResult } from './job-protocol';
import { exportJob, importJob } from './transfer-job';

/** Runs one job's pipeline function in the current thread (the job worker's). */
export async function executeJob(
  job: BackupJob,
  controls: JobControls,
  releaseLiveDatabase: (() => Promise<void>) | undefined,
): Promise<BackupJobResult> {
  switch (job.kind) {
    case 'backup':
      return createBackup(job.request, controls);
    case 'verify':
      return verifyBackup(job.request, controls);
    case 'restore':
      return restoreBackup(
        job.request,
        releaseLiveDatabase === undefined ? controls : { ...controls, releaseLiveDatabase },
      );
    case 'inspect':
      // Reading a header and one chunk is quick: nothing worth cancelling or reporting.
      return inspectBackup(job.request.file, job.request.keySource);
    case 'preview-restore':
      return previewRestore(job.request, controls);
    case 'browse':
      return makeBrowseCopy(job.request, controls);
    case 'import':
      return importJob(job.request, controls);
    case 'export':
      return exportJob(job.request, controls);
    case 'change-passkey':
      return changePasskey(job.request, controls);
    case 'drill':
      return drillBackup(job.request, controls);
  }
}
