/**
 * Leave, absence and the director's stand-in (Điều 18; L1, L2, L3, A2): asking for leave,
 * deciding it, withdrawing it, annual-leave balances and carry-over, the absence calendar of a
 * unit, and the request to delegate raised when the director is away with nobody holding the
 * director's authority.
 */
import type { HalfDay, LeaveKind, LeaveRequest, LeaveStatus } from '../domain/leave.js';
import type { LocalDate } from '../domain/local-time.js';
import type { RequestToDelegate } from '../store/leave-repository.js';
import { auditVisibility } from './audit-service.js';
import { LeaveCore } from './leave/core.js';
import { LeaveRequests } from './leave/requests.js';
import { LeaveRegister } from './leave/register.js';
import { LeaveBalances } from './leave/balances.js';

export interface CreateLeaveInput {
  kind: LeaveKind;
  startDate: LocalDate;
  endDate?: LocalDate;
  startHalf?: HalfDay;
  endHalf?: HalfDay;
  reason: string;
  emergency?: boolean;
  emergencyReason?: string;
  /** Upload ids (a medical certificate, issue #22). */
  files?: string[];
}

export interface DelegationCover {
  /** Every working day of the leave has a deputy director holding the director's authority (A2). */
  covered: boolean;
  requestId?: string;
  coveredBy: { id: string; delegateId: string; from: string; to: string }[];
  uncoveredDays: LocalDate[];
}

export interface LeaveView extends LeaveRequest {
  /** The director is away (or will be) and no delegation covers every working day (A2). */
  delegationRequired: boolean;
  /** For the director's leave: who holds the director's authority, and the days nobody does. */
  delegation?: DelegationCover;
}

export interface LeaveListFilters {
  staffId?: string;
  unitId?: string;
  approverId?: string;
  status?: LeaveStatus;
  from?: LocalDate;
  to?: LocalDate;
  limit: number;
  cursor?: string;
}

export interface AbsenceEntry {
  leaveRequestId: string;
  staffId: string;
  name: string;
  startDate: LocalDate;
  endDate: LocalDate;
  startHalf: HalfDay;
  endHalf: HalfDay;
  days: number;
  status: LeaveStatus;
  /** Only for callers who may see the request itself. */
  kind?: LeaveKind;
  emergency?: boolean;
}

export interface RequestToDelegateView extends RequestToDelegate {
  /** open: nobody holds the director's authority on some working day of the leave. */
  state: 'open' | 'resolved' | 'cancelled';
  coveredBy: DelegationCover['coveredBy'];
  uncoveredDays: LocalDate[];
  message: string;
}

/** The leave service the routes and other features call: one face over its parts, which the leave feature builds (shared/features/leave.ts). */
export class LeaveService {
  private readonly requests: LeaveRequests;
  private readonly register: LeaveRegister;
  private readonly balances: LeaveBalances;

  constructor(private readonly core: LeaveCore, parts: { requests: LeaveRequests; register: LeaveRegister; balances: LeaveBalances }) {
    this.requests = parts.requests;
    this.register = parts.register;
    this.balances = parts.balances;
  }

  // LeaveRequests (leave/requests.ts)
  create(...args: Parameters<LeaveRequests['create']>) {
    return this.requests.create(...args);
  }
  get(...args: Parameters<LeaveRequests['get']>) {
    return this.requests.get(...args);
  }
  decide(...args: Parameters<LeaveRequests['decide']>) {
    return this.requests.decide(...args);
  }
  mayDecide(...args: Parameters<LeaveRequests['mayDecide']>) {
    return this.requests.mayDecide(...args);
  }
  addFiles(...args: Parameters<LeaveRequests['addFiles']>) {
    return this.requests.addFiles(...args);
  }
  withdraw(...args: Parameters<LeaveRequests['withdraw']>) {
    return this.requests.withdraw(...args);
  }

  // LeaveRegister (leave/register.ts)
  list(...args: Parameters<LeaveRegister['list']>) {
    return this.register.list(...args);
  }
  absences(...args: Parameters<LeaveRegister['absences']>) {
    return this.register.absences(...args);
  }
  requestsToDelegate(...args: Parameters<LeaveRegister['requestsToDelegate']>) {
    return this.register.requestsToDelegate(...args);
  }

  // LeaveBalances (leave/balances.ts)
  balance(...args: Parameters<LeaveBalances['balance']>) {
    return this.balances.balance(...args);
  }
  setEntitlement(...args: Parameters<LeaveBalances['setEntitlement']>) {
    return this.balances.setEntitlement(...args);
  }
  carryOver(...args: Parameters<LeaveBalances['carryOver']>) {
    return this.balances.carryOver(...args);
  }

  // -------------------------------------------------------------------------------------
  // Who may read the history (GET /v1/audit)

  readonly auditVisibility = auditVisibility(['leave-request', 'request-to-delegate', 'leave-balance'], async (ctx, actor, entityId) => {
    const balance = /^leave-balance\.(.+)\.(\d{4})$/.exec(entityId);
    if (balance) return this.core.canSeePerson(ctx, actor.staffId, balance[1]!) ? true : undefined;
    const l = await this.core.leave.getLeave(ctx.orgId, entityId);
    if (l) return this.core.canView(ctx, actor.staffId, l);
    const r = await this.core.leave.getRequestToDelegate(ctx.orgId, entityId);
    if (r) {
      const me = ctx.authority.staff(actor.staffId);
      return actor.staffId === r.directorId || me?.roles.includes('deputy-director') === true || this.core.seesAllLeave(ctx, actor.staffId);
    }
    return undefined;
  });
}
