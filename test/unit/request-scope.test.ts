import { describe, expect, it } from 'vitest';
import { noteRevalidated, RequestScope, revalidatedInRequest, sharedInRequest } from '../../shared/store/org-version.js';

function counted<T>(value: T | Error) {
  let reads = 0;
  const read = async () => {
    reads++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (value instanceof Error) throw value;
    return value;
  };
  return { read, reads: () => reads };
}

describe('reads shared within one request', () => {
  it('shares a read under way in any request, and outside a request shares nothing', async () => {
    const r = counted(1);
    const writing = new RequestScope();
    expect(await Promise.all([sharedInRequest(writing, 'k', r.read), sharedInRequest(writing, 'k', r.read)])).toEqual([1, 1]);
    expect(r.reads()).toBe(1);
    // A request that writes reads again once the read is done: it may have written since.
    await sharedInRequest(writing, 'k', r.read);
    expect(r.reads()).toBe(2);
    await Promise.all([sharedInRequest(undefined, 'k', r.read), sharedInRequest(undefined, 'k', r.read)]);
    expect(r.reads()).toBe(4);
  });

  it('keeps what a request that changes nothing read until it ends, except a failure and a read shared only while under way', async () => {
    const reading = new RequestScope(true);
    const r = counted(1);
    await sharedInRequest(reading, 'k', r.read);
    await sharedInRequest(reading, 'k', r.read);
    expect(r.reads()).toBe(1);
    await sharedInRequest(reading, 'other', r.read);
    expect(r.reads()).toBe(2);
    // The next request reads for itself.
    await sharedInRequest(new RequestScope(true), 'k', r.read);
    expect(r.reads()).toBe(3);

    const failing = counted(new Error('DynamoDB is down'));
    await expect(sharedInRequest(reading, 'f', failing.read)).rejects.toThrow('down');
    await expect(sharedInRequest(reading, 'f', failing.read)).rejects.toThrow('down');
    expect(failing.reads()).toBe(2);

    const snapshot = counted(1);
    await sharedInRequest(reading, 's', snapshot.read, true);
    await sharedInRequest(reading, 's', snapshot.read, true);
    expect(snapshot.reads()).toBe(2);
  });
});

describe('answering ahead of the version read', () => {
  it('a request that changes nothing answers ahead unless told not to; one that writes never does', () => {
    expect(new RequestScope(true).answersAhead).toBe(true);
    expect(new RequestScope(true, false).answersAhead).toBe(false);
    expect(new RequestScope().answersAhead).toBe(false);
  });

  it('holds the answer until every read it went ahead of says the snapshot was current; a failed read is not', async () => {
    const none = new RequestScope(true);
    expect(await none.heldWasCurrent()).toBe(true);
    const current = new RequestScope(true);
    current.answeredAhead(Promise.resolve(true));
    current.answeredAhead(new Promise((resolve) => setTimeout(() => resolve(true), 5)));
    expect(await current.heldWasCurrent()).toBe(true);
    const moved = new RequestScope(true);
    moved.answeredAhead(Promise.resolve(true));
    moved.answeredAhead(Promise.resolve(false));
    expect(await moved.heldWasCurrent()).toBe(false);
    const failed = new RequestScope(true);
    failed.answeredAhead(Promise.reject(new Error('DynamoDB is down')));
    expect(await failed.heldWasCurrent()).toBe(false);
  });

  it('answers again keeping the versions it read, never ahead', () => {
    const first = new RequestScope(true);
    noteRevalidated(first, 'son-la', 7);
    first.answeredAhead(Promise.resolve(false));
    const again = first.again();
    expect(again.answersAhead).toBe(false);
    expect(again.keepsReads).toBe(true);
    expect(revalidatedInRequest(again, 'son-la')).toBe(7);
  });
});
