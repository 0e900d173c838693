/**
 * The year-end of the evaluation cycle (issue #23; E1, Điều 24: carrying out the regulation is the
 * basis for the year's rating, emulation and rewards):
 *
 * - the unit ratings for the department's year-end report: each unit's figures of the year,
 *   counted as the department's dashboard counts them, and its head's yearly level;
 * - the emulation list for the emulation council: per emulation title of the rulebook
 *   (`/evaluation/emulationTitles`), the people whose decided yearly level meets the title's
 *   minimum level. They are proposed, not awarded: the council decides. Nobody is dropped
 *   silently: whoever has no decision is listed apart.
 *
 * Who: the unit ratings, the board (the director and the deputy directors, who see every dossier).
 * The emulation list, the board and the chief of office (the Office prepares the council's work).
 * Anyone else is answered 404, as if the lists did not exist, before any parameter is read.
 */
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { lastProposal, stageOf, type Evaluation } from '../domain/evaluation.js';
import { formatInstant } from '../domain/local-time.js';
import type { LocalizedText, StaffMember } from '../domain/organisation.js';
import { EVALUATION_LEVEL_IDS } from '../rulebook/kinds.js';
import { roleTitle } from '../rulebook/roles.js';
import type { EmulationTitle, EvaluationLevelId, EvaluationSettings, EvaluationStepId } from '../rulebook/schema.js';
import type { EvaluationRepository } from '../store/evaluation-repository.js';
import type { DashboardService } from './dashboard-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export type YearList = 'units' | 'emulation';

export interface YearPerson {
  staffId: string;
  name: string;
  unitId: string;
  unit: LocalizedText;
  /** The official title(s) of the person's roles (Trưởng phòng, Chánh Văn phòng, Chuyên viên…). */
  title: LocalizedText;
}

/** A head's yearly level: decided (and maybe published), else the latest proposal with its step, else none. */
export type HeadLevel =
  | { status: 'published' | 'decided'; level: EvaluationLevelId; at: string }
  | { status: 'proposed'; level: EvaluationLevelId; step: 'self-assessment' | 'head-comment' | 'board-review'; at: string };

export interface UnitRating {
  unitId: string;
  name: LocalizedText;
  kind: string;
  assignments: { assigned: number; completedOnTime: number; completedAfterExtension: number; completedLate: number; overdue: number; onTimeRate: number | null };
  reports: { due: number; onTime: number; late: number; missing: number };
  head: (YearPerson & { level: HeadLevel | null }) | null;
}

export interface YearHeader {
  year: string;
  organisation: { id: string; name: LocalizedText; province: LocalizedText };
  asOf: string;
  levels: { id: EvaluationLevelId; name: LocalizedText }[];
}

export interface UnitRatingsView extends YearHeader {
  units: UnitRating[];
}

export interface EmulationCandidate extends YearPerson {
  level: EvaluationLevelId;
  published: boolean;
  /** The monthly levels decided in the year, by month (`2026-03`). */
  months: { period: string; level: EvaluationLevelId }[];
}

export interface EmulationView extends YearHeader {
  titles: (Pick<EmulationTitle, 'id' | 'name' | 'minimumLevel' | 'requirement' | 'basis'> & { people: EmulationCandidate[] })[];
  /** People rated with no decision on the year the reader may see (chưa có quyết định xếp loại), and the step each stands at. */
  undecided: (YearPerson & { stage: EvaluationStepId | 'none' })[];
}

/** `a` at least as good as `b` (the levels are listed best first). */
export const meets = (a: EvaluationLevelId, b: EvaluationLevelId) => EVALUATION_LEVEL_IDS.indexOf(a) <= EVALUATION_LEVEL_IDS.indexOf(b);

export class EvaluationYearService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly repository: EvaluationRepository,
    private readonly dashboard: DashboardService,
  ) {}

  private isBoard(ctx: OrgContext, actorId: string): boolean {
    const me = ctx.authority.staff(actorId);
    return !!me?.active && (me.roles.includes('director') || me.roles.includes('deputy-director'));
  }

  private mayRead(ctx: OrgContext, actorId: string, list: YearList): boolean {
    if (!ctx.rulebook.evaluation) return false;
    if (this.isBoard(ctx, actorId)) return true;
    const me = ctx.authority.staff(actorId);
    return list === 'emulation' && !!me?.active && me.roles.includes('chief-of-office');
  }

  /** 404 to whoever may not read the list: called before the request's parameters are read. */
  async authorise(actor: Actor, list: YearList, now: Date): Promise<void> {
    const ctx = await this.contexts.load(actor, now);
    if (!this.mayRead(ctx, actor.staffId, list)) throw new NotFoundError(`There is no ${list === 'units' ? 'unit rating' : 'emulation list'} you may see.`);
  }

  /** The lists the reader may read (the page offers only those). */
  async readable(actor: Actor, now: Date): Promise<YearList[]> {
    const ctx = await this.contexts.load(actor, now);
    return (['units', 'emulation'] as const).filter((l) => this.mayRead(ctx, actor.staffId, l));
  }

  private async begin(actor: Actor, list: YearList, yearId: string, now: Date): Promise<{ ctx: OrgContext; settings: EvaluationSettings; header: YearHeader }> {
    const ctx = await this.contexts.load(actor, now);
    if (!this.mayRead(ctx, actor.staffId, list)) throw new NotFoundError(`There is no ${list === 'units' ? 'unit rating' : 'emulation list'} you may see.`);
    const settings = ctx.rulebook.evaluation!;
    if (!/^\d{4}$/.test(yearId) || !settings.periods.includes('year')) {
      throw new ValidationError(`'${yearId}' is not a year rated.`, [{ path: 'query.year', message: 'must be a year such as 2026' }]);
    }
    const org = ctx.snapshot.organisation;
    return {
      ctx,
      settings,
      header: {
        year: yearId,
        organisation: { id: org.id, name: org.name, province: org.province.name },
        asOf: formatInstant(now, ctx.dueRules.timeZone),
        levels: settings.levels.map((l) => ({ id: l.id, name: l.name })),
      },
    };
  }

  private personOf(ctx: OrgContext, p: StaffMember): YearPerson {
    const kind = ctx.authority.unit(p.unitId)?.kind;
    const titles = p.roles.map((r) => roleTitle(ctx.rulebook, r, kind)).filter((t): t is LocalizedText => t !== undefined);
    return {
      staffId: p.id,
      name: p.name,
      unitId: p.unitId,
      unit: ctx.authority.unit(p.unitId)?.name ?? { vi: p.unitId, en: p.unitId },
      title: { vi: titles.map((t) => t.vi).join(', '), en: titles.map((t) => t.en).join(', ') },
    };
  }

  /** The people rated, in the rulebook's order: active, outside the board (the province rates the board). */
  private rated(ctx: OrgContext): StaffMember[] {
    // The dashboard's order: units, then people, as the rulebook lists them.
    const order = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x, i) => [x.id, i]));
    const units = order(ctx.rulebook.units);
    const staff = order(ctx.rulebook.staff);
    const at = (m: Map<string, number>, id: string) => m.get(id) ?? Number.MAX_SAFE_INTEGER;
    return ctx.snapshot.staff
      .map((s) => ctx.authority.staff(s.id))
      .filter((p): p is StaffMember => !!p?.active && ctx.authority.unit(p.unitId)?.kind !== 'board')
      .sort((a, b) => at(units, a.unitId) - at(units, b.unitId) || at(staff, a.id) - at(staff, b.id) || a.name.localeCompare(b.name, 'vi'));
  }

  /** Each unit's figures of the year and its head's yearly level, for the department's year-end report. */
  async units(actor: Actor, yearId: string, now: Date): Promise<UnitRatingsView> {
    const { ctx, header } = await this.begin(actor, 'units', yearId, now);
    const [view, evaluations] = await Promise.all([this.dashboard.departmentReading(actor, yearId, now), this.repository.listPeriod(ctx.orgId, yearId)]);
    const byStaff = new Map(evaluations.map((e) => [e.staffId, e]));
    return {
      ...header,
      // The board is no unit rated here: the province rates its members.
      units: view.units
        .filter((u) => u.kind !== 'board')
        .map((u) => {
          const a = u.figures.assignments;
          const r = u.figures.reports;
          const head = u.headId ? ctx.authority.staff(u.headId) : undefined;
          return {
            unitId: u.unitId,
            name: u.name,
            kind: u.kind,
            assignments: { assigned: a.assigned, completedOnTime: a.completedOnTime, completedAfterExtension: a.completedAfterExtension, completedLate: a.completedLate, overdue: a.overdue, onTimeRate: a.onTimeRate },
            reports: { due: r.due, onTime: r.onTime, late: r.late, missing: r.missing },
            head: head ? { ...this.personOf(ctx, head), level: headLevel(byStaff.get(head.id)) } : null,
          };
        }),
    };
  }

  /** Per emulation title, the people whose decided yearly level meets its minimum; the undecided apart. */
  async emulation(actor: Actor, yearId: string, now: Date): Promise<EmulationView> {
    const { ctx, settings, header } = await this.begin(actor, 'emulation', yearId, now);
    const months = Array.from({ length: 12 }, (_, i) => `${yearId}-${String(i + 1).padStart(2, '0')}`);
    const [year, ...monthly] = await Promise.all([
      this.repository.listPeriod(ctx.orgId, yearId),
      ...(settings.periods.includes('month') ? months.map((m) => this.repository.listPeriod(ctx.orgId, m)) : []),
    ]);
    // The board sees a decision when it is taken; the chief of office, like the person, once it is published (E6).
    const board = this.isBoard(ctx, actor.staffId);
    const visible = (e: Evaluation | undefined) => (e?.decision && (board || e.publishedAt) ? e.decision.level : undefined);
    const byStaff = new Map(year!.map((e) => [e.staffId, e]));
    const monthsOf = new Map<string, { period: string; level: EvaluationLevelId }[]>();
    for (const e of monthly.flat().sort((a, b) => a.period.localeCompare(b.period))) {
      const level = visible(e);
      if (level) monthsOf.set(e.staffId, [...(monthsOf.get(e.staffId) ?? []), { period: e.period, level }]);
    }
    const decided: EmulationCandidate[] = [];
    const undecided: EmulationView['undecided'] = [];
    for (const p of this.rated(ctx)) {
      const e = byStaff.get(p.id);
      const level = visible(e);
      if (level) decided.push({ ...this.personOf(ctx, p), level, published: !!e?.publishedAt, months: monthsOf.get(p.id) ?? [] });
      // For the chief of office an unpublished decision stands as `director-decision`, its level withheld.
      else undecided.push({ ...this.personOf(ctx, p), stage: stageOf(e) });
    }
    return {
      ...header,
      titles: settings.emulationTitles.map((t) => ({ id: t.id, name: t.name, minimumLevel: t.minimumLevel, ...(t.requirement ? { requirement: t.requirement } : {}), basis: t.basis, people: decided.filter((d) => meets(d.level, t.minimumLevel)) })),
      undecided,
    };
  }
}

function headLevel(e: Evaluation | undefined): HeadLevel | null {
  if (!e) return null;
  if (e.decision) return { status: e.publishedAt ? 'published' : 'decided', level: e.decision.level, at: e.decision.at };
  const level = lastProposal(e);
  const step = e.boardReview ? 'board-review' : e.headComment ? 'head-comment' : 'self-assessment';
  const entry = e.boardReview ?? e.headComment ?? e.selfAssessment;
  return level && entry ? { status: 'proposed', level, step, at: entry.at } : null;
}
