import { describe, expect, it } from 'vitest';
import { NOTE_LIMITS } from '../notes';
import { ipcChannelNames } from './names';
import { IPC_PAYLOAD_LIMITS, payloadExceeds, payloadTooLargeMessage } from './payload-limits';

describe('payloadExceeds', () => {
  it('lets a note body at the byte limit through notes:create, in ASCII and in 4-byte characters', () => {
    const limit = IPC_PAYLOAD_LIMITS['notes:create'];
    const ascii = {
      title: 't'.repeat(NOTE_LIMITS.titleMaxChars),
      body: 'a'.repeat(NOTE_LIMITS.bodyMaxBytes),
    };
    expect(payloadExceeds(ascii, limit)).toBe(false);
    const emoji = { title: '', body: '😀'.repeat(NOTE_LIMITS.bodyMaxBytes / 4) };
    expect(payloadExceeds(emoji, limit)).toBe(false);
  });

  it('refuses a body past the notes cap and a few KB on a small channel', () => {
    const body = 'a'.repeat(NOTE_LIMITS.bodyMaxBytes + 64 * 1024 + 1);
    expect(payloadExceeds({ title: '', body }, IPC_PAYLOAD_LIMITS['notes:create'])).toBe(true);
    expect(payloadExceeds({ passkey: 'p'.repeat(9000) }, IPC_PAYLOAD_LIMITS['backup:create'])).toBe(true);
    expect(payloadExceeds({ passkey: 'p'.repeat(1024) }, IPC_PAYLOAD_LIMITS['backup:create'])).toBe(false);
  });

  it('counts arrays, maps, sets, keys and binary data, and survives deep nesting', () => {
    expect(payloadExceeds(new Array(2000).fill(0), 8 * 1024)).toBe(true);
    expect(payloadExceeds(new Map([[1, 'x'.repeat(9000)]]), 8 * 1024)).toBe(true);
    expect(payloadExceeds(new Set(['x'.repeat(9000)]), 8 * 1024)).toBe(true);
    expect(payloadExceeds({ ['k'.repeat(9000)]: 1 }, 8 * 1024)).toBe(true);
    expect(payloadExceeds(new Uint8Array(9000), 8 * 1024)).toBe(true);
    let deep: unknown = 'x';
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(payloadExceeds(deep, NOTE_LIMITS.bodyMaxBytes)).toBe(false);
    expect(payloadExceeds(deep, 8 * 1024)).toBe(true);
  });

  it('lets the largest valid restore:run through: a token and two passkeys at their caps', () => {
    const largest = {
      restoreToken: 't'.repeat(100),
      passkey: 'p'.repeat(1024),
      safetyPasskey: 's'.repeat(1024),
    };
    expect(payloadExceeds({ ...largest, safetySamePasskey: false }, IPC_PAYLOAD_LIMITS['restore:run'])).toBe(
      false,
    );
  });

  it('lets the largest valid browse:bringBack through', () => {
    const ids = Array.from({ length: NOTE_LIMITS.pageMaxSize }, () => 'i'.repeat(100));
    expect(
      payloadExceeds(
        { sessionId: 's'.repeat(100), ids, mode: 'replace' },
        IPC_PAYLOAD_LIMITS['browse:bringBack'],
      ),
    ).toBe(false);
  });
});

it('has a limit for every channel, and a message that names it', () => {
  expect(Object.keys(IPC_PAYLOAD_LIMITS).sort()).toEqual([...ipcChannelNames].sort());
  expect(payloadTooLargeMessage('notes:create')).toBe(
    'notes:create was refused: its arguments are larger than the 16.06 MiB this request allows.',
  );
  expect(payloadTooLargeMessage('backup:create')).toBe(
    'backup:create was refused: its arguments are larger than the 8 KiB this request allows.',
  );
});
