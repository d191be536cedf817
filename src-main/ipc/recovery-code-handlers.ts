import type { RecoveryCodeWindow } from '../app/recovery-code-window';
import type { IpcHandlers } from './router';

type RecoveryCodeHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `recoveryCode:${string}`>>;

/**
 * The `recoveryCode:*` channels. None takes an argument: the code is made in main and shown
 * once; replacing or revoking it waits for the person's answer in main's own dialog.
 */
export function createRecoveryCodeHandlers(codes: RecoveryCodeWindow): RecoveryCodeHandlers {
  return {
    'recoveryCode:status': () => codes.status(),
    'recoveryCode:create': () => codes.create(),
    'recoveryCode:revoke': () => codes.revoke(),
  };
}
