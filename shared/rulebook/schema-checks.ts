/** Cross-field checks of a rulebook (run even when the shape has errors). Internal to `schema.ts`. */
import { BOARD_ROLES, HEAD_ROLE, ROLE_UNIT_KINDS, type Role, type UnitKind } from './schema-organisation.js';
import { isValidIsoDate } from './schema-scalars.js';
import { ESCALATION_ORDER, type EscalationLevel } from './schema-settings.js';

// The data may be malformed here (`rulebookSchema` runs these checks even when the shape has
// errors), so every access is defensive; a shape error already has its own issue.

type Path = (string | number)[];
interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path: Path }): void;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asStrArr = (v: unknown): string[] => asArr(v).filter((x): x is string => typeof x === 'string');

function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function checkRulebook(input: unknown, ctx: IssueSink): void {
  const data = asObj(input);
  if (!data) return;
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', message, path });

  /** Unique ids within `key`; returns id -> index of the first holder. */
  const uniqueIds = (key: string, idKey = 'id'): Map<string, number> => {
    const seen = new Map<string, number>();
    asArr(data[key]).forEach((item, i) => {
      const id = asStr(asObj(item)?.[idKey]);
      if (id === undefined) return;
      const first = seen.get(id);
      if (first !== undefined) issue([key, i, idKey], `duplicate id '${id}' (also ${key}[${first}])`);
      else seen.set(id, i);
    });
    return seen;
  };

  const unitIndex = uniqueIds('units');
  uniqueIds('rules');
  const staffIndex = uniqueIds('staff');
  const fieldIndex = uniqueIds('fields');
  const districtIndex = uniqueIds('districts');

  const units = asArr(data.units).map(asObj);
  const staff = asArr(data.staff).map(asObj);
  const unitKindById = new Map<string, string>();
  units.forEach((u) => {
    const id = asStr(u?.id);
    const kind = asStr(u?.kind);
    if (id !== undefined && kind !== undefined && !unitKindById.has(id)) unitKindById.set(id, kind);
  });
  const staffById = new Map<string, Obj>();
  staff.forEach((s) => {
    const id = asStr(s?.id);
    if (s && id !== undefined && !staffById.has(id)) staffById.set(id, s);
  });
  const hasRole = (s: Obj | undefined, roles: readonly string[]) => asStrArr(s?.roles).some((r) => roles.includes(r));

  // Obligation ids share one namespace: the API names them by id alone.
  const obligationSeen = new Map<string, string>();
  for (const key of ['reportObligations', 'meetingObligations']) {
    asArr(data[key]).forEach((item, i) => {
      const id = asStr(asObj(item)?.id);
      if (id === undefined) return;
      const first = obligationSeen.get(id);
      if (first !== undefined) issue([key, i, 'id'], `duplicate obligation id '${id}' (also ${first})`);
      else obligationSeen.set(id, `${key}[${i}]`);
    });
  }
  // A5: an approval that needs the board names a report obligation of the rulebook.
  asArr(asObj(data.collectiveDecisions)?.approvals).forEach((a, i) => {
    const id = asStr(asObj(a)?.obligationId);
    if (id !== undefined && !asArr(data.reportObligations).some((o) => asStr(asObj(o)?.id) === id)) {
      issue(['collectiveDecisions', 'approvals', i, 'obligationId'], `no report obligation '${id}'`);
    }
  });

  // Staff: unit exists, emails unique, leadership roles only in units of the matching kind.
  const emails = new Map<string, number>();
  staff.forEach((s, i) => {
    if (!s) return;
    const unitId = asStr(s.unitId);
    const kind = unitId === undefined ? undefined : unitKindById.get(unitId);
    if (unitId !== undefined && !unitIndex.has(unitId)) issue(['staff', i, 'unitId'], `unknown unit '${unitId}'`);
    const email = asStr(s.email)?.toLowerCase();
    if (email !== undefined) {
      const first = emails.get(email);
      if (first !== undefined) issue(['staff', i, 'email'], `duplicate email (also staff[${first}])`);
      else emails.set(email, i);
    }
    const roles = asArr(s.roles);
    const roleSeen = new Set<unknown>();
    roles.forEach((r, j) => {
      if (roleSeen.has(r)) issue(['staff', i, 'roles', j], `duplicate role '${String(r)}'`);
      roleSeen.add(r);
      const allowed = typeof r === 'string' ? ROLE_UNIT_KINDS[r as Role] : undefined;
      if (allowed && kind !== undefined && !allowed.includes(kind as UnitKind)) {
        issue(['staff', i, 'roles', j], `role '${r}' belongs in a unit of kind ${allowed.join(' or ')}, not '${kind}'`);
      }
    });
    if (kind === 'board' && !hasRole(s, BOARD_ROLES)) {
      issue(['staff', i, 'roles'], 'staff of the board must be the director or a deputy director');
    }
  });

  const directors = staff.flatMap((s, i) => (hasRole(s, ['director']) ? [i] : []));
  if (directors.length !== 1) {
    issue(['staff'], `exactly one staff member must hold the role 'director' (found ${directors.length})`);
  }

  // Units: one board; the board has no overseer, every other unit exactly one leader;
  // exactly one holder of the unit's head role.
  const boards = units.flatMap((u, i) => (asStr(u?.kind) === 'board' ? [i] : []));
  if (boards.length !== 1) issue(['units'], `exactly one unit must be of kind 'board' (found ${boards.length})`);
  units.forEach((u, i) => {
    if (!u) return;
    const id = asStr(u.id);
    const kind = asStr(u.kind) as UnitKind | undefined;
    const overseenBy = u.overseenBy;
    if (kind === 'board') {
      if (overseenBy !== null && overseenBy !== undefined) issue(['units', i, 'overseenBy'], 'the board is overseen by no one: use null');
    } else if (kind !== undefined && overseenBy === null) {
      issue(['units', i, 'overseenBy'], 'every unit but the board is overseen by one leader');
    } else if (typeof overseenBy === 'string') {
      const leader = staffById.get(overseenBy);
      if (!leader) issue(['units', i, 'overseenBy'], `unknown staff member '${overseenBy}'`);
      else if (!hasRole(leader, BOARD_ROLES)) {
        issue(['units', i, 'overseenBy'], `'${overseenBy}' is neither the director nor a deputy director`);
      }
    }
    if (id === undefined || kind === undefined || !(kind in HEAD_ROLE)) return;
    const headRole = HEAD_ROLE[kind];
    const heads = staff.filter((s) => asStr(s?.unitId) === id && hasRole(s, [headRole]));
    if (heads.length !== 1) {
      issue(['units', i], `unit '${id}' must have exactly one staff member with role '${headRole}' (found ${heads.length})`);
    }
  });

  // Leaders: one entry per board member; fields and districts exist and belong to one portfolio.
  const leaderSeen = new Map<string, number>();
  const fieldOwner = new Map<string, string>();
  const districtOwner = new Map<string, string>();
  let mainHolders = 0;
  asArr(data.leaders).forEach((item, i) => {
    const l = asObj(item);
    if (!l) return;
    const staffId = asStr(l.staffId);
    const person = staffId === undefined ? undefined : staffById.get(staffId);
    if (staffId !== undefined) {
      if (!person) issue(['leaders', i, 'staffId'], `unknown staff member '${staffId}'`);
      else if (!hasRole(person, BOARD_ROLES)) {
        issue(['leaders', i, 'staffId'], `'${staffId}' is neither the director nor a deputy director`);
      }
      const first = leaderSeen.get(staffId);
      if (first !== undefined) issue(['leaders', i, 'staffId'], `duplicate leader '${staffId}' (also leaders[${first}])`);
      else leaderSeen.set(staffId, i);
    }
    const portfolio = (key: 'fields' | 'districts', index: Map<string, number>, owner: Map<string, string>) =>
      asArr(l[key]).forEach((ref, j) => {
        if (typeof ref !== 'string') return;
        if (!index.has(ref)) return issue(['leaders', i, key, j], `unknown ${key === 'fields' ? 'field' : 'district'} '${ref}'`);
        const first = owner.get(ref);
        if (first !== undefined) issue(['leaders', i, key, j], `'${ref}' is already in the portfolio of ${first}`);
        else owner.set(ref, staffId ?? `leaders[${i}]`);
      });
    portfolio('fields', fieldIndex, fieldOwner);
    portfolio('districts', districtIndex, districtOwner);
    const isDirector = hasRole(person, ['director']);
    if (l.standsInForDirector === true && person && isDirector) {
      issue(['leaders', i, 'standsInForDirector'], 'only a deputy director stands in for the director');
    }
    if (l.accountHolder === 'main') {
      mainHolders += 1;
      if (person && !isDirector) issue(['leaders', i, 'accountHolder'], 'the main account holder is the director');
      if (mainHolders > 1) issue(['leaders', i, 'accountHolder'], 'only one main account holder');
    }
    if (l.accountHolder === 'second-when-authorised' && person && isDirector) {
      issue(['leaders', i, 'accountHolder'], 'the director is the main account holder');
    }
  });
  staff.forEach((s, i) => {
    const id = asStr(s?.id);
    if (id !== undefined && hasRole(s, BOARD_ROLES) && !leaderSeen.has(id)) {
      issue(['staff', i, 'roles'], `'${id}' leads the department but has no entry in leaders (their portfolio)`);
    }
  });

  checkCalendar(asObj(data.calendar), issue);

  // Obligations: selectors name existing units; deadline kinds fit their cadence.
  const checkSelector = (sel: unknown, path: Path) =>
    asArr(asObj(sel)?.unitIds).forEach((ref, j) => {
      if (typeof ref === 'string' && !unitIndex.has(ref)) issue([...path, 'unitIds', j], `unknown unit '${ref}'`);
    });
  asArr(data.reportObligations).forEach((item, i) => {
    const o = asObj(item);
    if (!o) return;
    const path: Path = ['reportObligations', i];
    checkSelector(o.from, [...path, 'from']);
    const cadences = asObj(o.cadences);
    const cadenceCount = cadences ? Object.keys(cadences).length : 0;
    if (cadenceCount === 0 && o.events === undefined) {
      issue(path, 'an obligation needs at least one cadence or event');
    }
    for (const [cadence, rule] of Object.entries(cadences ?? {})) {
      const kind = asStr(asObj(asObj(rule)?.deadline)?.kind);
      if (kind === 'weekday-in-period' && cadence !== 'week') {
        issue([...path, 'cadences', cadence, 'deadline', 'kind'], "'weekday-in-period' is for weekly cadences only");
      }
      if (kind === 'day-of-month' && cadence === 'week') {
        issue([...path, 'cadences', cadence, 'deadline', 'kind'], "'day-of-month' does not fit a weekly cadence");
      }
      if (kind === 'day-of-month' && asObj(asObj(rule)?.deadline)?.month !== undefined && cadence !== 'year') {
        issue([...path, 'cadences', cadence, 'deadline', 'month'], "a month of the year fits a yearly cadence only");
      }
    }
  });
  asArr(data.meetingObligations).forEach((item, i) => {
    const m = asObj(item);
    if (!m) return;
    const path: Path = ['meetingObligations', i];
    checkSelector(m.participants, [...path, 'participants']);
    if (m.scope === 'unit' && m.unitKinds === undefined) issue([...path, 'unitKinds'], 'a unit meeting names the unit kinds that hold it');
    if (m.scope === 'department' && m.unitKinds !== undefined) issue([...path, 'unitKinds'], 'only unit meetings take unitKinds');
  });

  const finance = asObj(data.finance);
  for (const key of ['incomeExpenseReport', 'cashReport', 'payroll', 'settlement']) {
    const f = asObj(finance?.[key]);
    checkSelector(f?.from, ['finance', key, 'from']);
    if (key === 'incomeExpenseReport' || key === 'cashReport' || key === 'payroll') {
      if (asStr(asObj(f?.deadline)?.kind) === 'weekday-in-period') {
        issue(['finance', key, 'deadline', 'kind'], "'weekday-in-period' is for weekly cadences; this rule is monthly");
      }
    }
  }

  const documents = asObj(data.documents);
  const distribution = asObj(documents?.distribution);
  checkSelector(distribution?.registeredBy, ['documents', 'distribution', 'registeredBy']);
  const distributorId = asStr(distribution?.distributorId);
  if (distributorId !== undefined) {
    const person = staffById.get(distributorId);
    if (!person) issue(['documents', 'distribution', 'distributorId'], `unknown staff member '${distributorId}'`);
    else if (!hasRole(person, BOARD_ROLES)) {
      issue(['documents', 'distribution', 'distributorId'], `'${distributorId}' is neither the director nor a deputy director`);
    }
  }
  const levelSeen = new Set<string>();
  asArr(asObj(documents?.confidentialLevels)?.levels).forEach((lvl, i) => {
    const id = asStr(asObj(lvl)?.id);
    if (id === undefined) return;
    if (levelSeen.has(id)) issue(['documents', 'confidentialLevels', 'levels', i, 'id'], `duplicate level '${id}'`);
    levelSeen.add(id);
  });

  const approval = asObj(asObj(data.leave)?.approval);
  const thresholds = asArr(approval?.thresholds).map(asObj);
  let previous = 0;
  thresholds.forEach((t, i) => {
    const path: Path = ['leave', 'approval', 'thresholds', i, 'upToDays'];
    const upTo = t?.upToDays;
    const last = i === thresholds.length - 1;
    if (upTo === null && !last) issue(path, 'only the last threshold may be open-ended (null)');
    if (upTo === null || typeof upTo !== 'number') return;
    if (upTo <= previous) issue(path, 'thresholds must grow');
    if (last) issue(path, 'the last threshold must be open-ended (null) so every leave has an approver');
    previous = upTo;
  });
  const years = asArr(asObj(asObj(data.leave)?.carryOver)?.carryOverYears);
  if (new Set(years).size !== years.length) issue(['leave', 'carryOver', 'carryOverYears'], 'duplicate number of years');

  const escalation = asArr(asObj(data.settings)?.overdueEscalation).map(asObj);
  let prevDays = 0;
  let prevLevel = -1;
  escalation.forEach((e, i) => {
    const days = e?.afterDaysOverdue;
    const level = ESCALATION_ORDER.indexOf(e?.level as EscalationLevel);
    if (typeof days === 'number' && days <= prevDays) {
      issue(['settings', 'overdueEscalation', i, 'afterDaysOverdue'], 'escalation steps must come later and later');
    }
    if (level !== -1 && level <= prevLevel) {
      issue(['settings', 'overdueEscalation', i, 'level'], 'levels go reminder, criticism, review, each at most once');
    }
    if (typeof days === 'number') prevDays = days;
    if (level !== -1) prevLevel = level;
  });

  const issuedOn = asStr(asObj(data.regulation)?.issuedOn);
  const effectiveFrom = asStr(data.effectiveFrom);
  if (issuedOn && effectiveFrom && isValidIsoDate(issuedOn) && isValidIsoDate(effectiveFrom) && effectiveFrom < issuedOn) {
    issue(['effectiveFrom'], 'a regulation cannot take effect before it is issued');
  }
}

function checkCalendar(calendar: Obj | undefined, issue: (path: Path, message: string) => void): void {
  if (!calendar) return;
  const weekend = asArr(calendar.weekendDays);
  if (new Set(weekend).size !== weekend.length) issue(['calendar', 'weekendDays'], 'duplicate weekday');
  const isWeekend = (date: string) => weekend.includes(isoWeekday(date));
  const holidays = new Map<string, number>();
  asArr(calendar.holidays).forEach((h, i) => {
    const date = asStr(asObj(h)?.date);
    if (date === undefined || !isValidIsoDate(date)) return;
    if (holidays.has(date)) issue(['calendar', 'holidays', i, 'date'], `duplicate holiday ${date} (also calendar.holidays[${holidays.get(date)}])`);
    else holidays.set(date, i);
  });
  const years = new Set<unknown>();
  asArr(calendar.years).forEach((y, i) => {
    const year = asObj(y)?.year;
    if (years.has(year)) issue(['calendar', 'years', i, 'year'], `year ${String(year)} is listed twice`);
    years.add(year);
  });
  // A swap's day off (`replaces`) must be a weekday; when it falls in another year (a swap announced
  // across the new year), that year's calendar is loaded from its own entry, so the day must be
  // listed there among the holidays, or that year would count it as a working day.
  const yearEntries = asArr(calendar.years).map((y) => asObj(y));
  yearEntries.forEach((y, i) => {
    const year = y?.year;
    asArr(y?.workingWeekendDays).forEach((w, j) => {
      const o = asObj(w);
      const path: Path = ['calendar', 'years', i, 'workingWeekendDays', j];
      const date = asStr(o?.date);
      if (date !== undefined && isValidIsoDate(date) && !isWeekend(date)) issue([...path, 'date'], `${date} is not a weekend day`);
      const replaces = asStr(o?.replaces);
      if (replaces === undefined || !isValidIsoDate(replaces) || typeof year !== 'number') return;
      if (isWeekend(replaces)) {
        issue([...path, 'replaces'], `${replaces} is a weekend day already`);
        return;
      }
      const replacedYear = Number(replaces.slice(0, 4));
      if (Math.abs(replacedYear - year) > 1) {
        issue([...path, 'replaces'], `${replaces} is not in ${year} or a year next to it`);
        return;
      }
      if (replacedYear === year) return;
      const k = yearEntries.findIndex((e) => e?.year === replacedYear);
      const listed = k >= 0 && asArr(yearEntries[k]?.holidays).some((h) => asStr(asObj(h)?.date) === replaces);
      if (!listed) {
        issue(
          [...path, 'replaces'],
          k >= 0
            ? `${replaces} is in ${replacedYear}: list it among calendar.years[${k}].holidays, the day off this swap gives`
            : `${replaces} is in ${replacedYear}: add calendar.years for ${replacedYear} with ${replaces} among its holidays, the day off this swap gives`,
        );
      }
    });
  });
  const worked = new Set<string>();
  asArr(calendar.workingWeekendDays).forEach((w, i) => {
    const o = asObj(w);
    const date = asStr(o?.date);
    const path: Path = ['calendar', 'workingWeekendDays', i];
    if (date !== undefined && isValidIsoDate(date)) {
      if (worked.has(date)) issue([...path, 'date'], `duplicate working weekend day ${date}`);
      worked.add(date);
      if (!isWeekend(date)) issue([...path, 'date'], `${date} is not a weekend day`);
      if (holidays.has(date)) issue([...path, 'date'], `${date} is also listed as a holiday`);
    }
    const replaces = asStr(o?.replaces);
    if (replaces !== undefined && isValidIsoDate(replaces) && isWeekend(replaces)) {
      issue([...path, 'replaces'], `${replaces} is a weekend day already`);
    }
  });
}
