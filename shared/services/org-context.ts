import type { WorkingCalendar } from '../domain/calendar.js';
import type { DueRules } from '../domain/assignment.js';
import { Authority } from '../domain/authority.js';
import { NotFoundError } from '../domain/errors.js';
import { calendarOf } from '../domain/working-calendar-of.js';
import type { Rulebook } from '../rulebook/schema.js';
import type { OrganisationRepository, OrganisationSnapshot } from '../store/organisation-repository.js';

/** What a use case needs to judge authority and deadlines: the records now, and the rulebook in force. */
export interface OrgContext {
  readonly orgId: string;
  readonly snapshot: OrganisationSnapshot;
  readonly rulebook: Rulebook;
  readonly calendar: WorkingCalendar;
  readonly authority: Authority;
  readonly dueRules: DueRules;
}

interface RulebookDerived {
  readonly rulebook: Rulebook;
  readonly calendar: WorkingCalendar;
}

/**
 * Loads the organisation's records on every call (they change: people move, heads change) but
 * keeps what is derived from a rulebook version, which never changes once recorded.
 */
export class OrgContextLoader {
  private readonly byVersion = new Map<string, RulebookDerived>();

  constructor(private readonly organisations: OrganisationRepository) {}

  async load(orgId: string): Promise<OrgContext> {
    const snapshot = await this.organisations.getOrganisation(orgId);
    if (!snapshot) throw new NotFoundError(`Organisation ${orgId} has not been set up.`);
    const cacheKey = `${orgId}@${snapshot.organisation.rulebookVersion}`;
    let derived = this.byVersion.get(cacheKey);
    if (!derived) {
      const stored = await this.organisations.getCurrentRulebook(orgId);
      if (!stored) throw new NotFoundError(`Organisation ${orgId} has no rulebook.`);
      derived = { rulebook: stored.rulebook, calendar: calendarOf(stored.rulebook) };
      this.byVersion.set(cacheKey, derived);
    }
    const { rulebook, calendar } = derived;
    return {
      orgId,
      snapshot,
      rulebook,
      calendar,
      authority: new Authority({ units: snapshot.units, staff: snapshot.staff, leaders: rulebook.leaders }),
      dueRules: {
        dueTime: rulebook.settings.assignmentDueTime,
        dueSoonWorkingDays: rulebook.settings.dueSoonWorkingDays,
        timeZone: rulebook.organisation.timeZone,
      },
    };
  }
}
