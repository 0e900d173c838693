/**
 * What the parts of the assignment service share (A1–A4): its stores, the view of an assignment,
 * the audit event of a transition, and the one way a change to an assignment is written (`mutate`,
 * through commit()) with the checks of who answers for the work and who decides on it.
 */
import { changeEvent } from '../audit-event.js';
import { dueInstant, timelinessAt, type Assignment, type AuditEvent, type Transition } from '../../domain/assignment.js';
import type { Delegation } from '../../domain/authority.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../../domain/errors.js';
import { formatInstant, toLocalDate } from '../../domain/local-time.js';
import type { AssignmentRepository } from '../../store/assignment-repository.js';
import type { DelegationRepository } from '../../store/delegation-repository.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import type { LabelledItem } from '../../store/transact.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { FileRef } from '../../domain/files.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { scopeOf } from '../../store/org-version.js';
import type { AssignmentView, FileClaim } from '../assignment-service.js';

export const idem = (operation: string, key: string | undefined, input: unknown) => (key === undefined ? undefined : { key, operation, input });

export class AssignmentCore {
  constructor(
    readonly contexts: OrgContextLoader,
    readonly assignments: AssignmentRepository,
    readonly delegations: DelegationRepository,
    readonly idempotency: IdempotencyRepository,
    /** Evidence files (issue #22): takes the caller's uploads for this record, in its transaction. */
    readonly claimFiles?: FileClaim,
  ) {}

  async filesFor(actor: Actor, ids: readonly string[] | undefined, id: string, now: Date): Promise<{ files?: FileRef[]; alsoWrite?: LabelledItem[] }> {
    if (!ids?.length) return {};
    if (!this.claimFiles) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    const claimed = await this.claimFiles(actor, ids, { kind: 'assignment', id }, now);
    return { files: claimed.files, alsoWrite: claimed.items };
  }

  view(a: Assignment, ctx: OrgContext, now: Date): AssignmentView {
    const timeliness = timelinessAt(a, now, ctx.dueRules, ctx.calendar);
    return {
      ...a,
      timeliness,
      dueAt: formatInstant(dueInstant(a.dueDate, ctx.dueRules), ctx.dueRules.timeZone),
      ...(a.status === 'completed' ? { completedOnTime: timeliness !== 'late', awaitingAcceptance: a.acceptedAt === undefined } : {}),
    };
  }

  /** The actor's current delegations (a read under way in the request is shared). */
  async delegationsOf(ctx: OrgContext, actor: Actor, now: Date): Promise<Delegation[]> {
    return this.delegations.currentFor(ctx.orgId, actor.staffId, toLocalDate(now, ctx.dueRules.timeZone), scopeOf(actor));
  }

  event(ctx: OrgContext, actor: Actor, t: Transition, now: Date, onBehalfOf?: string): AuditEvent {
    return changeEvent(ctx.orgId, 'assignment', t, actor.staffId, now, onBehalfOf);
  }

  async loadVisible(ctx: OrgContext, actor: Actor, id: string): Promise<Assignment> {
    const a = await this.assignments.get(ctx.orgId, id, true);
    // Not there and not visible answer alike: nobody learns that an id exists (no IDOR).
    if (!a || !ctx.authority.canView(actor.staffId, a)) throw new NotFoundError(`There is no assignment ${id}.`);
    return a;
  }

  /**
   * Applies a change with optimistic locking: with If-Match a stale version is 412; without it a
   * lost race is retried on the fresh state, so no update is ever silently lost. With an
   * idempotency key (a page form's `_idem`), the key's record is written in the change's own
   * transaction: a second submission of the same form answers as the first and writes nothing.
   */
  async mutate(
    actor: Actor,
    id: string,
    now: Date,
    ifMatch: number | undefined,
    change: (
      a: Assignment,
      ctx: OrgContext,
    ) => Promise<{ transition: Transition; onBehalfOf?: string; alsoWrite?: LabelledItem[] }> | { transition: Transition; onBehalfOf?: string; alsoWrite?: LabelledItem[] },
    idempotency?: { key: string; operation: string; input: unknown },
  ): Promise<AssignmentView> {
    const ctx = await this.contexts.load(actor, now);
    const { body } = await commit({
      ...(idempotency
        ? {
            idempotency: new IdempotentRequest({
              repository: this.idempotency,
              orgId: ctx.orgId,
              scope: `assignments.${idempotency.operation}.${id}.${actor.staffId}`,
              key: idempotency.key,
              input: idempotency.input,
              now,
            }),
          }
        : {}),
      load: () => this.loadVisible(ctx, actor, id),
      ifMatch: { expected: ifMatch, current: (a) => a.version },
      stale: (a) =>
        a
          ? new PreconditionFailedError(`The assignment is at version ${a.version}, not ${ifMatch}.`, a.version)
          : new PreconditionFailedError('The assignment changed while this update was being made.'),
      conflict: (part) =>
        part === 'file' ? new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]) : undefined,
      decide: async (current) => {
        const { transition, onBehalfOf, alsoWrite: changeItems = [] } = await change(current, ctx);
        return {
          result: this.view(transition.next, ctx, now),
          write: (extra) => {
            const alsoWrite = [...changeItems, ...extra];
            return this.assignments.write({
              next: transition.next,
              event: this.event(ctx, actor, transition, now, onBehalfOf),
              delta: transition.delta,
              expectedVersion: current.version,
              ...(alsoWrite.length ? { alsoWrite } : {}),
            });
          },
        };
      },
    });
    return body;
  }

  requireAssignee(ctx: OrgContext, actor: Actor, a: Assignment, doing: string): void {
    if (!ctx.authority.canActAsAssignee(actor.staffId, a)) {
      throw new ForbiddenError(`Only the person who answers for this assignment may ${doing}.`, 'A1');
    }
  }

  async requireDecider(ctx: OrgContext, actor: Actor, a: Assignment, now: Date, doing: string): Promise<string | undefined> {
    const decision = ctx.authority.canDecide(actor.staffId, a, await this.delegationsOf(ctx, actor, now), toLocalDate(now, ctx.dueRules.timeZone));
    if (!decision.allowed) throw new ForbiddenError(`Only the assigner or their superior may ${doing}: ${decision.reason}`, decision.rule);
    return decision.onBehalfOf;
  }
}
