/**
 * The setup the e-office outgoing-document tests share (D4 Điều 9.1.8, D5 Điều 13.1): a test app
 * holding the e-office secret, a local e-office receiving the callbacks (kept in `received`), the
 * people, and signed pushes of registrations and steps. Call once at the top of a test file.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { createTestApp, type TestApp } from './app.js';
import { json, signedPost, startEofficeReceiver, type ReceivedCallback } from './eoffice.js';
import { person, sonLa } from './people.js';

export const OUT = '/v1/integrations/eoffice/outgoing-documents';
/** Thursday 3 December 2026: registered at 09:00, steps reported later that morning. */
export const T0 = '2026-12-03T09:00:00+07:00';
export const CLOCK = '2026-12-03T11:00:00+07:00';
export const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * 60_000).toISOString();

export const director = person('director');
export const [postsDeputy, itDeputy] = sonLa.leaders.filter((l) => l.staffId !== director.id).map((l) => l.staffId) as [string, string];
export const chiefOfOffice = person('chief-of-office');
export const clerk = person('clerk');
export const itHead = person('head', 'it');
export const itSpecialist = person('specialist', 'it');
export const names = {
  person: (id: string) => sonLa.staff.find((s) => s.id === id)?.name,
  unit: () => undefined,
  field: (id: string) => sonLa.fields.find((f) => f.id === id)?.name,
};

export function outgoingEofficeSuite() {
  const SECRET = generateWebhookSecret();
  /** What the local e-office received, emptied before each test. */
  const received: ReceivedCallback[] = [];
  let receiver: Awaited<ReturnType<typeof startEofficeReceiver>>;
  let t: TestApp;

  beforeAll(async () => {
    receiver = await startEofficeReceiver(SECRET, undefined, received);
    t = await createTestApp({ eoffice: { secrets: [SECRET], callbackUrl: receiver.callbackUrl } });
  });
  afterAll(async () => {
    await t?.dispose();
    await receiver?.close();
  });
  beforeEach(() => {
    received.length = 0;
  });

  let n = 0;
  const outgoing = (extra: Record<string, unknown> = {}) => ({
    externalId: `VBDI-2026-${String(++n).padStart(6, '0')}`,
    drafterId: itSpecialist.id,
    title: 'Công văn hướng dẫn bảo đảm an toàn thông tin',
    kind: 'official-letter',
    scope: 'department',
    fieldId: 'cybersecurity',
    ...extra,
  });
  const register = (body: object, id?: string, secrets = [SECRET]) => signedPost(t, OUT, body, { secrets, clock: T0, ...(id ? { id } : {}) });
  const push = (externalId: string, body: Record<string, unknown>, id?: string, secrets = [SECRET]) =>
    signedPost(t, `${OUT}/${externalId}/steps`, body, { secrets, clock: CLOCK, ...(id ? { id } : {}) });
  const pending = async () => (await json(await t.as(director.id, '/v1/admin/eoffice/deliveries?state=pending&limit=100', { clock: CLOCK }))).items as any[];
  const deliveriesOf = async (docId: string) => (await pending()).filter((d) => d.documentId === docId);

  async function registered(extra: Record<string, unknown> = {}) {
    const body = outgoing(extra);
    const res = await register(body);
    expect(res.status).toBe(201);
    return { externalId: body.externalId, doc: await json(res) };
  }

  /** Vetted, submitted for the IT deputy's KT signature and form-checked, each pushed by the e-office. */
  async function formChecked(extra: Record<string, unknown> = {}) {
    const r = await registered(extra);
    expect((await push(r.externalId, { action: 'vet', actorId: itHead.id, at: at(1) })).status).toBe(200);
    expect((await push(r.externalId, { action: 'submit', actorId: itHead.id, at: at(2), signerId: itDeputy, form: 'kt' })).status).toBe(200);
    expect((await push(r.externalId, { action: 'check-form', actorId: clerk.id, at: at(3) })).status).toBe(200);
    return r;
  }

  /** The test app, once `beforeAll` has made it. */
  const app = () => t;
  return { SECRET, received, app, outgoing, register, push, pending, deliveriesOf, registered, formChecked };
}
