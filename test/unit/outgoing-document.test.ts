import { describe, expect, it } from 'vitest';
import {
  applyStep,
  draftOutgoing,
  isStepLate,
  OutgoingRefusal,
  signingRefusal,
  type OutgoingDocument,
  type SigningChart,
  type StepInput,
} from '../../shared/domain/outgoing-document.js';
import { person, sonLa } from '../support/people.js';

const director = person('director');
const [postsDeputy, itDeputy] = sonLa.leaders.filter((l) => l.staffId !== director.id).map((l) => l.staffId) as [string, string];
const chiefOfOffice = person('chief-of-office');
const clerk = person('clerk');
const itHead = person('head', 'it');
const pressHead = person('head', 'press');
const itSpecialist = person('specialist', 'it');

const chart: SigningChart = {
  directorId: director.id,
  chiefOfOfficeIds: [chiefOfOffice.id],
  deputyFields: Object.fromEntries(sonLa.leaders.filter((l) => l.staffId !== director.id).map((l) => [l.staffId, l.fields])),
  headOf: { it: itHead.id, press: pressHead.id },
  chiefOfOfficeKinds: sonLa.documents.outgoing!.chiefOfOfficeKinds,
};
const owners = { head: itHead.id, office: clerk.id, clerk: clerk.id };
const NOW = new Date('2026-12-03T09:00:00+07:00');
const DUE = new Date('2026-12-04T23:59:59+07:00');

const draft = (over: Partial<Parameters<typeof draftOutgoing>[0]> = {}) =>
  draftOutgoing(
    { id: 'd1', orgId: 'o', title: ' Công văn về an toàn thông tin ', kind: 'official-letter', scope: 'department', unitId: 'it', fieldId: 'cybersecurity', confidentiality: 'normal', drafterId: itSpecialist.id, headId: itHead.id, ...over },
    DUE,
    NOW,
  );

function run(doc: OutgoingDocument, steps: [string, StepInput][]): OutgoingDocument {
  for (const [actor, step] of steps) {
    const next = applyStep(doc, actor, step, chart, owners, DUE, NOW);
    if (next instanceof OutgoingRefusal) throw new Error(next.message);
    doc = next;
  }
  return doc;
}

describe('D4/D5 (Điều 9.1.8, 13.1, 13.2): who may sign an outgoing document', () => {
  const doc = { scope: 'department' as const, unitId: 'it', fieldId: 'cybersecurity', kind: 'official-letter' as const };

  it('D5 (Điều 13.1): the director signs any department document as GIÁM ĐỐC; nobody else signs under that form', () => {
    expect(signingRefusal(chart, doc, director.id, 'director')).toBeUndefined();
    expect(signingRefusal(chart, doc, itDeputy, 'director')).toMatch(/only the director/);
  });

  it('A3 (Điều 4.1.1): a deputy signs "KT. GIÁM ĐỐC" within his fields and is refused one field outside them', () => {
    expect(signingRefusal(chart, doc, itDeputy, 'kt')).toBeUndefined();
    expect(signingRefusal(chart, doc, postsDeputy, 'kt')).toMatch(/field 'cybersecurity' is not in this deputy director’s portfolio/);
    expect(signingRefusal(chart, { ...doc, fieldId: 'telecoms-internet' }, postsDeputy, 'kt')).toBeUndefined();
    expect(signingRefusal(chart, { ...doc, fieldId: undefined }, itDeputy, 'kt')).toMatch(/names no field/);
  });

  it('D4 (Điều 9.1.8): the chief of office signs "TL. GIÁM ĐỐC" only for the kinds the rulebook authorises', () => {
    expect(signingRefusal(chart, { ...doc, kind: 'invitation' }, chiefOfOffice.id, 'tl')).toBeUndefined();
    expect(signingRefusal(chart, { ...doc, kind: 'decision' }, chiefOfOffice.id, 'tl')).toMatch(/does not authorise the chief of office to sign a document of kind 'decision'/);
    expect(signingRefusal(chart, { ...doc, kind: 'invitation' }, itHead.id, 'tl')).toMatch(/only the chief of office/);
  });

  it('D5 (Điều 13.2): a head signs the unit’s own documents, not another unit’s nor a department document', () => {
    const own = { ...doc, scope: 'unit' as const };
    expect(signingRefusal(chart, own, itHead.id, 'unit-head')).toBeUndefined();
    expect(signingRefusal(chart, own, pressHead.id, 'unit-head')).toMatch(/only the head of the drafting unit/);
    expect(signingRefusal(chart, doc, itHead.id, 'unit-head')).toMatch(/department document is signed by the director or a deputy/);
    expect(signingRefusal(chart, own, itDeputy, 'kt')).toMatch(/signed by its head/);
  });
});

describe('D5 (Điều 13.1): the outgoing flow', () => {
  it('drafted → vetted → submitted → form-checked → signed → numbered → sealed → sent → filed, each step with its owner', () => {
    let doc = draft();
    expect(doc).toMatchObject({ status: 'drafted', ownerId: itHead.id, title: 'Công văn về an toàn thông tin', register: 'general' });
    doc = run(doc, [[itHead.id, { action: 'vet' }]]);
    expect(doc).toMatchObject({ status: 'vetted', ownerId: itHead.id, vettedById: itHead.id });
    doc = run(doc, [[itHead.id, { action: 'submit', signerId: itDeputy, form: 'kt' }]]);
    expect(doc).toMatchObject({ status: 'submitted', ownerId: clerk.id, proposedById: itHead.id });
    doc = run(doc, [[clerk.id, { action: 'check-form' }]]);
    expect(doc).toMatchObject({ status: 'form-checked', ownerId: itDeputy });
    doc = run(doc, [[itDeputy, { action: 'sign' }]]);
    expect(doc).toMatchObject({ status: 'signed', signature: { signerId: itDeputy, form: 'kt' }, ownerId: clerk.id });
    doc = run(doc, [
      [clerk.id, { action: 'number', sequence: 7, year: 2026 }],
      [clerk.id, { action: 'seal' }],
      [clerk.id, { action: 'send', recipients: ['UBND tỉnh Sơn La'] }],
      [clerk.id, { action: 'file', originalRef: 'Hộp 12/2026' }],
    ]);
    expect(doc).toMatchObject({ status: 'filed', number: '7/2026', originalRef: 'Hộp 12/2026', version: 9 });
    expect(doc.ownerId).toBeUndefined();
    expect(doc.stepDueAt).toBeUndefined();
  });

  it('D5 (Điều 13.1.b): a document returned at the form check goes back to the head who proposed it, with the reason', () => {
    const submitted = run(draft(), [
      [itHead.id, { action: 'vet' }],
      [itHead.id, { action: 'submit', signerId: itDeputy, form: 'kt' }],
    ]);
    const back = run(submitted, [[clerk.id, { action: 'return', reason: 'Sai thể thức: thiếu nơi nhận' }]]);
    expect(back).toMatchObject({ status: 'returned', ownerId: itHead.id, returns: [{ byId: clerk.id, from: 'submitted', reason: 'Sai thể thức: thiếu nơi nhận' }] });
    expect(run(back, [[itHead.id, { action: 'submit', signerId: itDeputy, form: 'kt' }]]).status).toBe('submitted');
  });

  it('D4 (Điều 9.1.8): a signature outside the signer’s authority is refused (forbidden); a step out of order is a conflict', () => {
    const checked = run(draft(), [
      [itHead.id, { action: 'vet' }],
      [itHead.id, { action: 'submit', signerId: itDeputy, form: 'kt' }],
      [clerk.id, { action: 'check-form' }],
    ]);
    const refused = applyStep(checked, postsDeputy, { action: 'sign' }, chart, owners, DUE, NOW);
    expect(refused).toBeInstanceOf(OutgoingRefusal);
    expect(refused).toMatchObject({ kind: 'forbidden', rule: 'D4' });
    const early = applyStep(checked, clerk.id, { action: 'seal' }, chart, owners, DUE, NOW);
    expect(early).toMatchObject({ kind: 'conflict', rule: 'D5' });
  });

  it('D4 (Điều 9.1.8): the seal is refused when the signature is no longer within the signer’s fields', () => {
    const numbered = run(draft(), [
      [itHead.id, { action: 'vet' }],
      [itHead.id, { action: 'submit', signerId: itDeputy, form: 'kt' }],
      [clerk.id, { action: 'check-form' }],
      [itDeputy, { action: 'sign' }],
      [clerk.id, { action: 'number', sequence: 1, year: 2026 }],
    ]);
    const moved: SigningChart = { ...chart, deputyFields: { ...chart.deputyFields, [itDeputy]: [] } };
    expect(applyStep(numbered, clerk.id, { action: 'seal' }, moved, owners, DUE, NOW)).toMatchObject({ kind: 'conflict', rule: 'D4' });
  });

  it('D5 (Điều 13.1): the head cannot propose a signature the rulebook does not allow', () => {
    const vetted = run(draft({ kind: 'decision' }), [[itHead.id, { action: 'vet' }]]);
    expect(applyStep(vetted, itHead.id, { action: 'submit', signerId: chiefOfOffice.id, form: 'tl' }, chart, owners, DUE, NOW)).toMatchObject({ kind: 'conflict' });
  });

  it('D5: a step due 04/12/2026 23:59:59 is on time at that second and late at the next', () => {
    const doc = draft();
    expect(isStepLate(doc, new Date('2026-12-04T23:59:59.999+07:00'))).toBe(false);
    expect(isStepLate(doc, new Date('2026-12-05T00:00:00+07:00'))).toBe(true);
  });
});
