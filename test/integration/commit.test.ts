import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailedError, UnprocessableError, ConflictError } from '../../shared/domain/errors.js';
import { IdempotencyRepository } from '../../shared/store/idempotency-repository.js';
import { transactWrite, type LabelledItem } from '../../shared/store/transact.js';
import { commit } from '../../shared/services/commit.js';
import { IdempotentRequest } from '../../shared/services/idempotent-request.js';
import { createTestApp, type TestApp } from '../support/app.js';

// commit() on DynamoDB Local: one counter record `{ n, version }` changed under a version condition.
let t: TestApp;
let idempotency: IdempotencyRepository;
beforeAll(async () => {
  t = await createTestApp();
  idempotency = new IdempotencyRepository(t.table);
});
afterAll(async () => {
  await t?.dispose();
});

const now = new Date('2026-12-03T03:00:00.000Z');
const key = (id: string) => ({ PK: `TEST#commit#${id}`, SK: '#' });
const read = async (id: string) =>
  (await t.table.doc.send(new GetCommand({ TableName: t.table.tableName, Key: key(id), ConsistentRead: true }))).Item as { n: number; version: number; by?: string[] };
const make = (id: string) => t.table.doc.send(new PutCommand({ TableName: t.table.tableName, Item: { ...key(id), n: 0, version: 1, by: [] } }));
const put = (id: string, next: { n: number; version: number; by: string[] }, expected: number): LabelledItem => ({
  label: 'state',
  item: { Put: { TableName: t.table.tableName, Item: { ...key(id), ...next }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expected } } },
});
const request = (scope: string, k: string | undefined, input: unknown) => new IdempotentRequest({ repository: idempotency, orgId: t.orgId, scope, key: k, input, now });

/** Adds one to the counter, as writer `by`, with an optional key and If-Match. */
const add = (id: string, by: string, options: { key?: string; ifMatch?: number; before?: (attempt: number) => Promise<void> } = {}) =>
  commit({
    ...(options.key ? { idempotency: request(`test.add.${id}`, options.key, { by }) } : {}),
    load: () => read(id),
    ifMatch: { expected: options.ifMatch, current: (s) => s.version },
    stale: (s) => new PreconditionFailedError(`at version ${s?.version}`, s?.version),
    decide: (s, attempt) => {
      const next = { n: s.n + 1, version: s.version + 1, by: [...(s.by ?? []), by] };
      return {
        result: next,
        status: 201,
        write: async (extra) => {
          await options.before?.(attempt);
          await transactWrite(t.table, [put(id, next, s.version), ...extra]);
        },
      };
    },
  });

describe('commit(): one write mechanism', () => {
  it('a lost race is read again, decided again and then succeeds', async () => {
    await make('race');
    const attempts: number[] = [];
    const result = await add('race', 'me', {
      // Another writer commits between this writer's read and its write, once.
      before: async (attempt) => {
        attempts.push(attempt);
        if (attempt === 1) await t.table.doc.send(new PutCommand({ TableName: t.table.tableName, Item: { ...key('race'), n: 10, version: 2, by: ['other'] } }));
      },
    });
    expect(attempts).toEqual([1, 2]);
    expect(result).toMatchObject({ status: 201, replayed: false, body: { n: 11, version: 3 } });
    expect(await read('race')).toMatchObject({ n: 11, version: 3, by: ['other', 'me'] });
  });

  it('a duplicate Idempotency-Key answers as the first and writes nothing; another body with it is a 422', async () => {
    await make('dup');
    const first = await add('dup', 'me', { key: 'k-1' });
    const again = await add('dup', 'me', { key: 'k-1' });
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ status: 201, body: first.body, replayed: true });
    expect(await read('dup')).toMatchObject({ n: 1, version: 2 });
    const other = add('dup', 'someone else', { key: 'k-1' });
    await expect(other).rejects.toBeInstanceOf(UnprocessableError);
    await expect(other).rejects.toMatchObject({ status: 422 });
    expect(await read('dup')).toMatchObject({ n: 1, version: 2 });
  });

  it('a stale If-Match is refused with the caller’s 412 and writes nothing', async () => {
    await make('stale');
    await add('stale', 'me');
    const refused = add('stale', 'late', { ifMatch: 1 });
    await expect(refused).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(refused).rejects.toMatchObject({ status: 412, currentVersion: 2 });
    expect(await read('stale')).toMatchObject({ n: 1, version: 2, by: ['me'] });
  });

  it('a claim another record holds is a conflict: the caller’s refusal, nothing written', async () => {
    await make('claim');
    const claim = (owner: string): LabelledItem => ({
      label: 'file',
      item: { Put: { TableName: t.table.tableName, Item: { PK: 'TEST#commit#file-1', SK: '#', owner }, ConditionExpression: 'attribute_not_exists(PK)' } },
    });
    const attach = (owner: string) =>
      commit({
        load: () => read('claim'),
        conflict: (part) => (part === 'file' ? new ConflictError('attached elsewhere') : undefined),
        decide: (s) => ({ result: s.version + 1, write: () => transactWrite(t.table, [put('claim', { n: s.n + 1, version: s.version + 1, by: [owner] }, s.version), claim(owner)]) }),
      });
    await attach('first');
    await expect(attach('second')).rejects.toBeInstanceOf(ConflictError);
    expect(await read('claim')).toMatchObject({ n: 1, version: 2, by: ['first'] });
  });

  it('N writers at once, each delivered twice: one change per distinct request, none twice, and If-Match lets exactly one through', async () => {
    await make('crowd');
    const N = 20;
    const writers = Array.from({ length: N }, (_, i) => `w${i}`);
    // Every writer's request arrives twice at the same time (a double delivery).
    const results = await Promise.all(writers.flatMap((w) => [add('crowd', w, { key: `key-${w}` }), add('crowd', w, { key: `key-${w}` })]));
    const final = await read('crowd');
    expect(final.n).toBe(N);
    expect(final.version).toBe(N + 1);
    expect([...final.by!].sort()).toEqual([...writers].sort());
    expect(results.filter((r) => !r.replayed)).toHaveLength(N);
    for (const w of writers) {
      const [a, b] = results.filter((r) => r.body.by.at(-1) === w);
      expect(a?.body).toEqual(b?.body);
    }
    // The same If-Match from every writer: one wins, the rest are 412 and write nothing.
    const settled = await Promise.allSettled(writers.map((w) => add('crowd', `${w}-again`, { ifMatch: N + 1 })));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(settled.filter((s) => s.status === 'rejected').every((s) => (s as PromiseRejectedResult).reason instanceof PreconditionFailedError)).toBe(true);
    expect(await read('crowd')).toMatchObject({ n: N + 1, version: N + 2 });
  });
});
