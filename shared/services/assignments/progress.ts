/** The work's course: progress, completion, return for rework, acceptance, cancellation, and the hand-over of a leaver's open work. */
import {
  acceptAssignment,
  cancelAssignment,
  completeAssignment,
  handOverAssignment,
  isOpen,
  recordProgress,
  returnForRework,
  type Evidence,
} from '../../domain/assignment.js';
import { ValidationError } from '../../domain/errors.js';
import { commit } from '../commit.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { AssignmentCore, idem } from './core.js';


export class AssignmentProgress {
  constructor(private readonly core: AssignmentCore) {}

  progress(actor: Actor, id: string, input: { percent: number; note: string; files?: string[] }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        this.core.requireAssignee(ctx, actor, a, 'record progress');
        const { files: ids, ...progress } = input;
        recordProgress(a, progress, now); // refuses a closed assignment or an empty note before any file is touched
        const { files, alsoWrite } = await this.core.filesFor(actor, ids, a.id, now);
        return { transition: recordProgress(a, { ...progress, ...(files ? { files } : {}) }, now), ...(alsoWrite ? { alsoWrite } : {}) };
      },
      idem('progress', idempotencyKey, input),
    );
  }

  complete(actor: Actor, id: string, input: { note: string; evidence?: Evidence[]; files?: string[] }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        this.core.requireAssignee(ctx, actor, a, 'complete it');
        const { files: ids, ...completion } = input;
        // Refused before any file is read or claimed; the transition is made again below with the files.
        completeAssignment(a, completion, now, ctx.dueRules);
        const { files, alsoWrite } = await this.core.filesFor(actor, ids, a.id, now);
        return { transition: completeAssignment(a, { ...completion, ...(files ? { files } : {}) }, now, ctx.dueRules), ...(alsoWrite ? { alsoWrite } : {}) };
      },
      idem('complete', idempotencyKey, input),
    );
  }

  returnForRework(actor: Actor, id: string, input: { reason: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.core.requireDecider(ctx, actor, a, now, 'return it for rework');
        return { transition: returnForRework(a, input, now), ...(onBehalfOf ? { onBehalfOf } : {}) };
      },
      idem('return', idempotencyKey, input),
    );
  }

  /** Acceptance (nghiệm thu) of completed work: whoever may return it may accept it. */
  accept(actor: Actor, id: string, input: { note?: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.core.requireDecider(ctx, actor, a, now, 'accept it');
        return {
          transition: acceptAssignment(a, { ...input, acceptedBy: actor.staffId, ...(onBehalfOf ? { onBehalfOf } : {}) }, now),
          ...(onBehalfOf ? { onBehalfOf } : {}),
        };
      },
      idem('accept', idempotencyKey, input),
    );
  }

  cancel(actor: Actor, id: string, input: { reason: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.core.requireDecider(ctx, actor, a, now, 'cancel it');
        return { transition: cancelAssignment(a, input, now), ...(onBehalfOf ? { onBehalfOf } : {}) };
      },
      idem('cancel', idempotencyKey, input),
    );
  }

  /**
   * Hands every open assignment `fromStaffId` answers for to `successorId` (their employment
   * ended). Each is its own transaction; rerunning after a crash finishes what is left.
   */
  async handOverOpenWork(ctx: OrgContext, by: Actor, fromStaffId: string, successorId: string, reason: string, now: Date): Promise<string[]> {
    const successor = ctx.authority.staff(successorId);
    if (!successor?.active) {
      throw new ValidationError('The successor must be a current staff member.', [{ path: 'body.successorId', message: `no current staff member ${successorId}` }]);
    }
    const open: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.core.assignments.list({
        orgId: ctx.orgId,
        index: { kind: 'responsible', staffId: fromStaffId },
        state: 'open',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      open.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const handed: string[] = [];
    for (const id of open) {
      const { body: moved } = await commit({
        load: () => this.core.assignments.get(ctx.orgId, id, true),
        decide: (current) => {
          if (!current || !isOpen(current) || current.responsibleId !== fromStaffId) return { result: false };
          const t = handOverAssignment(current, { successorId, successorUnitId: successor.unitId, reason }, now);
          return {
            result: true,
            write: () =>
              this.core.assignments.write({
                next: t.next,
                event: this.core.event(ctx, by, t, now),
                delta: t.delta,
                ...(t.left ? { left: t.left } : {}),
                expectedVersion: current.version,
              }),
          };
        },
      });
      if (moved) handed.push(id);
    }
    return handed;
  }
}
