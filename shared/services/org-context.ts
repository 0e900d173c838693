import type { WorkingCalendar } from '../domain/calendar.js';
import type { DueRules } from '../domain/assignment.js';
import { Authority } from '../domain/authority.js';
import { NotFoundError } from '../domain/errors.js';
import { toLocalDate, type LocalDate } from '../domain/local-time.js';
import { calendarOf } from '../domain/working-calendar-of.js';
import type { OrgSnapshot } from '../domain/obligations.js';
import type { Rulebook } from '../rulebook/schema.js';
import type { OrganisationRepository, OrganisationSnapshot, StoredRulebook } from '../store/organisation-repository.js';
import { noteRevalidated, revalidatedInRequest, scopeOf, sharedInRequest, type RequestScope } from '../store/org-version.js';

/** Whose organisation: its id (every use reads the version item), or a request's actor (its request's one read counts; org-version.ts). */
export type OrgOf = string | { readonly orgId: string };

export const orgIdOf = (of: OrgOf): string => (typeof of === 'string' ? of : of.orgId);

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

/** A snapshot as this process holds it: the version it was read at, and each context built on it. */
interface SnapshotEntry {
  readonly version: number;
  readonly snapshot: OrganisationSnapshot;
  /** By the rulebook version in force: everything in a context follows from the snapshot and that. */
  readonly contexts: Map<number, OrgContext>;
  /** A cold process's read of the records (no stored copy of this version): the copy is written once the versions are read too. */
  readonly fromRecords?: { readonly earlyVersions: Promise<StoredRulebook[] | undefined>; copied?: boolean };
}

const byEffectiveDate = (a: StoredRulebook, b: StoredRulebook) =>
  a.effectiveFrom === b.effectiveFrom ? a.version - b.version : a.effectiveFrom < b.effectiveFrom ? -1 : 1;

/** The cached snapshot is shared by every request of the process: nothing may change it in place. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The organisation's records (meta, units, staff) are kept per process with the snapshot
 * version they were read at, and revalidated once per request by reading only the version item
 * (shared/store/org-version.ts), which every change to them moves in its own transaction: a
 * change made by any process is seen by the next request. The rulebook versions, which never
 * change once recorded, are kept until a new one is added.
 */
export class OrgContextLoader {
  /** By `<org>@<latest version>`, once read (a read under way is shared within its request alone, so a stuck one holds up no other). */
  private readonly cache = new Map<string, VersionsEntry>();
  private readonly snapshots = new Map<string, SnapshotEntry>();

  constructor(private readonly organisations: OrganisationRepository) {}

  /**
   * The versions up to `latest`. `early`: a list read alongside the snapshot (a cold process),
   * used when it holds `latest` (a version recorded in between is read again).
   */
  private async versionsOf(scope: RequestScope | undefined, orgId: string, latest: number, early?: Promise<StoredRulebook[] | undefined>): Promise<VersionsEntry> {
    const cached = this.cache.get(`${orgId}@${latest}`);
    if (cached) return cached;
    return sharedInRequest(scope, `rulebook-versions:${orgId}@${latest}`, async () => {
      const listed = await early;
      const read = listed?.some((v) => v.version === latest) ? listed : await this.organisations.listRulebookVersions(orgId);
      // Another request may have read them meanwhile: keep the one entry.
      return this.keepVersions(orgId, latest, read);
    });
  }

  /** Whether no rulebook versions of the organisation are held yet (a cold process). */
  private holdsNoVersions(orgId: string): boolean {
    for (const key of this.cache.keys()) if (key.startsWith(`${orgId}@`)) return false;
    return true;
  }

  /**
   * The snapshot as the records are now: one GetItem of the version item per request, a Query only
   * when it moved. A request that answers ahead (a warm GET) gets the snapshot held at once, while
   * the version is read; its answer waits for the read (RequestScope.answeredAhead).
   */
  private async snapshotOf(scope: RequestScope | undefined, orgId: string): Promise<SnapshotEntry> {
    const cached = this.snapshots.get(orgId);
    if (cached && revalidatedInRequest(scope, orgId) === cached.version) return cached;
    // Two uses in one request while the first is reading (a cold start's warm-up, then authentication) share its reads.
    const revalidated = sharedInRequest(scope, `org-snapshot:${orgId}`, () => this.revalidate(scope, orgId, cached), true);
    if (!cached || !scope?.answersAhead) return revalidated;
    scope.answeredAhead(revalidated.then((entry) => entry.version === cached.version));
    return cached;
  }

  private async revalidate(scope: RequestScope | undefined, orgId: string, cached: SnapshotEntry | undefined): Promise<SnapshotEntry> {
    // A cold process reads the version with the stored copy of the snapshot and rulebook versions (org-snapshot-cache.ts).
    const cold = !cached && this.holdsNoVersions(orgId);
    const { version, cached: stored } = cold
      ? await this.organisations.snapshotVersionAndCache(orgId)
      : { version: await this.organisations.snapshotVersion(orgId), cached: undefined };
    if (cached && cached.version === version) {
      noteRevalidated(scope, orgId, version);
      return cached;
    }
    let entry: SnapshotEntry;
    // At the version read with it, and holding the rulebook version its snapshot names (a copy always does).
    if (stored && stored.version === version && stored.versions.some((v) => v.version === stored.snapshot.organisation.rulebookVersion)) {
      this.keepVersions(orgId, stored.snapshot.organisation.rulebookVersion, stored.versions);
      entry = { version, snapshot: deepFreeze(stored.snapshot), contexts: new Map() };
    } else {
      // Listed while the snapshot is read (one round trip fewer); the versions never change once recorded.
      const earlyVersions = cold ? this.organisations.listRulebookVersions(orgId).catch(() => undefined) : undefined;
      // Read after the version, so the records are at least that version: a later change moves it again.
      const snapshot = await this.organisations.getOrganisation(orgId);
      if (!snapshot) {
        this.snapshots.delete(orgId);
        throw new NotFoundError(`Organisation ${orgId} has not been set up.`);
      }
      entry = { version, snapshot: deepFreeze(snapshot), contexts: new Map(), ...(earlyVersions ? { fromRecords: { earlyVersions } } : {}) };
    }
    // A slower request that read an older version never replaces a newer snapshot.
    const now = this.snapshots.get(orgId);
    if (!now || now.version <= version) this.snapshots.set(orgId, entry);
    noteRevalidated(scope, orgId, version);
    return entry;
  }

  /** The versions up to `latest`, as one entry (its calendars are built once), unless they are held already. */
  private keepVersions(orgId: string, latest: number, read: readonly StoredRulebook[]): VersionsEntry {
    const key = `${orgId}@${latest}`;
    const held = this.cache.get(key);
    if (held) return held;
    const versions = [...read].sort(byEffectiveDate);
    if (versions.length === 0) throw new NotFoundError(`Organisation ${orgId} has no rulebook.`);
    const entry = { versions, calendars: new Map() };
    this.cache.set(key, entry);
    return entry;
  }

  /** The organisation's records now (revalidated as `load` does), e.g. to resolve who a token names. */
  async snapshot(of: OrgOf): Promise<OrganisationSnapshot> {
    return (await this.snapshotOf(scopeOf(of), orgIdOf(of))).snapshot;
  }

  async load(of: OrgOf, at?: Date): Promise<OrgContext> {
    const orgId = orgIdOf(of);
    const scope = scopeOf(of);
    const entry = await this.snapshotOf(scope, orgId);
    const { snapshot } = entry;
    const { versions, calendars } = await this.versionsOf(scope, orgId, snapshot.organisation.rulebookVersion, entry.fromRecords?.earlyVersions);
    if (entry.fromRecords && !entry.fromRecords.copied) {
      entry.fromRecords.copied = true;
      // For the next cold process (a warm one never reads it); one not written (too large, a later one there, a
      // failure) only leaves that process reading the records as this one did. A cold API start's prefetch waits for it, not its request.
      await this.organisations.putSnapshotCache(orgId, { version: entry.version, snapshot, versions }).catch(() => false);
    }
    const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    const versionOn = (date: LocalDate) =>
      [...versions].reverse().find((v) => v.effectiveFrom <= date) ?? versions[0]!;
    const current = at ? versionOn(toLocalDate(at, newest.rulebook.organisation.timeZone)) : newest;
    const built = entry.contexts.get(current.version);
    if (built) return built;
    const calendarOfVersion = (v: StoredRulebook) => {
      let calendar = calendars.get(v.version);
      if (!calendar) calendars.set(v.version, (calendar = calendarOf(v.rulebook)));
      return calendar;
    };
    const rulebook = current.rulebook;
    const goLiveOn = snapshot.organisation.goLiveOn;
    const context: OrgContext = {
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
    entry.contexts.set(current.version, context);
    return context;
  }
}
