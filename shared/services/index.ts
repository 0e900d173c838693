import type { TableContext } from '../store/client.js';
import { AssignmentRepository } from '../store/assignment-repository.js';
import { AuditRepository } from '../store/audit-repository.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { OrganisationRepository } from '../store/organisation-repository.js';
import { AssignmentService } from './assignment-service.js';
import { AuditService } from './audit-service.js';
import { DelegationService } from './delegation-service.js';
import { OrgContextLoader } from './org-context.js';
import { OrganisationService } from './organisation-service.js';

/** Every use case, wired to one table. Built once per process (Lambda cold start, local server, test). */
export function buildServices(table: TableContext, defaultOrgId: string) {
  const organisationRepository = new OrganisationRepository(table);
  const contexts = new OrgContextLoader(organisationRepository);
  const assignmentRepository = new AssignmentRepository(table);
  const delegationRepository = new DelegationRepository(table);
  const idempotency = new IdempotencyRepository(table);
  const assignments = new AssignmentService(contexts, assignmentRepository, delegationRepository, idempotency);
  const audit = new AuditService(contexts, new AuditRepository(table), [
    assignments.auditVisibility,
    assignments.delegationAuditVisibility,
  ]);
  return {
    organisations: new OrganisationService(organisationRepository, defaultOrgId),
    assignments,
    delegations: new DelegationService(contexts, delegationRepository),
    audit,
  };
}

export type Services = ReturnType<typeof buildServices>;
