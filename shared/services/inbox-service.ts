/**
 * "Chờ quyết định" (issue #16): what awaits a leader's, head's or approver's decision, each with
 * the page where it is decided. Every list is a Query on an index the records already have,
 * never a Scan:
 *
 * | kind                  | who decides                                   | read                                                   |
 * |-----------------------|-----------------------------------------------|--------------------------------------------------------|
 * | extension request     | the assigner, the leader they assigned for,   | open work: GSI3 `ASG#open` (board, whole department)   |
 * | completed work        |   or whoever holds their authority (A2, A4)   |   or GSI2 `UNIT#<u>#ASG` open (a head: their unit)     |
 * | report / plan         | the recipients / the plan's approvers (P2)    | GSI3 `REP`, `PLAN` (board) or GSI2 of the unit, due in a window |
 * | leave request         | the routed approver, or who holds their authority | GSI3 `LEAVE#APPROVER#<id>` / `pending#…`            |
 * | reception schedule    | the approver role (C1), or a deputy under A2  | GSI1 `RECEPTION`, last month to next month             |
 * | request to delegate   | the director (A2)                             | GSI1 `DELEGREQ#<director>`                             |
 * | finding               | director, chief inspector, subject's superior | GSI3 `FND#open` (open findings only)                   |
 * | board matter (A5)     | the director; a deputy asked for an opinion   | GSI1 `BOARDMATTER`, this year and the last             |
 *
 * Superiors may also decide what their subordinates may (A1), but it does not await them: the
 * list holds what is addressed to the person, so the count means "mine to decide".
 */
import { awaitsAcceptance, isOpen, type Assignment } from '../domain/assignment.js';
import type { Delegation } from '../domain/authority.js';
import { canApprove } from '../domain/citizen-reception.js';
import { canResolveFinding, isOpenFinding, type Finding } from '../domain/finding.js';
import type { LeaveRequest } from '../domain/leave.js';
import { toLocalDate, type LocalDate } from '../domain/local-time.js';
import { planApprovers } from '../domain/plan.js';
import type { Report } from '../domain/report.js';
import type { AssignmentRepository } from '../store/assignment-repository.js';
import type { CitizenReceptionRepository } from '../store/citizen-reception-repository.js';
import type { DelegationRepository } from '../store/delegation-repository.js';
import type { FindingRepository } from '../store/finding-repository.js';
import type { LeaveRepository } from '../store/leave-repository.js';
import type { ReportRepository } from '../store/report-repository.js';
import type { BoardMatterService } from './board-matter-service.js';
import { boardMatterItems } from './board-matter-inbox.js';
import type { LeaveService } from './leave-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { OutgoingDocumentService } from './outgoing-document-service.js';
import type { Actor } from './organisation-service.js';
import { scopeOf } from '../store/org-version.js';

export type InboxKind = 'extension' | 'acceptance' | 'report' | 'plan' | 'leave' | 'reception-schedule' | 'request-to-delegate' | 'finding' | 'outgoing-signature' | 'board-matter';

/** In the order the page shows them. */
export const INBOX_KINDS: readonly InboxKind[] = ['extension', 'acceptance', 'report', 'plan', 'leave', 'reception-schedule', 'request-to-delegate', 'finding', 'outgoing-signature', 'board-matter'];

export interface InboxItem {
  readonly kind: InboxKind;
  /** The record decided on (assignment, report, leave request, schedule month, request, finding). */
  readonly id: string;
  /** What it is about, in the record's words (a title, or a rulebook title in both languages). */
  readonly title: string | { readonly vi: string; readonly en: string };
  /** Who asked or whom it concerns. */
  readonly fromId: string;
  /** Since when it waits (ISO instant). */
  readonly since: string;
  /** The page where it is decided. */
  readonly href: string;
  /** Acting for someone else (A2, A4): whose decision it is. */
  readonly onBehalfOf?: string;
  /** Kind-specific facts the page shows: dates, days, rule. */
  readonly facts: Readonly<Record<string, string | number>>;
}

export interface Inbox {
  readonly items: InboxItem[];
  /** Per kind, in INBOX_KINDS order. */
  readonly counts: Readonly<Record<InboxKind, number>>;
}

/** Reports are found by due date: those due from this many days ago up to this many days ahead. */
export const REPORT_WINDOW_DAYS = { before: 62, after: 35 } as const;
const DAY_MS = 86_400_000;

export class InboxService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly repos: {
      readonly assignments: AssignmentRepository;
      readonly reports: ReportRepository;
      readonly leave: LeaveRepository;
      readonly findings: FindingRepository;
      readonly reception: CitizenReceptionRepository;
      readonly delegations: DelegationRepository;
    },
    private readonly leave: Pick<LeaveService, 'requestsToDelegate'>,
    /** Outgoing documents awaiting the person's signature (D5, Điều 13.1): their own owner index. */
    private readonly outgoing?: Pick<OutgoingDocumentService, 'list'>,
    /** A5 (Điều 3.2): the board matters awaiting the director's decision or a deputy's opinion (board-matter-inbox.ts). */
    private readonly boardMatters?: Pick<BoardMatterService, 'pendingFor'>,
  ) {}

  /** Everything awaiting the actor's decision, oldest first within each kind. */
  async list(actor: Actor, now: Date): Promise<Inbox> {
    const ctx = await this.contexts.load(actor, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const me = ctx.authority.staff(actor.staffId);
    if (!me?.active) return { items: [], counts: emptyCounts() };
    // What waits on the delegations held starts when they are read; the rest at once.
    const held = this.repos.delegations.currentFor(ctx.orgId, actor.staffId, today, scopeOf(actor)).then((current) => ctx.authority.activeDelegations(actor.staffId, current, today));
    const groups = await Promise.all([
      held.then((h) => this.assignmentItems(ctx, actor, h)),
      this.reportItems(ctx, actor, now),
      held.then((h) => this.leaveItems(ctx, actor, h)),
      held.then((h) => this.receptionItems(ctx, actor, h, today)),
      this.delegationRequestItems(ctx, actor),
      this.findingItems(ctx, actor),
      this.signatureItems(actor, now),
      this.boardMatters ? boardMatterItems(this.boardMatters, ctx, actor.staffId, now) : [],
    ]);
    const items = groups.flat().sort((a, b) => INBOX_KINDS.indexOf(a.kind) - INBOX_KINDS.indexOf(b.kind) || (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
    const counts = emptyCounts();
    for (const i of items) counts[i.kind] += 1;
    return { items, counts };
  }

  /** The navigation's figure: the same lists, counted. */
  async count(actor: Actor, now: Date): Promise<number> {
    return (await this.list(actor, now)).items.length;
  }

  // -------------------------------------------------------------------------------------

  /** Whose assignment decisions are the actor's: their own, and the delegators' they stand in for. */
  private principals(actor: Actor, held: readonly Delegation[]): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>([[actor.staffId, undefined]]);
    for (const d of held) if (!out.has(d.delegatorId)) out.set(d.delegatorId, d.delegatorId);
    return out;
  }

  private async assignmentItems(ctx: OrgContext, actor: Actor, held: readonly Delegation[]): Promise<InboxItem[]> {
    const principals = this.principals(actor, held);
    // Only leaders assign (A1): the board reads the department's open work, a head their unit's.
    const scopes = [...principals.keys()].map((id) => ({ id, scope: ctx.authority.viewScope(id), member: ctx.authority.staff(id) }));
    const board = scopes.some((s) => s.member?.roles.includes('director') || s.member?.roles.includes('deputy-director'));
    const unitIds = board ? [] : [...new Set(scopes.flatMap((s) => (s.scope.kind === 'units' ? s.scope.unitIds : [])))];
    if (!board && unitIds.length === 0) return [];
    const open = board
      ? await this.allOpen(ctx.orgId, { kind: 'org' })
      : (await Promise.all(unitIds.map((unitId) => this.allOpen(ctx.orgId, { kind: 'unit', unitId })))).flat();
    const items: InboxItem[] = [];
    for (const a of open) {
      const principal = [a.onBehalfOf, a.assignerId].find((id) => id !== undefined && principals.has(id));
      if (principal === undefined) continue;
      const onBehalfOf = principals.get(principal);
      const base = { id: a.id, title: a.title, href: `/assignments/${encodeURIComponent(a.id)}`, ...(onBehalfOf ? { onBehalfOf } : {}) };
      for (const r of a.extensionRequests) {
        if (r.status !== 'pending') continue;
        items.push({ ...base, kind: 'extension', fromId: r.requestedBy, since: r.requestedAt, facts: { requestId: r.id, dueDate: a.dueDate, newDueDate: r.newDueDate, reason: r.reason } });
      }
      if (awaitsAcceptance(a)) {
        items.push({ ...base, kind: 'acceptance', fromId: a.responsibleId, since: a.completedAt ?? a.updatedAt, facts: { dueDate: a.dueDate, ...(a.completion ? { completion: a.completion } : {}) } });
      }
    }
    return items;
  }

  private async allOpen(orgId: string, index: { kind: 'org' } | { kind: 'unit'; unitId: string }): Promise<Assignment[]> {
    const out: Assignment[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.repos.assignments.list({ orgId, index, state: 'open', limit: 500, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // Completed work awaiting acceptance stays in the open partition (indexState in shared/domain/assignment.ts).
    return out.filter((a) => isOpen(a) || awaitsAcceptance(a));
  }

  private async reportItems(ctx: OrgContext, actor: Actor, now: Date): Promise<InboxItem[]> {
    const me = ctx.authority.staff(actor.staffId)!;
    const scope = ctx.authority.viewScope(actor.staffId);
    const board = ctx.authority.unit(me.unitId)?.kind === 'board' || scope.kind === 'all';
    const from = new Date(now.getTime() - REPORT_WINDOW_DAYS.before * DAY_MS);
    const to = new Date(now.getTime() + REPORT_WINDOW_DAYS.after * DAY_MS);
    // Reports go to one's head, overseer or the board: a head reads their unit, the board the department.
    const unitIds = board ? [] : [...new Set([me.unitId, ...(scope.kind === 'units' ? scope.unitIds : [])])];
    const reports: Report[] = board
      ? await this.repos.reports.listDue(ctx.orgId, { kind: 'org' }, from, to)
      : (await Promise.all(unitIds.map((unitId) => this.repos.reports.listDue(ctx.orgId, { kind: 'unit', unitId }, from, to)))).flat();
    const seen = new Set<string>();
    const items: InboxItem[] = [];
    for (const r of reports) {
      if (seen.has(r.id) || r.reviewStatus !== 'submitted' || r.staffId === actor.staffId) continue;
      seen.add(r.id);
      const mine = r.kind === 'plan' ? planApprovers(ctx.authority, r).includes(actor.staffId) : r.recipients.includes(actor.staffId);
      if (!mine) continue;
      items.push({
        kind: r.kind === 'plan' ? 'plan' : 'report',
        id: r.id,
        title: r.title,
        fromId: r.staffId,
        since: r.lastSubmittedAt,
        href: `/reports/${encodeURIComponent(r.id)}`,
        facts: { ...(r.periodId ? { period: r.periodId } : {}), dueAt: r.dueAt, revision: r.revision, onTime: r.onTime ? 1 : 0 },
      });
    }
    return items;
  }

  private async leaveItems(ctx: OrgContext, actor: Actor, held: readonly Delegation[]): Promise<InboxItem[]> {
    const approvers = this.principals(actor, held);
    const lists = await Promise.all(
      [...approvers.keys()].map((id) => this.repos.leave.all((cursor) => this.repos.leave.byApprover(ctx.orgId, id, 'pending', 100, cursor))),
    );
    const seen = new Set<string>();
    return lists.flat().flatMap((l: LeaveRequest): InboxItem[] => {
      if (seen.has(l.id) || l.status !== 'pending' || l.applicantId === actor.staffId || !l.approverId) return [];
      seen.add(l.id);
      const onBehalfOf = approvers.get(l.approverId);
      return [
        {
          kind: 'leave',
          id: l.id,
          title: l.reason,
          fromId: l.applicantId,
          since: l.createdAt,
          href: `/leave/${encodeURIComponent(l.id)}`,
          ...(onBehalfOf ? { onBehalfOf } : {}),
          facts: { leaveKind: l.kind, startDate: l.startDate, endDate: l.endDate, days: l.days, rule: l.route.rule },
        },
      ];
    });
  }

  private async receptionItems(ctx: OrgContext, actor: Actor, held: readonly Delegation[], today: LocalDate): Promise<InboxItem[]> {
    const rules = ctx.rulebook.citizenReception;
    if (!rules) return [];
    const decision = canApprove(ctx.authority, actor.staffId, rules, held, today);
    if (!decision.allowed) return [];
    const month = today.slice(0, 7);
    const schedules = await this.repos.reception.list(ctx.orgId, shiftMonth(month, -1), shiftMonth(month, 2));
    return schedules
      .filter((s) => s.status === 'proposed')
      .map((s) => ({
        kind: 'reception-schedule' as const,
        id: s.month,
        title: s.month,
        fromId: s.proposedBy,
        since: s.proposedAt,
        href: `/decisions/reception/${encodeURIComponent(s.month)}`,
        ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}),
        facts: { month: s.month, sessions: s.sessions.length },
      }));
  }

  private async delegationRequestItems(ctx: OrgContext, actor: Actor): Promise<InboxItem[]> {
    // Only the director delegates (A2); others entitled to read the requests do not decide them.
    if (ctx.authority.director()?.id !== actor.staffId) return [];
    const { items } = await this.leave.requestsToDelegate(actor, { open: true, limit: 100 });
    return items
      .filter((r) => r.state === 'open')
      .map((r) => ({
        kind: 'request-to-delegate' as const,
        id: r.id,
        title: `${r.from} – ${r.to}`,
        fromId: r.directorId,
        since: r.createdAt,
        href: `/leave/${encodeURIComponent(r.leaveRequestId)}`,
        facts: { from: r.from, to: r.to, uncoveredDays: r.uncoveredDays.join(', '), rule: r.rule },
      }));
  }

  private async signatureItems(actor: Actor, now: Date): Promise<InboxItem[]> {
    return this.outgoing ? outgoingSignatures(this.outgoing, actor, now) : [];
  }

  private async findingItems(ctx: OrgContext, actor: Actor): Promise<InboxItem[]> {
    const me = ctx.authority.staff(actor.staffId)!;
    const scope = ctx.authority.viewScope(actor.staffId);
    // Findings are resolved by the director, the chief inspector or the subject's superior: nobody else has any.
    if (scope.kind === 'own') return [];
    const open: Finding[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.repos.findings.list({ orgId: ctx.orgId, index: { kind: 'state', state: 'open' }, limit: 200, ...(cursor ? { cursor } : {}) });
      open.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const everyone = me.roles.includes('director') || me.roles.includes('chief-inspector');
    return open
      .filter((f) => isOpenFinding(f) && canResolveFinding(ctx.authority, actor.staffId, f))
      // The director and the chief inspector may resolve any; the others see those of people they answer for.
      .filter((f) => everyone || ctx.authority.isSuperiorOf(actor.staffId, f.subjectId))
      .map((f) => ({
        kind: 'finding' as const,
        id: f.id,
        title: f.detail,
        fromId: f.subjectId,
        since: f.detectedAt,
        href: `/findings/${encodeURIComponent(f.id)}`,
        facts: { rule: f.rule, article: f.article, period: f.period },
      }));
  }
}

/** D5 (Điều 13.1): documents whose form was checked and whose proposed signer is the actor (GSI2, the owner's index). */
async function outgoingSignatures(outgoing: Pick<OutgoingDocumentService, 'list'>, actor: Actor, now: Date): Promise<InboxItem[]> {
  const { items } = await outgoing.list(actor, { view: 'mine', limit: 100 }, now);
  return items
    .filter((d) => d.status === 'form-checked')
    .map((d) => ({
      kind: 'outgoing-signature' as const,
      id: d.id,
      title: d.title,
      fromId: d.proposedById ?? d.drafterId,
      since: d.updatedAt,
      href: `/outgoing/${encodeURIComponent(d.id)}`,
      facts: { form: d.proposal?.form ?? '', ...(d.stepDueAt ? { dueAt: d.stepDueAt } : {}) },
    }));
}

function emptyCounts(): Record<InboxKind, number> {
  return Object.fromEntries(INBOX_KINDS.map((k) => [k, 0])) as Record<InboxKind, number>;
}

/** `YYYY-MM` moved by whole months. */
function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
