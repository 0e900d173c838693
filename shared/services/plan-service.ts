import type { Actor } from './organisation-service.js';
import type { ReportService, SubmitReportInput } from './report-service.js';

/**
 * Plans (P2, Điều 10.1) in the words of the regulation. A plan is the report of a P2 obligation,
 * so it shares the reports' storage, obligations view and counters; only its review differs:
 * the director or the overseeing deputy approves it, and a change to an approved plan needs a
 * reason and a new approval while the approved revision stays in force and readable.
 */
export class PlanService {
  constructor(private readonly reports: ReportService) {}

  submit(actor: Actor, input: Omit<SubmitReportInput, 'missionId'>, now: Date, options: { idempotencyKey?: string; ifMatch?: number } = {}) {
    return this.reports.submit(actor, input, now, { ...options, kind: 'plan' });
  }

  get(actor: Actor, id: string) {
    return this.reports.get(actor, id, 'plan');
  }

  approve(actor: Actor, id: string, input: { comment?: string; boardMatterId?: string }, now: Date, ifMatch?: number) {
    return this.reports.approve(actor, id, input, now, ifMatch);
  }

  returnToHead(actor: Actor, id: string, input: { comment: string }, now: Date, ifMatch?: number) {
    return this.reports.returnToAuthor(actor, id, input, now, ifMatch, 'plan');
  }

  list(actor: Actor, query: { unitId?: string; period?: string; limit: number; cursor?: string }) {
    return this.reports.listPlans(actor, query);
  }
}
