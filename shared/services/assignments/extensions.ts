/** Extensions of the due date: asked by whoever answers for the work, withdrawn, decided by the assigner or their superior. */
import { ulid } from 'ulidx';
import { decideExtension, requestExtension, withdrawExtension } from '../../domain/assignment.js';
import type { LocalDate } from '../../domain/local-time.js';
import type { Actor } from '../organisation-service.js';
import { AssignmentCore, idem } from './core.js';


export class AssignmentExtensions {
  constructor(private readonly core: AssignmentCore) {}

  requestExtension(actor: Actor, id: string, input: { newDueDate: LocalDate; reason: string }, now: Date, ifMatch?: number, idempotencyKey?: string) {
    const requestId = ulid(now.getTime());
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      (a, ctx) => {
        this.core.requireAssignee(ctx, actor, a, 'ask for an extension');
        return { transition: requestExtension(a, { id: requestId, ...input, requestedBy: actor.staffId }, now) };
      },
      idem('extension-request', idempotencyKey, input),
    );
  }

  /** The requester (or whoever now answers for the work) withdraws a pending extension request. */
  withdrawExtension(actor: Actor, id: string, requestId: string, now: Date, ifMatch?: number, idempotencyKey?: string) {
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      (a, ctx) => {
        this.core.requireAssignee(ctx, actor, a, 'withdraw its extension request');
        return { transition: withdrawExtension(a, { requestId, withdrawnBy: actor.staffId }, now) };
      },
      idem('extension-withdraw', idempotencyKey, { requestId }),
    );
  }

  decideExtension(
    actor: Actor,
    id: string,
    requestId: string,
    input: { approve: boolean; note?: string },
    now: Date,
    ifMatch?: number,
    idempotencyKey?: string,
  ) {
    return this.core.mutate(
      actor,
      id,
      now,
      ifMatch,
      async (a, ctx) => {
        const onBehalfOf = await this.core.requireDecider(ctx, actor, a, now, 'decide an extension');
        return {
          transition: decideExtension(a, { requestId, ...input, decidedBy: actor.staffId, ...(onBehalfOf ? { onBehalfOf } : {}) }, now),
          ...(onBehalfOf ? { onBehalfOf } : {}),
        };
      },
      idem('extension-decision', idempotencyKey, { requestId, ...input }),
    );
  }
}
