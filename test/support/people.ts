import { rulebookForProvince } from '../../shared/rulebook/load.js';
import type { Role } from '../../shared/rulebook/schema.js';

/** The Sơn La demo department, found by role and unit, so tests never hard-code names. */
export const sonLa = rulebookForProvince('son-la')[0]!;

export function person(role: Role, unitId?: string, nth = 0) {
  const found = sonLa.staff.filter((s) => s.roles.includes(role) && (unitId === undefined || s.unitId === unitId))[nth];
  if (!found) throw new Error(`No ${role}${unitId ? ` in ${unitId}` : ''} #${nth} in the Sơn La rulebook`);
  return found;
}

export const unitOverseenBy = (staffId: string) => sonLa.units.filter((u) => u.overseenBy === staffId).map((u) => u.id);
export const deputyDirectors = () => sonLa.staff.filter((s) => s.roles.includes('deputy-director'));
