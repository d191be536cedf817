import { closeNotesDatabase, openNotesDatabase } from '../../db/open-database';
import type { ExportReport } from '../../export/export-types';
import { runExport } from '../../export/run-export';
import type { ImportReport } from '../../import/imported-note';
import { runImport } from '../../import/run-import';
import type { JobControls } from '../progress';
import type { ExportJobRequest, ImportJobRequest } from './job-protocol';

/**
 * Import and export as worker jobs: the app's window keeps its own connection and stays
 * responsive while this thread reads a 200 MB export or writes a folder of 100,000 files.
 * Each opens its own connection to the live database (WAL: the window's reads go on; its
 * saves take turns with the import's short batches, import-batches.ts) and always closes it.
 */
export async function importJob(request: ImportJobRequest, controls: JobControls): Promise<ImportReport> {
  const db = openNotesDatabase(request.databasePath, nativeOption(request.nativeBinding));
  try {
    return await runImport(request.source, db, {
      ...(request.from === undefined ? {} : { from: request.from }),
      ...(controls.signal === undefined ? {} : { signal: controls.signal }),
      onProgress: (progress) =>
        controls.onProgress?.({ phase: 'importing', bytesDone: progress.done, bytesTotal: progress.total }),
    });
  } finally {
    closeNotesDatabase(db);
  }
}

export async function exportJob(request: ExportJobRequest, controls: JobControls): Promise<ExportReport> {
  const db = openNotesDatabase(request.databasePath, nativeOption(request.nativeBinding));
  try {
    return await runExport(db, request.destination, {
      format: request.format,
      history: request.history,
      overwrite: request.overwrite,
      ...(controls.signal === undefined ? {} : { signal: controls.signal }),
      onProgress: ({ done, total }) =>
        controls.onProgress?.({ phase: 'exporting', bytesDone: done, bytesTotal: total }),
    });
  } finally {
    closeNotesDatabase(db);
  }
}

function nativeOption(nativeBinding: string | undefined): { nativeBinding?: string } {
  return nativeBinding === undefined ? {} : { nativeBinding };
}
