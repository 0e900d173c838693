import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';

/** A change as the domain decides it: the next state, what happened, and what its history keeps. */
export interface AuditedChange {
  readonly next: { readonly id: string; readonly version: number };
  readonly action: string;
  readonly data: AuditEvent['data'];
}

/**
 * The audit event of a change, written in the change's transaction (transact.ts auditEventPut):
 * one shape for every entity, the version it made, who made it and for whom (A2).
 */
export function changeEvent(orgId: string, entityType: string, change: AuditedChange, actorId: string, at: Date, onBehalfOf?: string): AuditEvent {
  return {
    id: ulid(at.getTime()),
    orgId,
    entityType,
    entityId: change.next.id,
    action: change.action,
    actorId,
    ...(onBehalfOf ? { onBehalfOf } : {}),
    at: at.toISOString(),
    version: change.next.version,
    data: change.data,
  };
}
