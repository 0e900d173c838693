/**
 * Outgoing documents (văn bản đi), pure: no I/O, no clock. DOMAIN.md D4 (Điều 9.1.8: the seal
 * only under the signature of the director, a deputy director, or the chief of office signing
 * "thừa lệnh"; a signature outside one's authority is reported to the chief of office) and D5
 * (Điều 13.1: the director or a deputy signs on a head's proposal, the head answers for the
 * content, the Office checks the form; a document returned for errors goes back to the head who
 * proposed it; Điều 13.2: a head signs the unit's own documents), with Điều 9.1.1 (registered in
 * the outgoing register), 9.1.2 (confidential ones in their own register), 9.1.3 (sent, and the
 * original kept with the clerk) and Điều 12.2 (the Office issues, classifies and files them).
 *
 * The flow: drafted → vetted (thẩm định by the head) → submitted (the head's proposal) →
 * form-checked (thể thức, the Office) → signed → numbered → sealed → sent → filed. A check that
 * fails returns the document to the head who proposed it (status `returned`), who submits again.
 */
import type { Confidentiality } from './assignment.js';
import { registerOf, type Register } from './document.js';

export type OutgoingKind = 'official-letter' | 'decision' | 'report' | 'plan' | 'submission' | 'invitation' | 'notice';
export const OUTGOING_KINDS: readonly OutgoingKind[] = ['official-letter', 'decision', 'report', 'plan', 'submission', 'invitation', 'notice'];

/** A department document (văn bản của Sở) or a unit's own (văn bản của phòng, Điều 13.2). */
export type OutgoingScope = 'department' | 'unit';

export type OutgoingStatus = 'drafted' | 'vetted' | 'submitted' | 'form-checked' | 'signed' | 'numbered' | 'sealed' | 'sent' | 'filed' | 'returned';

/** The steps a person (or the e-office) takes; `return` sends the document back to the proposing head. */
export type OutgoingAction = 'vet' | 'submit' | 'check-form' | 'sign' | 'number' | 'seal' | 'send' | 'file' | 'return';
export const OUTGOING_ACTIONS: readonly OutgoingAction[] = ['vet', 'submit', 'check-form', 'sign', 'number', 'seal', 'send', 'file', 'return'];

/**
 * How the signature reads (thể thức chữ ký):
 * - `director`: GIÁM ĐỐC, the director's own signature;
 * - `kt`: KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC, a deputy within his fields (A3, Điều 4.1.1);
 * - `tl`: TL. GIÁM ĐỐC – CHÁNH VĂN PHÒNG, the chief of office where the rulebook authorises (Điều 9.1.8);
 * - `unit-head`: TRƯỞNG PHÒNG, a head for the unit's own documents (Điều 13.2).
 */
export type SignatureForm = 'director' | 'kt' | 'tl' | 'unit-head';

export const SIGNATURE_LINES: Readonly<Record<SignatureForm, string>> = {
  director: 'GIÁM ĐỐC',
  kt: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC',
  tl: 'TL. GIÁM ĐỐC – CHÁNH VĂN PHÒNG',
  'unit-head': 'TRƯỞNG PHÒNG',
};

export interface OutgoingSignature {
  readonly signerId: string;
  readonly form: SignatureForm;
  readonly signedAt: string;
}

export interface OutgoingReturn {
  readonly at: string;
  readonly byId: string;
  /** The status the document was in when it was returned (which check failed). */
  readonly from: OutgoingStatus;
  readonly reason: string;
}

export interface OutgoingDocument {
  readonly id: string;
  readonly orgId: string;
  readonly title: string;
  readonly kind: OutgoingKind;
  readonly scope: OutgoingScope;
  /** The unit that drafted it: its head vets and proposes it (Điều 13.1.a). */
  readonly unitId: string;
  /** The field (lĩnh vực) it belongs to: a deputy signs only within his fields (A3). */
  readonly fieldId?: string;
  readonly confidentiality: Confidentiality;
  readonly register: Register;
  readonly drafterId: string;
  readonly status: OutgoingStatus;
  /** Who must take the next step, and by when (D5 deadlines; the rulebook's `documents.outgoing.stepDays`). */
  readonly ownerId?: string;
  readonly stepDueAt?: string;
  readonly vettedById?: string;
  /** The head who proposed it: a returned document goes back to them (D5). */
  readonly proposedById?: string;
  readonly proposal?: { readonly signerId: string; readonly form: SignatureForm; readonly note?: string };
  readonly signature?: OutgoingSignature;
  /** The outgoing register's number: `<n>/<year>` in its register (D2: the confidential one apart). */
  readonly number?: string;
  readonly sequence?: number;
  readonly year?: number;
  readonly sealedAt?: string;
  readonly sentAt?: string;
  readonly recipients?: readonly string[];
  readonly filedAt?: string;
  /** Where the original (or its equivalent) is kept (Điều 9.1.3). */
  readonly originalRef?: string;
  readonly returns: readonly OutgoingReturn[];
  /** Everyone who had a step: they may see it (D2). */
  readonly partyIds: readonly string[];
  readonly externalId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Why a step is refused: the HTTP layer maps `forbidden` to 403 and `conflict` to 409. */
export class OutgoingRefusal {
  constructor(
    readonly kind: 'forbidden' | 'conflict',
    readonly rule: 'D4' | 'D5',
    readonly message: string,
    /** D4: the signature outside authority, for the finding reported to the chief of office. */
    readonly signature?: { readonly signerId: string; readonly form: SignatureForm; readonly lacked: SigningRefusal },
  ) {}
}

/**
 * The authority a would-be signer lacked (D4), as data a finding can be rendered from:
 * - `not-director`: only the director signs as GIÁM ĐỐC;
 * - `not-deputy`: only a deputy director signs KT.;
 * - `field-outside-portfolio` (`fieldId`): the document's field is not in the deputy's fields (A3);
 * - `no-field`: the document names no field, so no deputy's portfolio covers it;
 * - `not-chief-of-office`: only the chief of office signs TL.;
 * - `kind-not-authorised` (`kind`): the rulebook does not authorise TL. for this kind;
 * - `unit-document`: a unit's own document is signed by its head;
 * - `department-document`: a department document is signed by the board;
 * - `not-unit-head`: only the head of the drafting unit signs its own documents.
 */
export type SigningRefusalCode =
  | 'not-director'
  | 'not-deputy'
  | 'field-outside-portfolio'
  | 'no-field'
  | 'not-chief-of-office'
  | 'kind-not-authorised'
  | 'unit-document'
  | 'department-document'
  | 'not-unit-head';

export interface SigningRefusal {
  readonly code: SigningRefusalCode;
  readonly message: string;
  readonly fieldId?: string;
  readonly kind?: OutgoingKind;
}

/** The people of the department the rules need, as plain data. */
export interface SigningChart {
  readonly directorId?: string;
  readonly chiefOfOfficeIds: readonly string[];
  /** staffId → fields of a deputy director (the rulebook's `leaders[].fields`). */
  readonly deputyFields: Readonly<Record<string, readonly string[]>>;
  /** unitId → its head's staffId. */
  readonly headOf: Readonly<Record<string, string | undefined>>;
  /** Kinds of document the director authorises the chief of office to sign "TL. GIÁM ĐỐC". */
  readonly chiefOfOfficeKinds: readonly OutgoingKind[];
}

/**
 * D4/D5: may `signerId` sign `doc` under `form`? Undefined when allowed, else the refusal naming why.
 * A department document is signed by the director, a deputy within his fields, or the chief of
 * office for the kinds the rulebook authorises; a unit's own document by its head (Điều 13.2).
 */
export function signingRefusal(chart: SigningChart, doc: Pick<OutgoingDocument, 'scope' | 'unitId' | 'fieldId' | 'kind'>, signerId: string, form: SignatureForm): string | undefined {
  return signingRefusalOf(chart, doc, signerId, form)?.message;
}

/** The same check as `signingRefusal`, with the authority lacked as data (D4 findings). */
export function signingRefusalOf(chart: SigningChart, doc: Pick<OutgoingDocument, 'scope' | 'unitId' | 'fieldId' | 'kind'>, signerId: string, form: SignatureForm): SigningRefusal | undefined {
  const isDirector = chart.directorId === signerId;
  const fields = chart.deputyFields[signerId];
  const isChiefOfOffice = chart.chiefOfOfficeIds.includes(signerId);
  const isHead = chart.headOf[doc.unitId] === signerId;
  const unitDocument: SigningRefusal = { code: 'unit-document', message: 'a unit’s own document is signed by its head (Điều 13.2)' };
  switch (form) {
    case 'director':
      return isDirector ? undefined : { code: 'not-director', message: 'only the director signs as GIÁM ĐỐC (Điều 13.1)' };
    case 'kt':
      if (!fields) return { code: 'not-deputy', message: 'only a deputy director signs "KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC" (Điều 4.1.1)' };
      if (doc.scope !== 'department') return unitDocument;
      if (!doc.fieldId) return { code: 'no-field', message: 'the document names no field, so no deputy’s portfolio covers it (A3, Điều 4.1.1)' };
      return fields.includes(doc.fieldId)
        ? undefined
        : { code: 'field-outside-portfolio', fieldId: doc.fieldId, message: `field '${doc.fieldId}' is not in this deputy director’s portfolio (A3, Điều 4.1.1)` };
    case 'tl':
      if (!isChiefOfOffice) return { code: 'not-chief-of-office', message: 'only the chief of office signs "TL. GIÁM ĐỐC" (Điều 9.1.8)' };
      if (doc.scope !== 'department') return unitDocument;
      return chart.chiefOfOfficeKinds.includes(doc.kind)
        ? undefined
        : { code: 'kind-not-authorised', kind: doc.kind, message: `the rulebook does not authorise the chief of office to sign a document of kind '${doc.kind}' (Điều 9.1.8)` };
    case 'unit-head':
      if (doc.scope !== 'unit') return { code: 'department-document', message: 'a department document is signed by the director or a deputy director (Điều 13.1)' };
      return isHead ? undefined : { code: 'not-unit-head', message: 'only the head of the drafting unit signs its own documents (Điều 13.2)' };
  }
}

const at = (now: Date) => now.toISOString();
const withParty = (ids: readonly string[], id: string | undefined) => (id && !ids.includes(id) ? [...ids, id] : ids);

export interface NewOutgoing {
  readonly id: string;
  readonly orgId: string;
  readonly title: string;
  readonly kind: OutgoingKind;
  readonly scope: OutgoingScope;
  readonly unitId: string;
  readonly fieldId?: string;
  readonly confidentiality: Confidentiality;
  readonly drafterId: string;
  readonly headId: string;
  readonly externalId?: string;
}

export function draftOutgoing(input: NewOutgoing, stepDueAt: Date, now: Date): OutgoingDocument {
  return {
    id: input.id,
    orgId: input.orgId,
    title: input.title.trim(),
    kind: input.kind,
    scope: input.scope,
    unitId: input.unitId,
    ...(input.fieldId ? { fieldId: input.fieldId } : {}),
    confidentiality: input.confidentiality,
    register: registerOf(input.confidentiality),
    drafterId: input.drafterId,
    status: 'drafted',
    ownerId: input.headId,
    stepDueAt: stepDueAt.toISOString(),
    returns: [],
    partyIds: withParty([input.drafterId], input.headId),
    ...(input.externalId ? { externalId: input.externalId } : {}),
    createdAt: at(now),
    updatedAt: at(now),
    version: 1,
  };
}

/** Which status each step needs, and who takes it (`head`, `office`, `signer`, `clerk`). */
const STEP_FROM: Readonly<Record<Exclude<OutgoingAction, 'return'>, readonly OutgoingStatus[]>> = {
  vet: ['drafted'],
  submit: ['vetted', 'returned'],
  'check-form': ['submitted'],
  sign: ['form-checked'],
  number: ['signed'],
  seal: ['numbered'],
  send: ['sealed'],
  file: ['sent'],
};
/** Checks that may send the document back (D5: errors found before it is issued). */
const RETURNABLE: readonly OutgoingStatus[] = ['vetted', 'submitted', 'form-checked', 'signed'];

export type StepInput =
  | { action: 'vet'; note?: string }
  | { action: 'submit'; signerId: string; form: SignatureForm; note?: string }
  | { action: 'check-form'; note?: string }
  | { action: 'sign' }
  /** `label`: the number as the e-office wrote it (số ký hiệu, e.g. `125/STTTT-VP`); else `<sequence>/<year>`. */
  | { action: 'number'; sequence: number; year: number; label?: string }
  | { action: 'seal' }
  | { action: 'send'; recipients: readonly string[] }
  | { action: 'file'; originalRef: string }
  | { action: 'return'; reason: string };

/** Who takes the step after `status` (undefined when the flow is over). */
export interface StepOwners {
  readonly head: string;
  readonly office: string;
  readonly clerk: string;
}

/**
 * The next state after a step, or the refusal. The caller has already checked that `actorId`
 * may take it (`mayTake`); the signature's authority is checked here, so no path can sign
 * or seal outside it (D4).
 */
export function applyStep(
  doc: OutgoingDocument,
  actorId: string,
  step: StepInput,
  chart: SigningChart,
  owners: StepOwners,
  nextDueAt: Date | undefined,
  now: Date,
): OutgoingDocument | OutgoingRefusal {
  if (step.action === 'return') {
    if (!RETURNABLE.includes(doc.status)) return new OutgoingRefusal('conflict', 'D5', `a document that is ${doc.status} can no longer be returned`);
    const head = doc.proposedById ?? doc.vettedById ?? owners.head;
    return {
      ...doc,
      status: 'returned',
      ownerId: head,
      ...(nextDueAt ? { stepDueAt: nextDueAt.toISOString() } : {}),
      returns: [...doc.returns, { at: at(now), byId: actorId, from: doc.status, reason: step.reason.trim() }],
      partyIds: withParty(doc.partyIds, actorId),
      updatedAt: at(now),
      version: doc.version + 1,
    };
  }
  if (!STEP_FROM[step.action].includes(doc.status)) {
    return new OutgoingRefusal('conflict', 'D5', `the step '${step.action}' needs the document to be ${STEP_FROM[step.action].join(' or ')}; it is ${doc.status}`);
  }
  const base = { partyIds: withParty(doc.partyIds, actorId), updatedAt: at(now), version: doc.version + 1, ...(nextDueAt ? { stepDueAt: nextDueAt.toISOString() } : {}) };
  switch (step.action) {
    case 'vet':
      return { ...doc, ...base, status: 'vetted', vettedById: actorId, ownerId: actorId };
    case 'submit': {
      const refusal = signingRefusal(chart, doc, step.signerId, step.form);
      if (refusal) return new OutgoingRefusal('conflict', 'D5', `the proposed signature cannot be given: ${refusal}`);
      return {
        ...doc,
        ...base,
        status: 'submitted',
        proposedById: actorId,
        proposal: { signerId: step.signerId, form: step.form, ...(step.note ? { note: step.note.trim() } : {}) },
        ownerId: owners.office,
        partyIds: withParty(base.partyIds, step.signerId),
      };
    }
    case 'check-form':
      return { ...doc, ...base, status: 'form-checked', ownerId: doc.proposal!.signerId };
    case 'sign': {
      const form = doc.proposal!.form;
      const refusal = signingRefusalOf(chart, doc, actorId, form);
      if (refusal) return new OutgoingRefusal('forbidden', 'D4', `this signature is outside the signer’s authority: ${refusal.message}`, { signerId: actorId, form, lacked: refusal });
      return { ...doc, ...base, status: 'signed', signature: { signerId: actorId, form, signedAt: at(now) }, ownerId: owners.clerk };
    }
    case 'number':
      return { ...doc, ...base, status: 'numbered', sequence: step.sequence, year: step.year, number: step.label ?? `${step.sequence}/${step.year}`, ownerId: owners.clerk };
    case 'seal': {
      // Điều 9.1.8: the seal only under an allowed signature, checked again against today's chart.
      const s = doc.signature;
      if (!s) return new OutgoingRefusal('conflict', 'D4', 'the seal is not applied: the document is not signed');
      const refusal = signingRefusalOf(chart, doc, s.signerId, s.form);
      if (refusal) return new OutgoingRefusal('conflict', 'D4', `the seal is not applied: ${refusal.message}`, { signerId: s.signerId, form: s.form, lacked: refusal });
      return { ...doc, ...base, status: 'sealed', sealedAt: at(now), ownerId: owners.clerk };
    }
    case 'send':
      return { ...doc, ...base, status: 'sent', sentAt: at(now), recipients: step.recipients.map((r) => r.trim()), ownerId: owners.clerk };
    case 'file': {
      const { ownerId: _o, stepDueAt: _d, ...rest } = { ...doc, ...base };
      return { ...rest, status: 'filed', filedAt: at(now), originalRef: step.originalRef.trim() };
    }
  }
}

/** The role that takes a step: checked by the service against the actor before `applyStep`. */
export function stepTaker(doc: OutgoingDocument, action: OutgoingAction): 'head' | 'office' | 'signer' | 'clerk' {
  switch (action) {
    case 'vet':
    case 'submit':
      return 'head';
    case 'check-form':
      return 'office';
    case 'sign':
      return 'signer';
    case 'return':
      // Whoever's check is current: the head before proposing, the Office, the signer, the clerk before sealing.
      return doc.status === 'vetted' ? 'head' : doc.status === 'submitted' ? 'office' : doc.status === 'form-checked' ? 'signer' : 'clerk';
    default:
      return 'clerk';
  }
}

/** D5 at `now`: the current step is late when its deadline passed (to the second) and the flow is not over. */
export function isStepLate(doc: Pick<OutgoingDocument, 'status' | 'stepDueAt'>, now: Date): boolean {
  if (doc.status === 'filed' || !doc.stepDueAt) return false;
  return Math.floor(now.getTime() / 1000) > Math.floor(new Date(doc.stepDueAt).getTime() / 1000);
}
