import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import {
  awaitingOpinion,
  boardMemberIds,
  categoryOf,
  alreadyDecided,
  giveOpinion,
  missingEvidence,
  missingEvidenceConflict,
  type BoardMatter,
} from '../domain/board-matter.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../domain/errors.js';
import { addDays, compareLocalDates, endOfLocalDay, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { Role } from '../rulebook/schema.js';
import type { BoardMatterRepository } from '../store/board-matter-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import type { LabelledItem } from '../store/transact.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import { auditVisibility } from './audit-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** The Office prepares the board's matters (Điều 5.1, 11.1.a): it sees and records them with the board. */
const OFFICE_ROLES: readonly Role[] = ['chief-of-office', 'deputy-chief-of-office'];

export interface RaiseMatterInput {
  category: string;
  title: string;
  year?: number;
}

/**
 * Board matters (A5, Điều 3.2): the director decides the listed matters only after the board
 * discussed them, at one of its meetings or on a circulated draft. The decision is refused here
 * while that evidence is missing; a decision taken earlier and recorded after the fact is kept and
 * marked, and the A5 rule makes it a finding.
 */
export class BoardMatterService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly matters: BoardMatterRepository,
    private readonly meetings: MeetingRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  private rulesOf(ctx: OrgContext) {
    const rules = ctx.rulebook.collectiveDecisions;
    if (!rules) throw new UnprocessableError(`The rulebook of ${ctx.orgId} has no section on the board's collective decisions (Điều 3.2).`);
    return rules;
  }

  private members(ctx: OrgContext) {
    return boardMemberIds(ctx.snapshot.units, ctx.snapshot.staff);
  }

  /** Board members and the Office: everyone else is told the matter does not exist. */
  private canSee(ctx: OrgContext, staffId: string): boolean {
    const me = ctx.authority.staff(staffId);
    if (me?.active !== true) return false;
    return this.members(ctx).includes(staffId) || me.roles.some((r) => OFFICE_ROLES.includes(r));
  }

  private isDirector(ctx: OrgContext, staffId: string) {
    return ctx.authority.director()?.id === staffId;
  }

  private async load(ctx: OrgContext, actor: Actor, id: string, ifMatch?: number): Promise<BoardMatter> {
    if (!this.canSee(ctx, actor.staffId)) throw new NotFoundError(`There is no board matter ${id}.`);
    const matter = await this.matters.get(ctx.orgId, id);
    if (!matter) throw new NotFoundError(`There is no board matter ${id}.`);
    if (ifMatch !== undefined && ifMatch !== matter.version) throw new PreconditionFailedError(`The matter is at version ${matter.version}, not ${ifMatch}.`, matter.version);
    return matter;
  }

  private async write(ctx: OrgContext, actor: Actor, next: BoardMatter, action: string, now: Date, data: Record<string, unknown>, expected?: number, alsoWrite: readonly LabelledItem[] = []) {
    const event: AuditEvent = {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'board-matter',
      entityId: next.id,
      action,
      actorId: actor.staffId,
      at: now.toISOString(),
      version: next.version,
      data,
    };
    await this.matters.save(next, event, expected, alsoWrite);
    return next;
  }

  async raise(actor: Actor, input: RaiseMatterInput, now: Date, idempotencyKey?: string): Promise<{ body: ReturnType<BoardMatterService['view']>; replayed: boolean }> {
    const ctx = await this.contexts.load(actor, now);
    const rules = this.rulesOf(ctx);
    const { body, replayed } = await commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `board-matters.raise.${actor.staffId}`, key: idempotencyKey, input, now }),
      decide: () => {
        if (!this.canSee(ctx, actor.staffId)) throw new ForbiddenError(`The board and the Office record the matters the board discusses (${rules.article}).`);
        const category = categoryOf(rules, input.category);
        const year = input.year ?? Number(toLocalDate(now, ctx.rulebook.organisation.timeZone).slice(0, 4));
        const matter: BoardMatter = {
          id: `bm-${ulid(now.getTime())}`,
          orgId: ctx.orgId,
          category: category.id,
          article: category.article,
          title: input.title,
          year,
          raisedBy: actor.staffId,
          raisedAt: now.toISOString(),
          opinions: [],
          version: 1,
        };
        return {
          result: this.view(ctx, matter, now),
          status: 201,
          write: async (extra) => void (await this.write(ctx, actor, matter, 'raised', now, { matter }, undefined, extra)),
        };
      },
    });
    return { body, replayed };
  }

  /** The board's meeting at which the matter was discussed: a department meeting of a board kind. */
  async linkMeeting(actor: Actor, id: string, input: { meetingId: string }, now: Date, ifMatch?: number) {
    const ctx = await this.contexts.load(actor, now);
    const rules = this.rulesOf(ctx);
    const matter = await this.load(ctx, actor, id, ifMatch);
    this.mustPrepare(ctx, actor, rules.article);
    if (matter.decision) throw alreadyDecided();
    const meeting = await this.meetings.get(ctx.orgId, input.meetingId, true);
    const board = ctx.snapshot.units.find((u) => u.kind === 'board');
    if (!meeting || meeting.unitId !== board?.id || !rules.boardMeetingKinds.includes(meeting.kind)) {
      throw new ValidationError('That is not a board meeting.', [
        { path: 'body.meetingId', message: `must be a board meeting of kind ${rules.boardMeetingKinds.join(', ')}` },
      ]);
    }
    const next: BoardMatter = {
      ...matter,
      meeting: { kind: 'meeting', meetingId: meeting.id, meetingKind: meeting.kind, heldOn: meeting.heldOn, linkedBy: actor.staffId, linkedAt: now.toISOString() },
      version: matter.version + 1,
    };
    return this.view(ctx, await this.write(ctx, actor, next, 'meeting-linked', now, { meetingId: meeting.id, heldOn: meeting.heldOn }, matter.version), now);
  }

  /** The director (or the Office for him) sends the draft to the other board members for their opinions. */
  async circulate(actor: Actor, id: string, input: { closesOn: LocalDate; draft?: string }, now: Date, ifMatch?: number) {
    const ctx = await this.contexts.load(actor, now);
    const rules = this.rulesOf(ctx);
    const matter = await this.load(ctx, actor, id, ifMatch);
    this.mustPrepare(ctx, actor, rules.article);
    if (matter.decision) throw alreadyDecided();
    if (matter.circulation) throw new ConflictError('A draft of this matter was already circulated.', [], 'Dự thảo của vấn đề này đã được gửi xin ý kiến.');
    const timeZone = ctx.rulebook.organisation.timeZone;
    const earliest = ctx.calendar.addWorkingDays(toLocalDate(now, timeZone), rules.minCirculationWorkingDays);
    if (compareLocalDates(input.closesOn, earliest) < 0) {
      throw new ValidationError('The board needs time to give its opinion.', [
        { path: 'body.closesOn', message: `must be on or after ${earliest} (${rules.minCirculationWorkingDays} working days)` },
      ]);
    }
    const director = ctx.authority.director()?.id;
    const askedIds = this.members(ctx).filter((m) => m !== director);
    const next: BoardMatter = {
      ...matter,
      circulation: {
        kind: 'circulation',
        circulatedBy: actor.staffId,
        circulatedAt: now.toISOString(),
        closesAt: endOfLocalDay(input.closesOn, timeZone).toISOString(),
        askedIds,
        ...(input.draft ? { draft: input.draft } : {}),
      },
      version: matter.version + 1,
    };
    return this.view(ctx, await this.write(ctx, actor, next, 'circulated', now, { closesOn: input.closesOn, askedIds }, matter.version), now);
  }

  async giveOpinion(actor: Actor, id: string, input: { opinion: string }, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    this.rulesOf(ctx);
    const matter = await this.load(ctx, actor, id);
    const mine = matter.opinions.find((o) => o.staffId === actor.staffId);
    if (mine && mine.opinion === input.opinion) return this.view(ctx, matter, now); // a retry of the same opinion
    const next = { ...giveOpinion(matter, actor.staffId, input.opinion, now, ctx.rulebook.organisation.timeZone), version: matter.version + 1 };
    return this.view(ctx, await this.write(ctx, actor, next, 'opinion-given', now, { opinion: input.opinion }, matter.version), now);
  }

  /**
   * The director's decision. Taken now (no `decidedOn`, or today): refused while the board's
   * discussion is missing. Recorded after the fact (`decidedOn` before today): kept, judged at the
   * end of that day, and marked when the discussion was missing then.
   */
  async decide(actor: Actor, id: string, input: { text: string; decidedOn?: LocalDate }, now: Date, ifMatch?: number) {
    const ctx = await this.contexts.load(actor, now);
    const rules = this.rulesOf(ctx);
    const matter = await this.load(ctx, actor, id, ifMatch);
    if (!this.isDirector(ctx, actor.staffId)) throw new ForbiddenError(`The director decides the board's matters (${rules.article}).`);
    if (matter.decision) {
      if (matter.decision.text === input.text && matter.decision.decidedBy === actor.staffId) return this.view(ctx, matter, now); // a retry
      throw alreadyDecided();
    }
    const timeZone = ctx.rulebook.organisation.timeZone;
    const today = toLocalDate(now, timeZone);
    if (input.decidedOn && compareLocalDates(input.decidedOn, today) > 0) {
      throw new ValidationError('A decision is not recorded ahead of time.', [{ path: 'body.decidedOn', message: `must be on or before ${today}` }]);
    }
    const afterTheFact = input.decidedOn !== undefined && compareLocalDates(input.decidedOn, today) < 0;
    const decidedAt = afterTheFact ? endOfLocalDay(input.decidedOn!, timeZone) : now;
    const missing = missingEvidence(matter, decidedAt, afterTheFact ? input.decidedOn! : today);
    if (missing && !afterTheFact) throw missingEvidenceConflict(missing, rules.article, timeZone, (id) => ctx.authority.staff(id)?.name ?? id);
    const next: BoardMatter = {
      ...matter,
      decision: {
        decidedBy: actor.staffId,
        decidedAt: decidedAt.toISOString(),
        recordedBy: actor.staffId,
        recordedAt: now.toISOString(),
        text: input.text,
        afterTheFact,
        ...(missing ? { missingEvidence: missing } : {}),
      },
      version: matter.version + 1,
    };
    return this.view(ctx, await this.write(ctx, actor, next, 'decided', now, { decision: next.decision }, matter.version), now);
  }

  private mustPrepare(ctx: OrgContext, actor: Actor, article: string) {
    const me = ctx.authority.staff(actor.staffId);
    if (!this.isDirector(ctx, actor.staffId) && !me?.roles.includes('chief-of-office')) {
      throw new ForbiddenError(`The director, or the chief of office for him, puts a matter to the board (${article}).`);
    }
  }

  async get(actor: Actor, id: string, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    const matter = await this.load(ctx, actor, id);
    return { ...this.view(ctx, matter, now), history: await this.matters.history(ctx.orgId, id) };
  }

  /** A matter with what its decision still lacks now, for the pages and the API. */
  view(ctx: OrgContext, matter: BoardMatter, now: Date) {
    const { orgId, ...rest } = matter;
    const missing = matter.decision ? undefined : missingEvidence(matter, now, toLocalDate(now, ctx.rulebook.organisation.timeZone));
    return { ...rest, ...(missing ? { missingEvidence: missing } : {}), awaitingOpinionIds: matter.decision ? [] : awaitingOpinion(matter, now) };
  }

  async list(actor: Actor, query: { year: number }, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    if (!this.canSee(ctx, actor.staffId)) return { items: [] };
    const items = await this.matters.ofYears(ctx.orgId, query.year, query.year);
    return { items: items.map((m) => this.view(ctx, m, now)) };
  }

  /** Undecided matters of this year and the last: the director's decisions and the deputies' opinions awaiting. */
  async pendingFor(ctx: OrgContext, staffId: string, now: Date) {
    if (!ctx.rulebook.collectiveDecisions || !this.canSee(ctx, staffId)) return { toDecide: [], toGiveOpinion: [] };
    const year = Number(toLocalDate(now, ctx.rulebook.organisation.timeZone).slice(0, 4));
    const open = (await this.matters.ofYears(ctx.orgId, year - 1, year)).filter((m) => !m.decision);
    return {
      toDecide: this.isDirector(ctx, staffId) ? open.map((m) => this.view(ctx, m, now)) : [],
      toGiveOpinion: open
        .filter((m) => m.circulation && Date.parse(m.circulation.closesAt) > now.getTime() && awaitingOpinion(m, now).includes(staffId))
        .map((m) => this.view(ctx, m, now)),
    };
  }

  /**
   * For the pages: the matter with its history and the forms the actor may use on it now (the
   * same checks the changes make), and the board meetings of the last 60 days it can be linked to.
   */
  async page(actor: Actor, id: string, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    const rules = this.rulesOf(ctx);
    const matter = await this.load(ctx, actor, id);
    const timeZone = ctx.rulebook.organisation.timeZone;
    const today = toLocalDate(now, timeZone);
    const prepares = this.isDirector(ctx, actor.staffId) || (ctx.authority.staff(actor.staffId)?.roles.includes('chief-of-office') ?? false);
    const open = !matter.decision;
    const c = matter.circulation;
    const board = ctx.snapshot.units.find((u) => u.kind === 'board');
    const meetings = open && prepares && !matter.meeting
      ? (await this.meetings.heldBetween(ctx.orgId, addDays(today, -60), today)).filter((m) => m.unitId === board?.id && rules.boardMeetingKinds.includes(m.kind))
      : [];
    return {
      matter: { ...this.view(ctx, matter, now), history: await this.matters.history(ctx.orgId, id) },
      category: categoryOf(rules, matter.category),
      article: rules.article,
      earliestClose: ctx.calendar.addWorkingDays(today, rules.minCirculationWorkingDays),
      meetings: meetings.map((m) => ({ id: m.id, kind: m.kind, heldOn: m.heldOn, ...(m.subject ? { subject: m.subject } : {}) })),
      may: {
        linkMeeting: open && prepares && !matter.meeting,
        circulate: open && prepares && !c,
        giveOpinion: open && !!c && Date.parse(c.closesAt) > now.getTime() && c.askedIds.includes(actor.staffId) && !matter.opinions.some((o) => o.staffId === actor.staffId),
        decide: open && this.isDirector(ctx, actor.staffId),
      },
    };
  }

  /** For the list page: whether the actor sees the board's matters at all, and may record one; the rulebook's categories. */
  async overview(actor: Actor, year: number, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    const rules = this.rulesOf(ctx);
    if (!this.canSee(ctx, actor.staffId)) throw new NotFoundError('There are no board matters you may see.');
    const items = await this.matters.ofYears(ctx.orgId, year, year);
    return { items: items.map((m) => this.view(ctx, m, now)), categories: rules.categories, article: rules.article };
  }

  /**
   * For a plan's approval form (A5, Điều 3.2): undefined unless the rulebook says the plan's
   * obligation needs the board; else the category and the matters of it (this year and the last)
   * the approval may rest on, each with what its discussion still lacks now (none when on record).
   */
  async approvalBases(actor: Actor, obligationId: string, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    const rules = ctx.rulebook.collectiveDecisions;
    const needed = rules?.approvals.find((a) => a.obligationId === obligationId);
    if (!rules || !needed || !this.canSee(ctx, actor.staffId)) return undefined;
    const timeZone = ctx.rulebook.organisation.timeZone;
    const today = toLocalDate(now, timeZone);
    const year = Number(today.slice(0, 4));
    const items = (await this.matters.ofYears(ctx.orgId, year - 1, year)).filter((m) => m.category === needed.category);
    return {
      category: categoryOf(rules, needed.category),
      article: rules.article,
      timeZone,
      items: items.map((m) => {
        const missing = missingEvidence(m, now, today);
        return { id: m.id, title: m.title, year: m.year, ...(m.meeting ? { meetingHeldOn: m.meeting.heldOn } : {}), ...(missing ? { missingEvidence: missing } : {}) };
      }),
    };
  }

  readonly auditVisibility = auditVisibility(['board-matter'], async (ctx, actor, entityId) => {
    const m = await this.matters.get(ctx.orgId, entityId);
    return m ? this.canSee(ctx, actor.staffId) : undefined;
  });
}
