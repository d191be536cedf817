import { describe, expect, it } from 'vitest';
import { LatestCall } from './latest-call';

/** A promise the test settles by hand, to make answers arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LatestCall', () => {
  it('keeps the answer of the latest call when an older one arrives last', async () => {
    const calls = new LatestCall<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    calls.run(() => first.promise);
    calls.run(() => second.promise);
    second.resolve('second');
    await settle();
    first.resolve('first');
    await settle();
    expect(calls.getSnapshot()).toEqual({ data: 'second', loading: false, error: undefined });
  });

  it('is loading while a call runs and keeps the previous answer meanwhile', async () => {
    const calls = new LatestCall<number>();
    calls.run(() => Promise.resolve(1));
    await settle();
    const next = deferred<number>();
    calls.run(() => next.promise);
    expect(calls.getSnapshot()).toEqual({ data: 1, loading: true, error: undefined });
    next.resolve(2);
    await settle();
    expect(calls.getSnapshot()).toEqual({ data: 2, loading: false, error: undefined });
  });

  it('reports a failure of the latest call once and keeps the answer before it', async () => {
    const reported: unknown[] = [];
    const calls = new LatestCall<number>((error) => reported.push(error));
    calls.run(() => Promise.resolve(7));
    await settle();
    const failure = new Error('disk gone');
    calls.run(() => Promise.reject(failure));
    await settle();
    expect(calls.getSnapshot()).toEqual({ data: 7, loading: false, error: failure });
    expect(reported).toEqual([failure]);
  });

  it('neither stores nor reports the failure of a call that a newer one replaced', async () => {
    const reported: unknown[] = [];
    const calls = new LatestCall<number>((error) => reported.push(error));
    const stale = deferred<number>();
    calls.run(() => stale.promise);
    calls.run(() => Promise.resolve(3));
    await settle();
    stale.reject(new Error('late'));
    await settle();
    expect(calls.getSnapshot()).toEqual({ data: 3, loading: false, error: undefined });
    expect(reported).toEqual([]);
  });

  it('drops answers still on their way after abandon()', async () => {
    const reported: unknown[] = [];
    const calls = new LatestCall<number>((error) => reported.push(error));
    const answer = deferred<number>();
    const failure = deferred<number>();
    calls.run(() => answer.promise);
    calls.abandon();
    expect(calls.getSnapshot().loading).toBe(false);
    answer.resolve(1);
    calls.run(() => failure.promise);
    calls.abandon();
    failure.reject(new Error('late'));
    await settle();
    expect(calls.getSnapshot()).toEqual({ data: undefined, loading: false, error: undefined });
    expect(reported).toEqual([]);
  });

  it('reports a call that throws before it returns a promise', async () => {
    const reported: unknown[] = [];
    const calls = new LatestCall<number>((error) => reported.push(error));
    const failure = new Error('no API');
    calls.run(() => {
      throw failure;
    });
    await settle();
    expect(calls.getSnapshot().error).toBe(failure);
    expect(reported).toEqual([failure]);
  });

  it('clears the answer when a call has nothing to ask, and drops the one on its way', async () => {
    const calls = new LatestCall<string>();
    calls.run(() => Promise.resolve('strong'));
    await settle();
    const late = deferred<string>();
    calls.run(() => late.promise);
    calls.run(() => null);
    late.resolve('late');
    await settle();
    expect(calls.getSnapshot()).toEqual({ data: undefined, loading: false, error: undefined });
  });

  it('tells subscribers of each change and stops after they unsubscribe', async () => {
    const calls = new LatestCall<number>();
    let heard = 0;
    const unsubscribe = calls.subscribe(() => (heard += 1));
    calls.run(() => Promise.resolve(1));
    await settle();
    expect(heard).toBe(2); // loading, then the answer
    unsubscribe();
    calls.run(() => Promise.resolve(2));
    await settle();
    expect(heard).toBe(2);
  });
});
