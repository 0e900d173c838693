import type { LocalizedText, Role, UnitKind } from '../rulebook/schema.js';
// Not from schema.ts: that would build the rulebook's zod schema at every cold start.
import { unitHeadRole } from '../rulebook/roles.js';

export type { LocalizedText, Role, UnitKind };

export interface Organisation {
  readonly id: string;
  readonly name: LocalizedText;
  readonly shortName: LocalizedText;
  readonly province: { readonly id: string; readonly name: LocalizedText };
  readonly timeZone: string;
  /**
   * Go-live: the first local day the tracker counts. No obligation, expected meeting or finding
   * is owed for a period that ended before it (YYYY-MM-DD). Absent on organisations seeded before
   * go-live dates existed: they count from their regulation.
   */
  readonly goLiveOn?: string;
}

/** A unit as the records hold it now (seeded from the rulebook, then administered). */
export interface Unit {
  readonly id: string;
  readonly name: LocalizedText;
  readonly kind: UnitKind;
  /** Staff id of the leader who oversees the unit; null for the board. */
  readonly overseenBy: string | null;
}

export interface StaffMember {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  readonly roles: readonly Role[];
  readonly title?: LocalizedText;
  readonly email?: string;
  readonly active: boolean;
}

/** The unit's head is derived from the staff records, so moving a person moves the headship. */
export function headOfUnit(unit: Unit, staff: readonly StaffMember[]): StaffMember | undefined {
  const role = unitHeadRole(unit.kind);
  return staff.find((s) => s.active && s.unitId === unit.id && s.roles.includes(role));
}
