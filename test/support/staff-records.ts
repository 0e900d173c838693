import type { OrganisationRepository, StaffRecord } from '../../shared/store/organisation-repository.js';

/**
 * Changes staff records straight in the table, as another process would, bypassing every app's
 * snapshot: one transaction, each record put over the version it was read at, which moves the
 * organisation's version item.
 */
export async function changeStaffInRecords(
  repository: OrganisationRepository,
  orgId: string,
  changes: Readonly<Record<string, Partial<Omit<StaffRecord, 'id' | 'version'>>>>,
): Promise<void> {
  const staff = (await repository.getOrganisation(orgId))!.staff;
  const puts = Object.entries(changes).map(([id, change]) => {
    const current = staff.find((s) => s.id === id)!;
    return repository.staffPut(orgId, { ...current, ...change, version: current.version + 1 }, current.version);
  });
  await repository.write(puts, []);
}
