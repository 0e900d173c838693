/** Distribution (D1, Điều 9.1.4, 12.1): the director's (or the deputy's) decision pushed by the e-office, each target an assignment. */
import { ulid } from 'ulidx';
import { recordDistribution, type IncomingDocument } from '../../domain/document.js';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError, type FieldIssue } from '../../domain/errors.js';
import { formatInstant, toLocalDate } from '../../domain/local-time.js';
import { mergeItems } from '../../store/merge-updates.js';
import { transactWrite } from '../../store/transact.js';
import { commit } from '../commit.js';
import type { AssignmentView } from '../assignment-service.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { WebhookCall, DistributeInput, DocumentView, WebhookResult } from '../document-service.js';
import { DocumentCore, DEFAULT_HANDLING_WORKING_DAYS } from './core.js';

/** DynamoDB's limit on the items of one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

export class DocumentDistribution {
  constructor(private readonly core: DocumentCore) {}

  /**
   * POST /v1/integrations/eoffice/documents/{externalId}/distribution: the deputy in charge of
   * distribution (D1, Điều 9.1.4) assigns the document to people or units. Each becomes an
   * assignment whose source is the document, made through AssignmentService.prepareCreate, so
   * the usual authority rules apply: one refusal and nothing at all is written.
   */
  async distribute(
    orgId: string,
    call: WebhookCall,
    externalId: string,
    input: DistributeInput,
    now: Date,
  ): Promise<WebhookResult<{ document: DocumentView; assignments: AssignmentView[] }>> {
    type Body = { document: DocumentView; assignments: AssignmentView[] };
    return commit({
      idempotency: this.core.delivery(orgId, call, now),
      load: async () => {
        const ctx = await this.core.contexts.load(orgId, input.distributedAt);
        const doc = await this.core.documents.findByExternalId(orgId, externalId);
        if (!doc) throw new NotFoundError(`No document ${externalId} has been registered.`);
        return { ctx, doc };
      },
      decide: async ({ ctx, doc }) => {
        const { items, body } = await this.prepareDistribution(ctx, call, doc, input, now);
        return { result: body as Body, status: 201, write: (extra) => transactWrite(this.core.table, [...extra, ...items]) };
      },
    });
  }

  private async prepareDistribution(ctx: OrgContext, call: WebhookCall, doc: IncomingDocument, input: DistributeInput, now: Date) {
    const tz = ctx.dueRules.timeZone;
    const at = input.distributedAt;
    if (at.getTime() < new Date(doc.receivedAt).getTime()) {
      throw new ValidationError('The document cannot be distributed before it was received.', [
        { path: 'body.distributedAt', message: `must not be before the receipt, ${formatInstant(new Date(doc.receivedAt), tz)}` },
      ]);
    }
    const access = this.core.access(ctx);
    const distributor = access.distributor();
    if (!distributor?.active) {
      throw new UnprocessableError('The rulebook names no current deputy in charge of distributing documents (D1, Điều 9.1.4).', [
        { path: 'rulebook.documents.distribution.distributorId', message: 'no current staff member' },
      ]);
    }
    const actor: Actor = { orgId: ctx.orgId, staffId: distributor.id, name: distributor.name, unitId: distributor.unitId, roles: distributor.roles };
    const director = ctx.authority.director();

    const issues: FieldIssue[] = [];
    const targets = input.assigneeIds.map((id, i) => {
      const person = ctx.authority.staff(id);
      if (person?.active) return { id, kind: 'staff' as const };
      if (!person && ctx.authority.unit(id)) return { id, kind: 'unit' as const };
      issues.push({ path: `body.assigneeIds.${i}`, message: `no current staff member or unit ${id}` });
      return { id, kind: 'staff' as const };
    });
    if (issues.length) throw new ValidationError('The distribution names people or units that do not exist.', issues);

    const dueDate = input.dueDate ?? ctx.calendar.addWorkingDays(toLocalDate(at, tz), DEFAULT_HANDLING_WORKING_DAYS);
    const distributionId = ulid(at.getTime());
    const title = (doc.number ? `${doc.number} — ${doc.title}` : doc.title).slice(0, 500);
    const description = `Văn bản đến của ${doc.issuer}, nhận lúc ${formatInstant(new Date(doc.receivedAt), tz)} (e-office ${doc.externalId}).`;
    const prepared = [];
    for (const [i, target] of targets.entries()) {
      try {
        prepared.push(
          await this.core.assignments.prepareCreate(
            ctx,
            actor,
            {
              title,
              description,
              ...(target.kind === 'staff' ? { assigneeId: target.id } : { unitId: target.id }),
              dueDate,
              source: { kind: 'document', ref: doc.id, itemId: distributionId },
              confidentiality: doc.confidentiality,
            },
            at,
            // D1 (Điều 9.1.4): the distributing deputy assigns incoming documents for the department.
            director ? { standingFor: { staffId: director.id, rule: 'D1' } } : {},
          ),
        );
      } catch (error) {
        const who = target.kind === 'staff' ? `${ctx.authority.staff(target.id)?.name ?? target.id} (${target.id})` : `unit ${target.id}`;
        if (error instanceof ForbiddenError) {
          throw new ForbiddenError(`${distributor.name}, in charge of distribution, may not assign this document to ${who}: ${error.message}`, error.rule);
        }
        if (error instanceof ValidationError || error instanceof UnprocessableError) {
          const remap = (issue: FieldIssue) =>
            issue.path === 'body.assigneeId' || issue.path === 'body.unitId' ? { ...issue, path: `body.assigneeIds.${i}` } : issue;
          const Ctor = error instanceof ValidationError ? ValidationError : UnprocessableError;
          throw new Ctor(`${error.message} (${who})`, error.issues.map(remap));
        }
        throw error;
      }
    }
    const created = prepared.map((p) => p.transition.next);
    const next = recordDistribution(
      doc,
      {
        id: distributionId,
        distributedAt: at.toISOString(),
        distributorId: distributor.id,
        ...(created[0]?.onBehalfOf ? { onBehalfOf: created[0].onBehalfOf } : {}),
        targets,
        assignmentIds: created.map((a) => a.id),
        dueDate,
        webhookId: call.webhookId,
      },
      { partyIds: created.map((a) => a.responsibleId), unitIds: created.map((a) => a.unitId) },
    );
    const principals = [
      ...created.map((a) => ({ staffId: a.responsibleId })),
      ...(next.register === 'general' ? created.map((a) => ({ unitId: a.unitId })) : []),
    ];
    const event = this.core.event(
      ctx.orgId,
      doc.id,
      'distributed',
      distributor.id,
      next.version,
      at,
      {
        distributionId,
        targets,
        assignmentIds: created.map((a) => a.id),
        dueDate,
        webhookId: call.webhookId,
        d1: { rule: 'D1', dueAt: doc.distributionDueAt, firstDistribution: doc.firstDistributedAt === undefined, onTime: next.distributedOnTime },
      },
      created[0]?.onBehalfOf,
    );
    const body = {
      document: this.core.view(next, ctx, now),
      assignments: created.map((a) => this.core.assignments.view(a, ctx, now)),
    };
    const items = mergeItems([
      this.core.documents.stateItem(next, doc.version),
      this.core.documents.eventItem(event),
      ...prepared.flatMap((p) => this.core.assignments.createItems(p)),
      ...this.core.documents.accessItems(next, principals),
    ]);
    // One more write: the webhook's idempotency record, in the same transaction (commit()).
    if (items.length + 1 > MAX_TRANSACTION_ITEMS) {
      throw new UnprocessableError(
        `Distributing to ${targets.length} people and units at once needs ${items.length + 1} writes, more than one transaction holds (${MAX_TRANSACTION_ITEMS}); send it as several distributions.`,
        [{ path: 'body.assigneeIds', message: 'too many for one distribution' }],
      );
    }
    return { items, body };
  }
}
