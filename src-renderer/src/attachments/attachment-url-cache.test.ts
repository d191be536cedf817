import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentBytes } from '../../../src-shared/attachments';
import { AttachmentUrlCache } from './attachment-url-cache';

const PNG = 'a'.repeat(64);
const PDF = 'b'.repeat(64);

function bytes(sha256: string, isImage: boolean): AttachmentBytes {
  return {
    sha256,
    isImage,
    mediaType: isImage ? 'image/png' : 'application/pdf',
    fileName: isImage ? 'dot.png' : 'r.pdf',
    size: 3,
    data: new Uint8Array([1, 2, 3]),
  };
}

function setUp(fail = false, graceMs = 0) {
  const reads: string[] = [];
  const live = new Set<string>();
  let next = 0;
  const cache = new AttachmentUrlCache(
    (sha256) => {
      reads.push(sha256);
      return fail ? Promise.reject(new Error('gone')) : Promise.resolve(bytes(sha256, sha256 === PNG));
    },
    {
      create: (blob) => {
        const url = `blob:test/${next++}-${blob.type}`;
        live.add(url);
        return url;
      },
      revoke: (url) => {
        if (!live.delete(url)) throw new Error(`revoked twice or never made: ${url}`);
      },
    },
    graceMs,
  );
  return { cache, reads, live };
}

describe('AttachmentUrlCache', () => {
  it('reads an image once for every viewer and revokes its URL when the last one leaves', async () => {
    const { cache, reads, live } = setUp();
    const first = cache.acquire(PNG);
    const second = cache.acquire(PNG);
    const [a, b] = await Promise.all([first.loaded, second.loaded]);
    expect(a.url).toBe('blob:test/0-image/png');
    expect(b.url).toBe(a.url);
    expect(reads).toEqual([PNG]);
    first.release();
    first.release(); // a second release of the same lease changes nothing
    expect(live.size).toBe(1);
    second.release();
    expect(live.size).toBe(0);
    expect(cache.liveUrls).toBe(0);
  });

  it('makes no URL for a file main says is not an image', async () => {
    const { cache, live } = setUp();
    const lease = cache.acquire(PDF);
    expect((await lease.loaded).url).toBeNull();
    expect(live.size).toBe(0);
    lease.release();
  });

  it('makes no URL when released before main answered', async () => {
    const { cache, live } = setUp();
    const lease = cache.acquire(PNG);
    lease.release();
    expect((await lease.loaded).url).toBeNull();
    expect(live.size).toBe(0);
  });

  it('reads again after the last viewer left, and after a failed read', async () => {
    const failing = setUp(true);
    const lease = failing.cache.acquire(PNG);
    await expect(lease.loaded).rejects.toThrow('gone');
    lease.release();
    const again = failing.cache.acquire(PNG);
    await expect(again.loaded).rejects.toThrow('gone');
    expect(failing.reads).toEqual([PNG, PNG]);

    const { cache, reads } = setUp();
    const one = cache.acquire(PNG);
    await one.loaded;
    one.release();
    await cache.acquire(PNG).loaded;
    expect(reads).toEqual([PNG, PNG]);
  });
});

describe('AttachmentUrlCache with a grace period', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps the URL for a viewer that comes back at once, and revokes it once the grace has passed', async () => {
    vi.useFakeTimers();
    const { cache, reads, live } = setUp(false, 2000);
    const first = cache.acquire(PNG);
    const { url } = await first.loaded;
    first.release();
    vi.advanceTimersByTime(1000);
    // Redrawn: the same image mounted again keeps its URL and is not read again.
    const again = cache.acquire(PNG);
    expect((await again.loaded).url).toBe(url);
    expect(reads).toEqual([PNG]);
    again.release();
    vi.advanceTimersByTime(1999);
    expect(live.size).toBe(1);
    vi.advanceTimersByTime(1);
    expect(live.size).toBe(0);
  });
});
