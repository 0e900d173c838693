/** The findings' reads and their resolution by hand (issue #6): the list by who may see what (D4 included), one finding, its page, its resolution (A1), who may read its history. */
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../domain/errors.js';
import { canResolveFinding, canSeeFinding, isOpenFinding, resolveFinding, type Finding } from '../../domain/finding.js';
import { parsePeriod, type Period } from '../../domain/periods.js';
import { openPhaseCursor } from '../../store/cursor.js';
import type { FindingIndex } from '../../store/finding-repository.js';
import { auditVisibility } from '../audit-service.js';
import { commit } from '../commit.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { ComplianceCore, findingView, type FindingFilters, type FindingView } from './core.js';

/** Queries one page of GET /v1/findings may make while filling itself. */
const MAX_LIST_QUERIES = 8;

export class ComplianceFindings {
  constructor(private readonly core: ComplianceCore) {}

  private periodOf(value: string | undefined): Period | undefined {
    if (value === undefined) return undefined;
    const period = parsePeriod(value);
    if (!period) {
      throw new ValidationError('Unknown period.', [{ path: 'query.period', message: 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' }]);
    }
    return period;
  }

  /** GET /v1/findings: what the caller may see (the director and the chief inspector all; a head their unit's; anyone their own). */
  async list(actor: Actor, filters: FindingFilters): Promise<{ items: FindingView[]; nextCursor?: string }> {
    const ctx = await this.core.contexts.load(actor);
    const period = this.periodOf(filters.period);
    const scope = ctx.authority.viewScope(actor.staffId);
    // A filter naming someone or a unit outside the caller's scope answers nothing, before any query.
    const inScope = (unitId: string | undefined) => scope.kind === 'all' || (scope.kind === 'units' && unitId !== undefined && scope.unitIds.includes(unitId));
    if (filters.subjectId && filters.subjectId !== actor.staffId && !inScope(ctx.authority.staff(filters.subjectId)?.unitId)) return { items: [] };
    if (filters.unitId && !inScope(filters.unitId)) return { items: [] };
    let phases: FindingIndex[];
    if (filters.subjectId) phases = [{ kind: 'subject', staffId: filters.subjectId }];
    else if (filters.unitId) phases = [{ kind: 'unit', unitId: filters.unitId }];
    else if (scope.kind === 'all') phases = filters.open ? [{ kind: 'state', state: 'open' }] : [{ kind: 'state', state: 'open' }, { kind: 'state', state: 'resolved' }];
    else if (scope.kind === 'units') {
      phases = scope.unitIds.map((unitId) => ({ kind: 'unit' as const, unitId }));
      if (!scope.unitIds.includes(actor.unitId)) phases.push({ kind: 'subject', staffId: actor.staffId });
    } else phases = [{ kind: 'subject', staffId: actor.staffId }];
    // D4 (Điều 9.1.8): what was reported to the caller (the chief of office), last; a finding an earlier phase lists is not listed twice.
    const reportedPhase = !filters.subjectId && !filters.unitId && scope.kind !== 'all' ? phases.push({ kind: 'reported', staffId: actor.staffId }) - 1 : -1;
    const listedEarlier = (f: Finding) =>
      phases.some((p, i) => i < reportedPhase && (p.kind === 'unit' ? p.unitId === f.unitId : p.kind === 'subject' && p.staffId === f.subjectId));

    // The cursor carries which partition the list has reached: `<phase>.<cursor|start>`.
    let { phase, inner } = openPhaseCursor(filters.cursor, phases.length);
    const keep = (f: Finding) =>
      canSeeFinding(ctx.authority, actor.staffId, f) &&
      (!filters.rule || f.rule === filters.rule) &&
      (!filters.unitId || f.unitId === filters.unitId) &&
      (!filters.subjectId || f.subjectId === filters.subjectId) &&
      (!filters.open || isOpenFinding(f)) &&
      (!period || (f.periodStart >= period.start && f.periodStart <= period.end));
    // Fill the page across partitions (open, then resolved; unit by unit), a few Queries at most.
    const items: FindingView[] = [];
    let nextCursor: string | undefined;
    for (let queries = 0; ; queries++) {
      const page = await this.core.findings.list({
        orgId: ctx.orgId,
        index: phases[phase]!,
        ...(filters.rule ? { rule: filters.rule } : {}),
        ...(period ? { periodFrom: period.start, periodTo: period.end } : {}),
        limit: filters.limit - items.length,
        ...(inner && inner !== 'start' ? { cursor: inner } : {}),
      });
      const reported = phase === reportedPhase;
      items.push(...page.items.filter((f) => keep(f) && !(reported && listedEarlier(f))).map(findingView));
      if (page.nextCursor) {
        inner = page.nextCursor;
      } else {
        phase += 1;
        inner = 'start';
        if (phase >= phases.length) break;
      }
      if (items.length >= filters.limit || queries >= MAX_LIST_QUERIES) {
        nextCursor = `${phase}.${inner}`;
        break;
      }
    }
    return nextCursor ? { items, nextCursor } : { items };
  }

  private async loadVisible(ctx: OrgContext, actor: Actor, id: string): Promise<Finding> {
    const f = await this.core.findings.get(ctx.orgId, id);
    if (!f || !canSeeFinding(ctx.authority, actor.staffId, f)) throw new NotFoundError(`There is no finding ${id}.`);
    return f;
  }

  async get(actor: Actor, id: string): Promise<FindingView> {
    const ctx = await this.core.contexts.load(actor);
    return findingView(await this.loadVisible(ctx, actor, id));
  }

  /** The finding for its page, and whether the actor may resolve it (the page shows the form only then). */
  async getWithRight(actor: Actor, id: string): Promise<{ finding: FindingView; mayResolve: boolean }> {
    const ctx = await this.core.contexts.load(actor);
    const f = await this.loadVisible(ctx, actor, id);
    return { finding: findingView(f), mayResolve: isOpenFinding(f) && canResolveFinding(ctx.authority, actor.staffId, f) };
  }

  /** POST /v1/findings/{id}/resolve: the director, the chief inspector or the subject's superior, with a note. */
  async resolve(actor: Actor, id: string, input: { note: string }, now: Date, ifMatch?: number): Promise<FindingView> {
    const ctx = await this.core.contexts.load(actor);
    const { body } = await commit({
      load: async () => {
        const current = await this.loadVisible(ctx, actor, id);
        if (!canResolveFinding(ctx.authority, actor.staffId, current)) {
          throw new ForbiddenError('Only the director, the chief inspector or a superior of the person concerned may resolve a finding (A1).', 'A1');
        }
        return current;
      },
      ifMatch: { expected: ifMatch, current: (f) => f.version },
      stale: (f) =>
        f ? new PreconditionFailedError(`The finding is at version ${f.version}, not ${ifMatch}.`, f.version) : new PreconditionFailedError('The finding changed while it was being resolved.'),
      decide: (current) => {
        const change = resolveFinding(current, { note: input.note, by: actor.staffId }, now);
        return {
          result: findingView(change.next),
          write: () =>
            this.core.findings.write({ next: change.next, event: this.core.event(ctx, change, actor.staffId, now), delta: change.delta, expectedVersion: current.version, timeZone: this.core.timeZone(ctx) }),
        };
      },
    });
    return body;
  }

  /** GET /v1/audit for findings: whoever may see the finding. */
  readonly auditVisibility = auditVisibility(['finding'], async (ctx, actor, entityId) => {
    const f = await this.core.findings.get(ctx.orgId, entityId, false);
    return f ? canSeeFinding(ctx.authority, actor.staffId, f) : undefined;
  });
}
