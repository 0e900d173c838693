// Outgoing documents and the e-office, continued from eoffice-outgoing.test.ts: a signature outside the signer's authority (D4, Điều 9.1.8), refused, recorded once and reported to the chief of office.
import { beforeAll, describe, expect, it } from 'vitest';
import { findingText } from '../../shared/domain/finding-text.js';
import type { TestApp } from '../support/app.js';
import { json } from '../support/eoffice.js';
import { CLOCK, at, director, postsDeputy, itDeputy, chiefOfOffice, clerk, itHead, names, outgoingEofficeSuite } from '../support/eoffice-outgoing.js';
import { person } from '../support/people.js';

// Outgoing documents and the e-office (issue #19 item 7; D4 Điều 9.1.8, D5 Điều 13.1, Điều 9.1.1, 9.1.3, 12):
// signed pushes from the e-office onto the same steps, and every step reported back through the outbox.
const { outgoing, push, deliveriesOf, registered, formChecked, app } = outgoingEofficeSuite();
let t: TestApp;
beforeAll(() => {
  t = app();
});

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
