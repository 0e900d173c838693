// Outgoing documents and the e-office, continued from eoffice-outgoing.test.ts: a signature outside the signer's authority (D4, Điều 9.1.8), refused, recorded once and reported to the chief of office.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { findingText } from '../../shared/domain/finding-text.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { json, signedPost } from '../support/eoffice.js';
import { person, sonLa } from '../support/people.js';

// Outgoing documents and the e-office (issue #19 item 7; D4 Điều 9.1.8, D5 Điều 13.1, Điều 9.1.1, 9.1.3, 12):
// signed pushes from the e-office onto the same steps, and every step reported back through the outbox.
const SECRET = generateWebhookSecret();
const OUT = '/v1/integrations/eoffice/outgoing-documents';
/** Thursday 3 December 2026: registered at 09:00, steps reported later that morning. */
const T0 = '2026-12-03T09:00:00+07:00';
const CLOCK = '2026-12-03T11:00:00+07:00';
const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * 60_000).toISOString();

const director = person('director');
const [postsDeputy, itDeputy] = sonLa.leaders.filter((l) => l.staffId !== director.id).map((l) => l.staffId) as [string, string];
const chiefOfOffice = person('chief-of-office');
const clerk = person('clerk');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const names = {
  person: (id: string) => sonLa.staff.find((s) => s.id === id)?.name,
  unit: () => undefined,
  field: (id: string) => sonLa.fields.find((f) => f.id === id)?.name,
};

/** A local e-office receiving the callbacks; keeps what it received. */
const received: { headers: Record<string, string>; body: string; verified: boolean }[] = [];
let receiver: Server;
let t: TestApp;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        new Webhook(SECRET).verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ headers, body, verified });
      res.statusCode = 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const callbackUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/eoffice/callbacks`;
  t = await createTestApp({ eoffice: { secrets: [SECRET], callbackUrl } });
});
afterAll(async () => {
  await t?.dispose();
  await new Promise((r) => receiver?.close(r));
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

describe('D4 (Điều 9.1.8): a signature outside the signer’s authority', () => {
  it('D4 (Điều 9.1.8): a deputy signing outside his fields is refused (403), nothing of the document is written, and exactly one D4 finding is reported to the chief of office; a second identical attempt adds nothing', async () => {
    const { externalId, doc } = await formChecked({ title: 'Công văn về an toàn thông tin mạng' });
    const before = await t.countItems();
    const refused = await t.as(postsDeputy, `/v1/outgoing-documents/${doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK });
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ rule: 'D4' });
    const state = await json(await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${doc.id}`, { clock: CLOCK }));
    expect(state).toMatchObject({ status: 'form-checked', version: 4 });
    expect(state.signature).toBeUndefined();
    // No callback for a refusal: the document did not move.
    expect((await deliveriesOf(doc.id)).map((d) => d.type)).not.toContain('outgoing.signed');

    const findings = (await json(await t.as(director.id, `/v1/findings?rule=D4&limit=100`, { clock: CLOCK }))).items.filter((f: any) => f.ref === doc.id);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      rule: 'D4',
      article: 'Điều 9.1.8',
      subjectId: postsDeputy,
      facts: { documentId: doc.id, step: 'sign', signerId: postsDeputy, form: 'kt', lacked: 'field-outside-portfolio', fieldId: 'cybersecurity', reportedTo: [chiefOfOffice.id] },
    });
    expect(finding.resolvedAt).toBeUndefined();
    const deputy = names.person(postsDeputy)!;
    expect(findingText(finding, 'vi', names)).toBe(
      `Văn bản đi “Công văn về an toàn thông tin mạng”: ${deputy} ký “KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC” không đúng thẩm quyền (lúc 03/12/2026 11:00) — lĩnh vực “An toàn thông tin và an ninh mạng” không thuộc lĩnh vực được phân công phụ trách; chữ ký bị từ chối.`,
    );
    expect(findingText(finding, 'en', names)).toBe(
      `Outgoing document “Công văn về an toàn thông tin mạng”: ${deputy} signed “KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC” outside their authority (at 2026-12-03 11:00) — the field “Information security and cybersecurity” is not in this deputy director’s portfolio; the signature was refused.`,
    );
    // The chief of office sees it and is notified, in Vietnamese first.
    expect((await t.as(chiefOfOffice.id, `/v1/findings/${finding.id}`, { clock: CLOCK })).status).toBe(200);
    const inbox = (await json(await t.as(chiefOfOffice.id, '/v1/notifications?limit=100', { clock: CLOCK }))).items.filter((x: any) => x.about?.key === `finding:${finding.id}`);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].subject.vi).toBe('Chữ ký không đúng thẩm quyền: Văn bản đi “Công văn về an toàn thông tin mạng”');
    expect(inbox[0].body.vi).toContain('Báo cáo đồng chí Chánh Văn phòng theo Điều 9.1.8 (D4).');
    const written = (await t.countItems()) - before;

    // The same attempt again, from the tracker or pushed by the e-office: refused again, nothing more written.
    const beforeSecond = await t.countItems();
    expect((await t.as(postsDeputy, `/v1/outgoing-documents/${doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const pushed = await push(externalId, { action: 'sign', actorId: postsDeputy, at: at(5) });
    expect(pushed.status).toBe(403);
    expect(await json(pushed)).toMatchObject({ rule: 'D4', errors: [{ path: 'body.actorId' }] });
    expect(await t.countItems()).toBe(beforeSecond);
    expect((await json(await t.as(director.id, `/v1/findings?rule=D4&limit=100`, { clock: CLOCK }))).items.filter((f: any) => f.ref === doc.id)).toHaveLength(1);
    // One transaction: the history's report, the finding, its audit event, its counters and its notifications.
    expect(written).toBeGreaterThanOrEqual(5);
    const history = (await json(await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${doc.id}`, { clock: CLOCK }))).history.filter((e: any) => e.action === 'signature-refused');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: postsDeputy, data: { rule: 'D4', lacked: 'field-outside-portfolio', reportedTo: [chiefOfOffice.id] } });

    // The deputy in charge of the field then signs it.
    expect((await push(externalId, { action: 'sign', actorId: itDeputy, at: at(6) })).status).toBe(200);
  });

  it('D4 (Điều 9.1.8): "TL. GIÁM ĐỐC" is not proposed for a decision (409), and the chief of office signing in the director’s stead is refused and reported, rendered from its facts', async () => {
    const r = await registered({ title: 'Quyết định thành lập tổ công tác', kind: 'decision' });
    expect((await push(r.externalId, { action: 'vet', actorId: itHead.id, at: at(1) })).status).toBe(200);
    // The proposal itself is refused (D5): the rulebook authorises TL. for invitations and notices only.
    const proposal = await push(r.externalId, { action: 'submit', actorId: itHead.id, at: at(2), signerId: chiefOfOffice.id, form: 'tl' });
    expect(proposal.status).toBe(409);
    expect((await json(proposal)).errors[0].path).toBe('body.action');
    // Proposed for the director; the chief of office tries to sign it in his stead.
    expect((await push(r.externalId, { action: 'submit', actorId: itHead.id, at: at(3), signerId: director.id, form: 'director' })).status).toBe(200);
    expect((await push(r.externalId, { action: 'check-form', actorId: clerk.id, at: at(4) })).status).toBe(200);
    expect((await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${r.doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const [finding] = (await json(await t.as(director.id, `/v1/findings?rule=D4&limit=100`, { clock: CLOCK }))).items.filter((f: any) => f.ref === r.doc.id);
    expect(finding).toMatchObject({ subjectId: chiefOfOffice.id, facts: { form: 'director', lacked: 'not-director' } });
    expect(findingText(finding, 'vi', names)).toContain('ký “GIÁM ĐỐC” không đúng thẩm quyền (lúc 03/12/2026 11:00) — chỉ Giám đốc ký “GIÁM ĐỐC”; chữ ký bị từ chối.');
    expect(findingText(finding, 'en', names)).toContain('— only the director signs as GIÁM ĐỐC; the signature was refused.');
  });

  it('D4 (Điều 9.1.8): a finding reported to the chief of office is in his GET /v1/findings, page by page and once each, and in nobody else’s beyond their scope; resolved, it shows resolved there', async () => {
    // A deputy outside his fields (unit: the board), and the chief of office himself in the director's stead (unit: the office).
    const a = await formChecked({ title: 'Công văn về phòng chống mã độc' });
    expect((await t.as(postsDeputy, `/v1/outgoing-documents/${a.doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const b = await registered({ title: 'Quyết định kiện toàn tổ ứng cứu sự cố', kind: 'decision' });
    expect((await push(b.externalId, { action: 'vet', actorId: itHead.id, at: at(1) })).status).toBe(200);
    expect((await push(b.externalId, { action: 'submit', actorId: itHead.id, at: at(2), signerId: director.id, form: 'director' })).status).toBe(200);
    expect((await push(b.externalId, { action: 'check-form', actorId: clerk.id, at: at(3) })).status).toBe(200);
    expect((await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${b.doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const all = (await json(await t.as(director.id, '/v1/findings?rule=D4&limit=100', { clock: CLOCK }))).items as any[];
    const reported = all.find((f) => f.ref === a.doc.id);
    const own = all.find((f) => f.ref === b.doc.id);
    expect(reported).toMatchObject({ subjectId: postsDeputy, facts: { reportedTo: [chiefOfOffice.id] } });
    expect(own).toMatchObject({ subjectId: chiefOfOffice.id, unitId: chiefOfOffice.unitId });
    expect(reported.unitId).not.toBe(chiefOfOffice.unitId);

    /** Every page of a list, one item a page, following the sealed cursor. */
    const walk = async (who: string, query = '') => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 200; pages++) {
        const res = await t.as(who, `/v1/findings?limit=1${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { clock: CLOCK });
        expect(res.status).toBe(200);
        const page = await json(res);
        expect(page.items.length).toBeLessThanOrEqual(1);
        ids.push(...page.items.map((f: any) => f.id));
        cursor = page.nextCursor;
        if (!cursor) return { ids, pages: pages + 1 };
      }
      throw new Error('the list did not end');
    };
    const chiefs = await walk(chiefOfOffice.id);
    expect(chiefs.ids).toContain(reported.id);
    expect(chiefs.ids.filter((id) => id === own.id)).toHaveLength(1);
    expect(new Set(chiefs.ids).size).toBe(chiefs.ids.length);
    expect(chiefs.pages).toBeGreaterThanOrEqual(2);
    // Nothing beyond what he may open: each listed finding opens for him, and the director's list holds the rest.
    for (const id of chiefs.ids) expect((await t.as(chiefOfOffice.id, `/v1/findings/${id}`, { clock: CLOCK })).status).toBe(200);
    const seenByChief = all.filter((f) => f.unitId === chiefOfOffice.unitId || f.subjectId === chiefOfOffice.id || f.facts?.reportedTo?.includes(chiefOfOffice.id)).map((f) => f.id);
    expect(seenByChief).toEqual(expect.arrayContaining([own.id, reported.id]));
    expect(chiefs.ids.filter((id) => all.some((f) => f.id === id)).sort()).toEqual([...seenByChief].sort());
    expect((await walk(chiefOfOffice.id, '&rule=D4')).ids.sort()).toEqual([...seenByChief].sort());

    // A head of another unit does not get it; the director still does.
    const heads = await walk(itHead.id);
    expect(heads.ids).not.toContain(reported.id);
    expect((await t.as(itHead.id, `/v1/findings/${reported.id}`, { clock: CLOCK })).status).toBe(404);
    expect((await walk(director.id, '&rule=D4')).ids).toContain(reported.id);
    // His cursor is his own: another caller presenting it is refused.
    const first = await json(await t.as(chiefOfOffice.id, '/v1/findings?limit=1', { clock: CLOCK }));
    expect(first.nextCursor).toBeDefined();
    const stolen = await t.as(itHead.id, `/v1/findings?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, { clock: CLOCK });
    expect(stolen.status).toBe(400);

    // Resolved by the director, his copy is resolved in the same write: listed resolved, gone from the open list.
    const resolved = await t.as(director.id, `/v1/findings/${reported.id}/resolve`, { method: 'POST', body: JSON.stringify({ note: 'Đã nhắc nhở, văn bản do Phó Giám đốc phụ trách lĩnh vực ký.' }), clock: CLOCK });
    expect(resolved.status).toBe(200);
    const listed = (await json(await t.as(chiefOfOffice.id, '/v1/findings?rule=D4&limit=100', { clock: CLOCK }))).items.find((f: any) => f.id === reported.id);
    expect(listed).toMatchObject({ resolution: 'resolved', resolvedBy: director.id, version: 2 });
    expect((await walk(chiefOfOffice.id, '&open=true')).ids).not.toContain(reported.id);
  });
});
