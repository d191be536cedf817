import { describe, expect, it } from 'vitest';
import { LOW_PRIORITY_NICE, lowerThisThreadPriority } from './low-priority-thread';

describe('lowerThisThreadPriority', () => {
  it('lowers only on Linux, where the nice value belongs to the thread', () => {
    const calls: [number, number][] = [];
    const set = (pid: number, priority: number) => void calls.push([pid, priority]);
    expect(lowerThisThreadPriority('win32', set)).toBe(false);
    expect(lowerThisThreadPriority('darwin', set)).toBe(false);
    expect(calls).toEqual([]);
    expect(lowerThisThreadPriority('linux', set)).toBe(true);
    expect(calls).toEqual([[0, LOW_PRIORITY_NICE]]);
  });

  it('runs on at normal priority where the system refuses', () => {
    const refuse = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    expect(lowerThisThreadPriority('linux', refuse)).toBe(false);
  });
});
