import { NoteVaultError } from '../../src-shared/errors';
import type { SerializedError } from '../../src-shared/errors';
import { ipcRequests, isIpcChannel } from '../../src-shared/ipc/contract';
import {
  IPC_PAYLOAD_LIMITS,
  payloadExceeds,
  payloadTooLargeMessage,
} from '../../src-shared/ipc/payload-limits';
import { IPC_RATE_LIMITS, rateLimitedError } from '../../src-shared/ipc/rate-limits';
import type { IpcArgs, IpcChannel, IpcResult, IpcValue } from '../../src-shared/ipc/contract';
import type { SenderInfo, TrustedSenderPredicate } from './sender-info';
import { describeValidationIssues } from '../../src-shared/validation-message';
import { RateLimiter } from './rate-limiter';

/** One handler per contract channel: a missing or mistyped handler is a compile error. */
export type IpcHandlers = {
  [C in IpcChannel]: (args: IpcArgs<C>) => IpcValue<C> | Promise<IpcValue<C>>;
};

export interface IpcRouterOptions {
  handlers: IpcHandlers;
  isTrustedSender: TrustedSenderPredicate;
  /** Where refusals and internal failures are written, stack included. Never the renderer. */
  log?: (message: string, error?: unknown) => void;
  /** Milliseconds, for the write channels' rate limits; tests move it. Default Date.now. */
  now?: () => number;
}

export interface IpcRouter {
  /** Never throws: every outcome, including a bug in a handler, is an IpcResult. */
  dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<IpcResult<unknown>>;
}

export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong inside NoteVault. Your notes were not changed by this request; the details were written to the log. Please try again, and report it if it keeps happening.';

/**
 * The main process's single entry point for renderer requests: who is asking, what they
 * ask for, whether the arguments are valid, then the handler. Everything the renderer
 * sends is untrusted, so each step refuses with a readable message instead of throwing.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const rateLimiter = new RateLimiter(IPC_RATE_LIMITS, options.now);

  async function dispatch(
    channel: string,
    payload: unknown,
    sender: SenderInfo,
  ): Promise<IpcResult<unknown>> {
    // Trust first, so a foreign page cannot even learn which channels exist.
    if (!isTrusted(sender)) {
      log(`Refused IPC request ${describeName(channel)} from untrusted sender ${JSON.stringify(sender)}`);
      return failure({
        code: 'VALIDATION',
        message: `NoteVault refused a request from a page that is not its own window (${sender.frameUrl ?? 'unknown page'}).`,
      });
    }
    if (!isIpcChannel(channel)) {
      return failure({
        code: 'VALIDATION',
        message: `NoteVault has no request named ${describeName(channel)}.`,
      });
    }

    // Before any work: a flood of cheap, valid writes (notes within their caps) fills the disk.
    if (!rateLimiter.tryTake(channel)) {
      log(`Refused IPC request ${describeName(channel)}: over its rate limit`);
      return failure(rateLimitedError(channel));
    }

    // Before the schema: parsing a huge payload is itself the cost (the preload checks too,
    // but a compromised renderer need not go through it).
    if (payloadExceeds(payload, IPC_PAYLOAD_LIMITS[channel])) {
      return failure({ code: 'VALIDATION', message: payloadTooLargeMessage(channel) });
    }

    const parsed = ipcRequests[channel].args.safeParse(payload);
    if (!parsed.success) {
      return failure({
        code: 'VALIDATION',
        message: `${channel} was called with invalid arguments: ${describeValidationIssues(parsed.error.issues)}`,
      });
    }

    // TypeScript cannot correlate handlers[channel] with the parsed data of the same
    // channel through a union; the schema above has just guaranteed the match.
    const handler = options.handlers[channel] as (args: unknown) => unknown;
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return failure(toSerializedError(channel, error));
    }
  }

  function isTrusted(sender: SenderInfo): boolean {
    try {
      return options.isTrustedSender(sender);
    } catch (error) {
      log('The trusted-sender check threw; refusing the request', error);
      return false;
    }
  }

  function toSerializedError(channel: IpcChannel, error: unknown): SerializedError {
    if (error instanceof NoteVaultError) {
      if (error.code === 'INTERNAL') log(`IPC ${channel} failed with an internal error`, error);
      // toJSON keeps only code and message: no stack or cause crosses to the renderer.
      return error.toJSON();
    }
    log(`IPC ${channel} failed unexpectedly`, error);
    return { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE };
  }

  return { dispatch };
}

function failure(error: SerializedError): IpcResult<never> {
  return { ok: false, error };
}

// Channel names come from the renderer: quote and cap them before echoing them anywhere.
function describeName(channel: unknown): string {
  const text = typeof channel === 'string' ? channel : String(channel);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
