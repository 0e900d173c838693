/**
 * Citizen reception (C1, Điều 14): the Inspectorate proposes each month's schedule, the director
 * approves it; a held session's complaints and denunciations become assignments of the
 * Inspectorate, due by the rulebook's deadlines. Cases are written like meeting conclusions: the
 * first transaction records the outcome and the prepared assignments, then each assignment is
 * written if absent under a deterministic id, so a retry completes and duplicates nothing.
 */
import type { Timeliness } from '../domain/assignment.js';
import type { CaseKind, ReceptionSchedule } from '../domain/citizen-reception.js';
import type { LocalDate } from '../domain/local-time.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import { auditVisibility } from './audit-service.js';
import { ReceptionCore } from './citizen-reception/core.js';
import { ReceptionSchedules } from './citizen-reception/schedules.js';
import { ReceptionCases } from './citizen-reception/cases.js';

/** Writes prepared assignments only if absent, and reads them back: the meetings' store does exactly this. */
export type PreparedAssignmentStore = Pick<MeetingRepository, 'createMissing' | 'assignments'>;

export interface CaseInput {
  kind: CaseKind;
  summary: string;
  citizenName?: string;
}

export interface OutcomeInput {
  receivedBy: string;
  otherStaffIds?: string[];
  citizenCount: number;
  note?: string;
  cases?: CaseInput[];
}

export interface RescheduleInput {
  date: LocalDate;
  start?: string;
  end?: string;
  hostId?: string;
  reason: string;
}

export interface CaseView {
  n: number;
  k: number;
  kind: CaseKind;
  receivedOn: LocalDate;
  /** The deadline by the rulebook (or the law) to take the case up. */
  dueDate: LocalDate;
  assignmentId: string;
  state: 'created' | 'pending';
  /** Only for those who may see the assignment (a denunciation is confidential). */
  summary?: string;
  citizenName?: string;
  status?: string;
  timeliness?: Timeliness;
}

export type ScheduleView = Omit<ReceptionSchedule, 'orgId'> & {
  /** When the month's approved schedule is due (C1). */
  dueAt: string;
  approvedOnTime?: boolean;
  cases: CaseView[];
};

/** One face over the parts of citizen reception, which the reception feature builds (shared/features/reception.ts). */
export class CitizenReceptionService {
  private readonly schedules: ReceptionSchedules;
  private readonly cases: ReceptionCases;

  constructor(private readonly core: ReceptionCore, parts: { schedules: ReceptionSchedules; cases: ReceptionCases }) {
    this.schedules = parts.schedules;
    this.cases = parts.cases;
  }

  // ReceptionCore (citizen-reception/core.ts)
  rulesOf(...args: Parameters<ReceptionCore['rulesOf']>) {
    return this.core.rulesOf(...args);
  }
  dueAtOf(...args: Parameters<ReceptionCore['dueAtOf']>) {
    return this.core.dueAtOf(...args);
  }

  // ReceptionSchedules (citizen-reception/schedules.ts)
  propose(...args: Parameters<ReceptionSchedules['propose']>) {
    return this.schedules.propose(...args);
  }
  mayDecide(...args: Parameters<ReceptionSchedules['mayDecide']>) {
    return this.schedules.mayDecide(...args);
  }
  revise(...args: Parameters<ReceptionSchedules['revise']>) {
    return this.schedules.revise(...args);
  }
  approve(...args: Parameters<ReceptionSchedules['approve']>) {
    return this.schedules.approve(...args);
  }
  returnForRevision(...args: Parameters<ReceptionSchedules['returnForRevision']>) {
    return this.schedules.returnForRevision(...args);
  }
  reschedule(...args: Parameters<ReceptionSchedules['reschedule']>) {
    return this.schedules.reschedule(...args);
  }
  get(...args: Parameters<ReceptionSchedules['get']>) {
    return this.schedules.get(...args);
  }
  list(...args: Parameters<ReceptionSchedules['list']>) {
    return this.schedules.list(...args);
  }

  // ReceptionCases (citizen-reception/cases.ts)
  recordOutcome(...args: Parameters<ReceptionCases['recordOutcome']>) {
    return this.cases.recordOutcome(...args);
  }
  completeCases(...args: Parameters<ReceptionCases['completeCases']>) {
    return this.cases.completeCases(...args);
  }

  readonly auditVisibility = auditVisibility(['reception-schedule'], async (ctx, actor, entityId) => {
    if (!entityId.startsWith('reception-schedule.')) return undefined;
    const s = await this.core.schedules.get(ctx.orgId, entityId);
    return s ? ctx.authority.staff(actor.staffId)?.active === true : undefined;
  });
}
