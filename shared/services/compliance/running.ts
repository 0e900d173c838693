/** Running the checks (issue #6): a rule recorded as findings, idempotently, resolving what is put right; a job answered with its summary; by schedule, by hand, or as a re-check. */
import { createHash } from 'node:crypto';
import type { Observation, PutRight } from '../../domain/compliance/outcome.js';
import { toLocalDate } from '../../domain/local-time.js';
import { ForbiddenError, ValidationError } from '../../domain/errors.js';
import { canSeeFinding, detectFinding, findingId, isOpenFinding, putRightFinding, type Finding } from '../../domain/finding.js';
import { countsFromGoLive, deadlineCountsFromGoLive, parsePeriod } from '../../domain/periods.js';
import type { NoticeRecord } from '../../store/finding-repository.js';
import { commit } from '../commit.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { findingTextNames } from './finding-notifications.js';
import { ruleById } from './registry.js';
import { isJob, type ComplianceJob, type ComplianceRule, type ScheduledCheck } from './rule.js';
import { CHECK_RUNNER_ROLES, COMPLIANCE_ACTOR, ComplianceCore, findingView, RuleNotApplicableError, type RunResult } from './core.js';

export class ComplianceRunning {
  constructor(private readonly core: ComplianceCore) {}

  private async runJob(ctx: OrgContext, job: ComplianceJob, at: Date): Promise<RunResult> {
    if (!job.appliesTo(ctx.rulebook)) throw new RuleNotApplicableError(job.id, ctx.orgId);
    if (!this.core.options.jobServices) throw new Error(`Job ${job.id} needs its services; this compliance service was built without them.`);
    const summary = await job.run({ org: ctx, services: this.core.options.jobServices }, at);
    return { orgId: ctx.orgId, rule: job.id, at: at.toISOString(), findings: [], created: [], resolved: [], notices: [], summary };
  }

  private runCheck(ctx: OrgContext, check: ScheduledCheck, at: Date): Promise<RunResult> {
    return isJob(check) ? this.runJob(ctx, check, at) : this.runWith(ctx, check, at);
  }

  /** Resolves an open finding as put right; retried on a lost race; a finding already resolved stays as it is. */
  private async applyPutRight(ctx: OrgContext, finding: Finding, putRight: PutRight, at: Date): Promise<{ finding: Finding; resolved: boolean }> {
    let first = true;
    const { body } = await commit({
      // The finding as the run read it first; after a lost race, as it is now.
      load: async () => (first ? ((first = false), finding) : ((await this.core.findings.get(ctx.orgId, finding.id)) ?? finding)),
      decide: (current) => {
        if (!isOpenFinding(current)) return { result: { finding: current, resolved: false } };
        const change = putRightFinding(current, putRight, at);
        return {
          result: { finding: change.next, resolved: true },
          write: () =>
            this.core.findings.write({
              next: change.next,
              event: this.core.event(ctx, change, COMPLIANCE_ACTOR, at),
              delta: change.delta,
              expectedVersion: current.version,
              timeZone: this.core.timeZone(ctx),
            }),
        };
      },
    });
    return body;
  }

  private async runWith(ctx: OrgContext, rule: ComplianceRule, at: Date, options: { resolveOnly?: boolean } = {}): Promise<RunResult> {
    if (!rule.appliesTo(ctx.rulebook)) throw new RuleNotApplicableError(rule.id, ctx.orgId);
    const article = rule.articleIn(ctx.rulebook);
    const timeZone = this.core.timeZone(ctx);
    const open = await this.core.findings.listOpenOfRule(ctx.orgId, rule.id);
    if (options.resolveOnly && open.length === 0) {
      return { orgId: ctx.orgId, rule: rule.id, article, at: at.toISOString(), findings: [], created: [], resolved: [], notices: [] };
    }
    const outcome = await rule.run({ org: ctx, table: this.core.table, openFindings: open }, at);
    const openById = new Map(open.map((f) => [f.id, f]));
    const touched = new Map<string, Finding>();
    const created: string[] = [];
    const resolved: string[] = [];

    const putRight = async (finding: Finding, fix: PutRight) => {
      const result = await this.applyPutRight(ctx, finding, fix, at);
      touched.set(result.finding.id, result.finding);
      if (result.resolved) resolved.push(result.finding.id);
    };

    // Go-live, for every rule at once: a breach in a period that ended before it, or of a deadline up to the go-live day, is not counted.
    const counted = (o: Observation) =>
      countsFromGoLive(parsePeriod(o.period)?.end ?? o.period, ctx.goLiveOn) && (o.dueAt === undefined || deadlineCountsFromGoLive(toLocalDate(o.dueAt, timeZone), ctx.goLiveOn));
    for (const observation of outcome.observations.filter(counted)) {
      const id = findingId(ctx.orgId, rule.id, observation.identity);
      let existing = openById.get(id) ?? (await this.core.findings.get(ctx.orgId, id));
      if (!existing && options.resolveOnly) continue;
      if (!existing) {
        let fresh = true;
        const { body } = await commit({
          // Another run (a retry, a double delivery) created it meanwhile: use theirs.
          load: async () => (fresh ? ((fresh = false), undefined) : await this.core.findings.get(ctx.orgId, id)),
          decide: (found) => {
            if (found) return { result: { finding: found, made: false } };
            const change = detectFinding({ id: rule.id, article }, ctx.orgId, observation, at, timeZone);
            return {
              result: { finding: change.next, made: true },
              write: () => this.core.findings.write({ next: change.next, event: this.core.event(ctx, change, COMPLIANCE_ACTOR, at), delta: change.delta, timeZone, names: findingTextNames(ctx) }),
            };
          },
        });
        if (body.made) {
          touched.set(id, body.finding);
          created.push(id);
          continue;
        }
        existing = body.finding;
      }
      if (!existing) continue;
      if (observation.putRight && isOpenFinding(existing)) await putRight(existing, observation.putRight);
      else touched.set(id, existing);
    }
    for (const clearance of outcome.clearances ?? []) {
      const existing = openById.get(findingId(ctx.orgId, rule.id, clearance.identity));
      if (existing) await putRight(existing, clearance.putRight);
    }
    if (created.length > 0 && this.core.options.afterCreated) {
      const createdFindings = created.map((id) => touched.get(id)).filter((f): f is Finding => f !== undefined);
      await this.core.options.afterCreated(ctx, createdFindings, at);
    }

    const notices: NoticeRecord[] = [];
    if (!options.resolveOnly) {
      for (const notice of outcome.notices ?? []) {
        for (const to of notice.to) {
          const key = notice.key.join('|');
          const record: NoticeRecord = {
            id: `${rule.id}-${createHash('sha256').update([ctx.orgId, rule.id, key, to].join('|')).digest('hex').slice(0, 24)}`,
            orgId: ctx.orgId,
            rule: rule.id,
            key,
            to,
            subjectId: notice.subjectId,
            message: notice.message,
            facts: notice.facts,
            at: at.toISOString(),
          };
          await this.core.findings.recordNotice(record);
          notices.push(record);
        }
      }
    }
    return {
      orgId: ctx.orgId,
      rule: rule.id,
      article,
      at: at.toISOString(),
      findings: [...touched.values()].sort((a, b) => a.id.localeCompare(b.id)).map(findingView),
      created,
      resolved,
      notices,
    };
  }

  /** Runs one rule (or job) for one organisation at `at` (the schedule's time, or the caller's). */
  async run(orgId: string, ruleId: string, at: Date): Promise<RunResult> {
    const check = this.core.requireCheck(ruleId);
    return this.runCheck(await this.core.contexts.load(orgId), check, at);
  }

  /**
   * Re-checks a rule's open findings after a record that may put them right was stored (a late
   * report): resolves what is put right, creates nothing. Best effort: the schedule catches up.
   */
  async recheck(orgId: string, ruleId: string, at: Date): Promise<void> {
    const rule = ruleById(ruleId, this.core.rules);
    if (!rule) return;
    const ctx = await this.core.contexts.load(orgId);
    if (rule.appliesTo(ctx.rulebook)) await this.runWith(ctx, rule, at, { resolveOnly: true });
  }

  /**
   * The scheduled run: the rule for every organisation of the province whose rulebook has it.
   * Every organisation is attempted; any failure is rethrown afterwards so EventBridge retries
   * (the organisations that succeeded create nothing twice).
   */
  async runForOrganisations(orgIds: readonly string[], ruleId: string, at: Date): Promise<RunResult[]> {
    const rule = this.core.requireCheck(ruleId);
    const results: RunResult[] = [];
    const failures: { orgId: string; error: unknown }[] = [];
    for (const orgId of orgIds) {
      try {
        const ctx = await this.core.contexts.load(orgId);
        if (!rule.appliesTo(ctx.rulebook)) continue;
        results.push(await this.runCheck(ctx, rule, at));
      } catch (error) {
        failures.push({ orgId, error });
      }
    }
    if (failures.length > 0) {
      const first = failures[0]!.error;
      if (failures.length === 1 && first instanceof Error) throw first;
      throw new AggregateError(
        failures.map((f) => f.error),
        `Rule ${ruleId} failed for ${failures.map((f) => f.orgId).join(', ')}`,
      );
    }
    return results;
  }

  /** POST /v1/checks/run: the director, the chief inspector and administrators; never in the future. */
  async runAs(actor: Actor, input: { rule: string; at?: Date }, now: Date): Promise<RunResult> {
    if (!actor.roles.some((r) => (CHECK_RUNNER_ROLES as readonly string[]).includes(r))) {
      throw new ForbiddenError('Only the director, the chief inspector or an administrator may run a compliance check.');
    }
    const check = this.core.requireCheck(input.rule);
    const at = input.at ?? now;
    if (at.getTime() > now.getTime()) {
      throw new ValidationError('A check cannot judge a time still to come.', [{ path: 'body.at', message: `must not be after ${now.toISOString()}` }]);
    }
    const ctx = await this.core.contexts.load(actor);
    const result = await this.runCheck(ctx, check, at);
    return {
      ...result,
      findings: result.findings.filter((f) => canSeeFinding(ctx.authority, actor.staffId, f)),
      notices: result.notices.filter((n) => n.to === actor.staffId || ctx.authority.viewScope(actor.staffId).kind === 'all'),
    };
  }
}
