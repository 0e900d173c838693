import { ulid } from 'ulidx';
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.js';
import { formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import { canRecordMission, canRecordReturn, createMission, recordReturn, type Mission, type MissionKind } from '../domain/mission.js';
import { eventObligations } from '../domain/obligations.js';
import { canSeeReportsOf, canSeeUnitReports } from '../domain/report.js';
import type { DelegationRepository } from '../store/delegation-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { MissionRepository, MissionScope } from '../store/mission-repository.js';
import { auditVisibility } from './audit-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface RecordMissionInput {
  staffId: string;
  kind: MissionKind;
  title: string;
  from: LocalDate;
  to: LocalDate;
}

/** A recorded mission with the R5 obligations its end raises. */
export type MissionView = Omit<Mission, 'orgId'> & {
  obligations: { key: string; obligationId: string; rule: string; article: string; recipients: string[]; dueAt: string }[];
};

/**
 * Missions, kept to what R5 needs (issue #13 extends them): the director or the board records
 * who was sent and when it ended; the end raises the mission report (Điều 16.4).
 */
export class MissionService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly missions: MissionRepository,
    private readonly delegations: DelegationRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  private view(ctx: OrgContext, m: Mission): MissionView {
    const { orgId, ...rest } = m;
    const timeZone = ctx.rulebook.organisation.timeZone;
    const owed = eventObligations(ctx.rulebook, ctx.obligationOrg, ctx.calendar, { kind: 'mission-ended', staffId: m.staffId, ref: m.id, date: m.to });
    return {
      ...rest,
      obligations: owed.map((i) => ({
        key: i.key,
        obligationId: i.obligationId,
        rule: i.rule,
        article: i.article,
        recipients: i.recipients,
        dueAt: formatInstant(i.dueAt, timeZone),
      })),
    };
  }

  async create(actor: Actor, input: RecordMissionInput, now: Date, idempotencyKey?: string): Promise<{ status: number; body: MissionView; replayed: boolean }> {
    const ctx = await this.contexts.load(actor);
    return commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `missions.create.${actor.staffId}`, key: idempotencyKey, input, now }),
      decide: async () => {
        const person = ctx.authority.staff(input.staffId);
        if (!person?.active) throw new ValidationError('No such staff member.', [{ path: 'body.staffId', message: `no current staff member ${input.staffId}` }]);
        const today = toLocalDate(now, ctx.rulebook.organisation.timeZone);
        const decision = canRecordMission(ctx.authority, actor.staffId, input.kind, await this.delegations.currentFor(ctx.orgId, actor.staffId, today), today);
        if (!decision.allowed) throw new ForbiddenError(decision.reason, decision.rule);
        const mission = createMission(
          {
            id: ulid(now.getTime()),
            orgId: ctx.orgId,
            staffId: person.id,
            unitId: person.unitId,
            kind: input.kind,
            title: input.title,
            from: input.from,
            to: input.to,
            recordedBy: actor.staffId,
            ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}),
          },
          now,
        );
        const body = this.view(ctx, mission);
        const event = {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          entityType: 'mission',
          entityId: mission.id,
          action: 'recorded',
          actorId: actor.staffId,
          ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}),
          at: now.toISOString(),
          version: 1,
          data: { mission },
        };
        return { result: body, status: 201, write: (extra) => this.missions.create(mission, event, extra) };
      },
    });
  }

  /**
   * Records the day the person came back (issue #13): R5 is then due counted from it. The
   * traveller, the recorder or a superior; `If-Match` with a stale version is 412.
   */
  async recordReturn(actor: Actor, id: string, input: { returnedOn: LocalDate; note?: string }, now: Date, ifMatch?: number): Promise<MissionView> {
    const ctx = await this.contexts.load(actor, now);
    const today = toLocalDate(now, ctx.rulebook.organisation.timeZone);
    const { body } = await commit({
      load: async () => {
        const current = await this.missions.get(ctx.orgId, id);
        if (!current || !(canSeeReportsOf(ctx.authority, actor.staffId, current) || current.recordedBy === actor.staffId)) {
          throw new NotFoundError(`There is no mission ${id}.`);
        }
        if (!canRecordReturn(ctx.authority, actor.staffId, current)) {
          throw new ForbiddenError('The return is recorded by the traveller, whoever recorded the mission, or a superior (A1).', 'A1');
        }
        return current;
      },
      ifMatch: { expected: ifMatch, current: (m) => m.version },
      stale: (m) =>
        m ? new PreconditionFailedError(`The mission is at version ${m.version}, not ${ifMatch}.`, m.version) : new PreconditionFailedError('The mission changed while the return was being recorded.'),
      decide: (current) => {
        const next = recordReturn(current, { ...input, by: actor.staffId }, today, now);
        const event = {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          entityType: 'mission',
          entityId: id,
          action: 'return-recorded',
          actorId: actor.staffId,
          at: now.toISOString(),
          version: next.version,
          data: { returnedOn: next.returnedOn, plannedTo: next.plannedTo, ...(next.returnNote ? { note: next.returnNote } : {}) },
        };
        return { result: this.view(ctx, next), write: () => this.missions.update(next, current, event) };
      },
    });
    return body;
  }

  /** One mission, for whoever may see the traveller's reports or recorded it. */
  async get(actor: Actor, id: string): Promise<MissionView> {
    const ctx = await this.contexts.load(actor);
    const m = await this.missions.get(ctx.orgId, id);
    if (!m || !(canSeeReportsOf(ctx.authority, actor.staffId, m) || m.recordedBy === actor.staffId)) throw new NotFoundError(`There is no mission ${id}.`);
    return this.view(ctx, m);
  }

  /** A person's missions (the caller's by default) or a unit's, by end date, for whoever may see their reports. */
  async list(actor: Actor, query: { staffId?: string; unitId?: string; endedFrom?: LocalDate; endedTo?: LocalDate; limit: number; cursor?: string }) {
    const ctx = await this.contexts.load(actor);
    const { authority } = ctx;
    let scope: MissionScope;
    if (query.unitId !== undefined) {
      if (!authority.unit(query.unitId) || !canSeeUnitReports(authority, actor.staffId, query.unitId)) {
        throw new NotFoundError(`There is no unit ${query.unitId} whose missions you may see.`);
      }
      scope = { kind: 'unit', unitId: query.unitId };
    } else {
      const person = authority.staff(query.staffId ?? actor.staffId);
      if (!person || !canSeeReportsOf(authority, actor.staffId, { staffId: person.id, unitId: person.unitId })) throw new NotFoundError(`There is no staff member ${query.staffId} whose missions you may see.`);
      scope = { kind: 'staff', staffId: person.id };
    }
    const page = await this.missions.list(ctx.orgId, scope, { ...(query.endedFrom ? { from: query.endedFrom } : {}), ...(query.endedTo ? { to: query.endedTo } : {}) }, query.limit, query.cursor);
    return { ...page, items: page.items.map((m) => this.view(ctx, m)) };
  }

  readonly auditVisibility = auditVisibility(['mission'], async (ctx, actor, entityId) => {
    const m = await this.missions.get(ctx.orgId, entityId);
    return m ? canSeeReportsOf(ctx.authority, actor.staffId, m) || m.recordedBy === actor.staffId : undefined;
  });
}
