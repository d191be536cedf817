import type { TransferJobs } from '../app/transfer-jobs';
import type { IpcHandlers } from './router';

type TransferHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `transfer:${string}`>>;

/**
 * The `transfer:*` channels over the window's import and export jobs. Arguments were validated
 * by the router against contract-transfer.ts; none of them is a path or a note id.
 */
export function createTransferHandlers(transfer: TransferJobs): TransferHandlers {
  return {
    'transfer:import': (args) => transfer.importNotes(args),
    'transfer:export': (args) => transfer.exportNotes(args),
    'transfer:cancel': () => transfer.cancel(),
    'transfer:undoImport': (args) => transfer.undoImport(args),
  };
}
