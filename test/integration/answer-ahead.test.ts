/**
 * Issue #20 (round trips, warm latency): a warm process answers a GET with the organisation
 * snapshot it holds while the version item is read, so the request's own read does not wait for
 * it; the answer goes out only once the version says that snapshot was current, and is made again
 * with the records as they are when it was not (a role change is still seen by the very next
 * request: test/integration/org-snapshot-cache.test.ts). A write never answers ahead.
 */
import type { FinalizeHandlerArguments, InitializeHandler, InitializeHandlerArguments, MetadataBearer } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { ORG_VERSION_SK } from '../../shared/store/org-version.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { changeStaffInRecords } from '../support/staff-records.js';

const NOW = '2026-11-26T09:00:00+07:00';
const director = person('director');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it', 0);
const otherSpecialist = person('specialist', 'it', 1);
const body = (b: unknown) => JSON.stringify(b);

let t: TestApp;
let assignmentPath: string;

/** Whether a command reads the version item (its key as the document client or the low-level client writes it). */
function readsVersion(commandName: string | undefined, input: unknown): boolean {
  const sk = (input as { Key?: { SK?: unknown } }).Key?.SK;
  return commandName === 'GetItemCommand' && (sk === ORG_VERSION_SK || (sk as { S?: string } | undefined)?.S === ORG_VERSION_SK);
}

/**
 * While `run` runs, each read of the version item is held back `delayMs` (or fails with a
 * throttle), and what the instance sends is recorded in order: `<command> sent`, `version read`.
 */
async function withVersionRead<T>(options: { delayMs?: number; fails?: boolean }, run: (events: string[]) => Promise<T>): Promise<T> {
  const events: string[] = [];
  const name = 'testVersionRead';
  t.table.client.middlewareStack.add(
    ((next: InitializeHandler<object, MetadataBearer>, context: { commandName?: string }) => async (args: InitializeHandlerArguments<object>) => {
      if (!readsVersion(context.commandName, args.input)) {
        events.push(`${(context.commandName ?? '').replace(/Command$/, '')} sent`);
        return next(args);
      }
      events.push('version sent');
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      if (options.fails) throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ThrottlingException' });
      const result = await next(args as unknown as FinalizeHandlerArguments<object>);
      events.push('version read');
      return result;
    }) as never,
    { step: 'initialize', name },
  );
  try {
    return await run(events);
  } finally {
    t.table.client.middlewareStack.remove(name);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const created = await t.as(director.id, '/v1/assignments', { method: 'POST', body: body({ title: 'Rà soát hạ tầng', assigneeId: itSpecialist.id, dueDate: '2026-12-20' }), clock: NOW });
  expect(created.status).toBe(201);
  assignmentPath = `/v1/assignments/${((await created.json()) as { id: string }).id}`;
  // Warm: the snapshot is held.
  expect((await t.as(itHead.id, assignmentPath, { clock: NOW })).status).toBe(200);
});

afterAll(async () => {
  await t.dispose();
});

describe('a warm GET answered ahead of its version read', () => {
  it('sends its own read while the version item is read, and answers once it is', async () => {
    const { status, events } = await withVersionRead({ delayMs: 150 }, async (events) => {
      const res = await t.as(itHead.id, assignmentPath, { clock: NOW });
      await res.arrayBuffer();
      return { status: res.status, events: [...events] };
    });
    expect(status).toBe(200);
    // The assignment's Query goes out before the version item comes back; nothing is answered before it does.
    expect(events).toEqual(['version sent', 'Query sent', 'version read']);
  });

  it('answers nothing of what it read when the version item cannot be read: the refusal of a request that did not answer ahead', async () => {
    const res = await withVersionRead({ fails: true }, () => t.as(itHead.id, assignmentPath, { clock: NOW }));
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toContain('Rà soát hạ tầng');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('made again when the version moved: a person made head since the snapshot was read is answered as head', async () => {
    expect((await t.as(otherSpecialist.id, assignmentPath, { clock: NOW })).status).toBe(404);
    // Written straight to the table, as another process would: this process's snapshot still has them a specialist.
    await changeStaffInRecords(new OrganisationRepository(t.table), t.orgId, { [otherSpecialist.id]: { roles: ['head'] }, [itHead.id]: { roles: ['specialist'] } });
    const { res, events } = await withVersionRead({}, async (events) => ({ res: await t.as(otherSpecialist.id, assignmentPath, { clock: NOW }), events }));
    expect(res.status).toBe(200);
    // Answered ahead as a specialist (the assignment's Query), the records read again, then answered again as head.
    expect(events.filter((e) => e === 'Query sent').length).toBeGreaterThanOrEqual(2);
    expect((await t.as(itHead.id, assignmentPath, { clock: NOW })).status).toBe(404);
  });

  it('a write does not answer ahead: nothing is sent before the version item is read', async () => {
    const events = await withVersionRead({ delayMs: 100 }, async (events) => {
      const res = await t.as(director.id, '/v1/assignments', { method: 'POST', body: body({ title: 'Không trả lời trước', assigneeId: itSpecialist.id, dueDate: '2026-12-21' }), clock: NOW });
      expect(res.status).toBe(201);
      return [...events];
    });
    expect(events.slice(0, 2)).toEqual(['version sent', 'version read']);
  });
});
