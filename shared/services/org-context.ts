import type { WorkingCalendar } from '../domain/calendar.js';
import type { DueRules } from '../domain/assignment.js';
import { Authority } from '../domain/authority.js';
import { NotFoundError } from '../domain/errors.js';
import { toLocalDate, type LocalDate } from '../domain/local-time.js';
import { calendarOf } from '../domain/working-calendar-of.js';
import type { OrgSnapshot } from '../domain/obligations.js';
import type { Rulebook } from '../rulebook/schema.js';
import type { OrganisationRepository, OrganisationSnapshot, StoredRulebook } from '../store/organisation-repository.js';

/** What a use case needs to judge authority and deadlines: the records now, and the rulebook in force. */
export interface OrgContext {
  readonly orgId: string;
  readonly snapshot: OrganisationSnapshot;
  /** The rulebook in force at the instant the context was loaded for (the newest when none was given). */
  readonly rulebook: Rulebook;
  readonly calendar: WorkingCalendar;
  readonly authority: Authority;
  readonly dueRules: DueRules;
  /** Go-live: nothing is owed, expected or found for a period that ended before this local day (none: count from the regulation). */
  readonly goLiveOn: LocalDate | undefined;
  /** The units, staff and go-live the obligations and meeting schedule are generated from. */
  readonly obligationOrg: OrgSnapshot;
  /** Every recorded version, by effective date then version number. */
  readonly versions: readonly StoredRulebook[];
  /** The rulebook in force on a local date: periods are judged by the rules then in force. */
  rulebookOn(date: LocalDate): Rulebook;
  /** The working calendar of the rulebook in force on a local date. */
  calendarOn(date: LocalDate): WorkingCalendar;
}

interface VersionsEntry {
  readonly versions: readonly StoredRulebook[];
  readonly calendars: Map<number, WorkingCalendar>;
}

const byEffectiveDate = (a: StoredRulebook, b: StoredRulebook) =>
  a.effectiveFrom === b.effectiveFrom ? a.version - b.version : a.effectiveFrom < b.effectiveFrom ? -1 : 1;

/**
 * Loads the organisation's records on every call (they change: people move, heads change) but
 * keeps the rulebook versions, which never change once recorded, until a new one is added.
 */
export class OrgContextLoader {
  private readonly cache = new Map<string, VersionsEntry>();

  constructor(private readonly organisations: OrganisationRepository) {}

  private async versionsOf(orgId: string, latest: number): Promise<VersionsEntry> {
    const key = `${orgId}@${latest}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const versions = (await this.organisations.listRulebookVersions(orgId)).sort(byEffectiveDate);
      if (versions.length === 0) throw new NotFoundError(`Organisation ${orgId} has no rulebook.`);
      entry = { versions, calendars: new Map() };
      this.cache.set(key, entry);
    }
    return entry;
  }

  async load(orgId: string, at?: Date): Promise<OrgContext> {
    const snapshot = await this.organisations.getOrganisation(orgId);
    if (!snapshot) throw new NotFoundError(`Organisation ${orgId} has not been set up.`);
    const { versions, calendars } = await this.versionsOf(orgId, snapshot.organisation.rulebookVersion);
    const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    const versionOn = (date: LocalDate) =>
      [...versions].reverse().find((v) => v.effectiveFrom <= date) ?? versions[0]!;
    const calendarOfVersion = (v: StoredRulebook) => {
      let calendar = calendars.get(v.version);
      if (!calendar) calendars.set(v.version, (calendar = calendarOf(v.rulebook)));
      return calendar;
    };
    const current = at ? versionOn(toLocalDate(at, newest.rulebook.organisation.timeZone)) : newest;
    const rulebook = current.rulebook;
    const goLiveOn = snapshot.organisation.goLiveOn;
    return {
      orgId,
      snapshot,
      rulebook,
      calendar: calendarOfVersion(current),
      authority: new Authority({ units: snapshot.units, staff: snapshot.staff, leaders: rulebook.leaders }),
      dueRules: {
        dueTime: rulebook.settings.assignmentDueTime,
        dueSoonWorkingDays: rulebook.settings.dueSoonWorkingDays,
        timeZone: rulebook.organisation.timeZone,
      },
      goLiveOn,
      obligationOrg: { units: snapshot.units, staff: snapshot.staff, ...(goLiveOn ? { goLiveOn } : {}) },
      versions,
      rulebookOn: (date) => versionOn(date).rulebook,
      calendarOn: (date) => calendarOfVersion(versionOn(date)),
    };
  }
}
