/**
 * What the parts of the outgoing documents share (D2, D5): their stores, who sees a document and
 * who takes its next step, the signing chart, the step deadlines, and the audit event.
 */
import { monotonicFactory } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import { DocumentAccess } from '../../domain/document.js';
import { endOfLocalDay, toLocalDate } from '../../domain/local-time.js';
import {
  signingRefusal,
  stepTaker,
  type OutgoingDocument,
  type OutgoingStatus,
  type SigningChart,
  type StepInput,
} from '../../domain/outgoing-document.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import type { OutgoingDocumentRepository } from '../../store/outgoing-document-repository.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { OutgoingServiceOptions } from '../outgoing-document-service.js';

/** D4: Điều 9.1.8, "chữ ký không đúng thẩm quyền … phải báo cáo ngay với Chánh văn phòng". */
export const D4_ARTICLE = 'Điều 9.1.8';

export const eventId = monotonicFactory();
const OFFICE_ROLES = ['chief-of-office', 'deputy-chief-of-office'] as const;
/** The step that follows each status, for its deadline (the rulebook's `documents.outgoing.stepDays`). */
const NEXT_STEP: Readonly<Record<OutgoingStatus, string | undefined>> = {
  drafted: 'vet',
  vetted: 'submit',
  submitted: 'check-form',
  'form-checked': 'sign',
  signed: 'number',
  numbered: 'seal',
  sealed: 'send',
  sent: 'file',
  filed: undefined,
  returned: 'revise',
};

export class OutgoingCore {
  constructor(
    readonly contexts: OrgContextLoader,
    readonly repository: OutgoingDocumentRepository,
    readonly idempotency: IdempotencyRepository,
    readonly options: OutgoingServiceOptions = {},
  ) {}

  access(ctx: OrgContext): DocumentAccess {
    return new DocumentAccess(ctx.authority, ctx.snapshot.staff, ctx.rulebook.documents);
  }

  /** D2 as for incoming documents: the parties, the registers' readers, the level's entitled roles. */
  canView(ctx: OrgContext, staffId: string, doc: OutgoingDocument): boolean {
    return this.access(ctx).canView(staffId, { confidentiality: doc.confidentiality, register: doc.register, partyIds: doc.partyIds, unitIds: [doc.unitId] });
  }

  chart(ctx: OrgContext): SigningChart {
    const director = ctx.authority.director();
    const active = ctx.snapshot.staff.filter((s) => s.active);
    return {
      ...(director ? { directorId: director.id } : {}),
      chiefOfOfficeIds: active.filter((s) => s.roles.includes('chief-of-office')).map((s) => s.id),
      deputyFields: Object.fromEntries(
        ctx.rulebook.leaders.filter((l) => active.some((s) => s.id === l.staffId && s.roles.includes('deputy-director'))).map((l) => [l.staffId, l.fields]),
      ),
      headOf: Object.fromEntries(ctx.snapshot.units.map((u) => [u.id, ctx.authority.headOf(u.id)?.id])),
      chiefOfOfficeKinds: ctx.rulebook.documents.outgoing?.chiefOfOfficeKinds ?? [],
    };
  }

  isOffice(ctx: OrgContext, staffId: string): boolean {
    const me = ctx.authority.staff(staffId);
    return !!me?.active && (this.access(ctx).keepsRegister(staffId) || me.roles.some((r) => (OFFICE_ROLES as readonly string[]).includes(r)));
  }

  owners(ctx: OrgContext, doc: Pick<OutgoingDocument, 'unitId'>) {
    const clerk = ctx.snapshot.staff.find((s) => s.active && this.access(ctx).keepsRegister(s.id));
    const head = ctx.authority.headOf(doc.unitId);
    return { head: head?.id ?? '', office: clerk?.id ?? '', clerk: clerk?.id ?? '' };
  }

  /** The end of the working day `stepDays[step]` working days after `now` (D5 deadlines). */
  dueAfter(ctx: OrgContext, status: OutgoingStatus, now: Date): Date | undefined {
    const step = NEXT_STEP[status];
    if (!step) return undefined;
    const days = (ctx.rulebook.documents.outgoing?.stepDays as Record<string, number> | undefined)?.[step] ?? 1;
    const tz = ctx.dueRules.timeZone;
    const today = toLocalDate(now, tz);
    const day = days === 0 && ctx.calendar.isWorkingDay(today) ? today : ctx.calendar.addWorkingDays(today, Math.max(days, 1));
    return endOfLocalDay(day, tz);
  }

  event(ctx: OrgContext, doc: OutgoingDocument, action: string, actorId: string, version: number, now: Date, data: Record<string, unknown>): AuditEvent {
    return { id: eventId(now.getTime()), orgId: ctx.orgId, entityType: 'outgoing-document', entityId: doc.id, action, actorId, at: now.toISOString(), version, data };
  }

  /** Whether `actorId` takes this step now (before any authority of signature, which the domain checks). */
  mayTake(ctx: OrgContext, doc: OutgoingDocument, actorId: string, step: StepInput): boolean {
    const taker = stepTaker(doc, step.action);
    const me = ctx.authority.staff(actorId);
    if (!me?.active) return false;
    switch (taker) {
      case 'head':
        // The head of the drafting unit; a returned document, the head who proposed it (D5).
        return doc.status === 'returned' ? doc.ownerId === actorId : ctx.authority.headOf(doc.unitId)?.id === actorId;
      case 'office':
        return this.isOffice(ctx, actorId);
      case 'clerk':
        return this.access(ctx).keepsRegister(actorId);
      case 'signer':
        // Anyone may try to sign; the domain refuses a signature outside the signer's authority (D4).
        if (step.action === 'sign') return true;
        // Returning it for errors is the decision of the signer it was proposed to, or the director's (D5).
        return actorId === doc.proposal?.signerId || actorId === ctx.authority.director()?.id;
    }
  }

  /** Who may sign a document under which form, for the proposal form's choices. */
  allowedSignatures(ctx: OrgContext, doc: OutgoingDocument) {
    const chart = this.chart(ctx);
    const candidates = [chart.directorId, ...Object.keys(chart.deputyFields), ...chart.chiefOfOfficeIds, chart.headOf[doc.unitId]].filter((s): s is string => !!s);
    return candidates.flatMap((signerId) => (['director', 'kt', 'tl', 'unit-head'] as const).filter((form) => !signingRefusal(chart, doc, signerId, form)).map((form) => ({ signerId, form })));
  }
}
