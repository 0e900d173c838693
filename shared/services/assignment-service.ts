/**
 * Assignments (giao việc; A1–A4): giving work, its course to acceptance, extensions of the due date,
 * and reading it. The routes and the features that make work (meetings, documents, reception) call
 * this one face; the assignments feature builds its parts (shared/features/assignments.ts).
 */
import type { Assignment, AssignmentSource, Confidentiality, Priority, Timeliness } from '../domain/assignment.js';
import type { LocalDate } from '../domain/local-time.js';
import type { LabelledItem } from '../store/transact.js';
import { auditVisibility } from './audit-service.js';
import type { FileRef } from '../domain/files.js';
import type { RecordRef } from '../store/file-repository.js';
import type { Actor } from './organisation-service.js';
import { AssignmentCore } from './assignments/core.js';
import { AssignmentCreation } from './assignments/creation.js';
import { AssignmentProgress } from './assignments/progress.js';
import { AssignmentExtensions } from './assignments/extensions.js';
import { AssignmentQueries } from './assignments/queries.js';

export interface CreateAssignmentInput {
  title: string;
  description?: string;
  assigneeId?: string;
  unitId?: string;
  coordinatorIds?: string[];
  dueDate: LocalDate;
  priority?: Priority;
  source?: AssignmentSource;
  confidentiality?: Confidentiality;
  fieldId?: string;
}

export interface AssignmentView extends Assignment {
  /** Where it stands now: within-deadline, due-soon, overdue; on-time, on-time-after-extension, late; cancelled. */
  timeliness: Timeliness;
  /** The instant the due date in force ends. */
  dueAt: string;
  completedOnTime?: boolean;
  /** Completed work: true until the assigner accepts it (nghiệm thu). */
  awaitingAcceptance?: boolean;
}

/** One row of "Việc của tôi": the work, where it stands today and how far any escalation went (A6). */
export interface MyWorkItem {
  readonly assignment: AssignmentView;
  /** Why it is on the person's list. */
  readonly role: 'responsible' | 'coordinator';
  /** Days overdue, counted as the rulebook counts them for A6 (working or calendar days); 0 when not overdue. */
  readonly daysOverdue: number;
  /** The last A6 escalation step reached (nhắc nhở, phê bình, kiểm điểm), if any. */
  readonly escalation?: { readonly level: string; readonly name: { readonly vi: string; readonly en: string } };
  readonly pendingExtension?: AssignmentView['extensionRequests'][number];
}

export interface MyWork {
  readonly overdue: MyWorkItem[];
  readonly dueSoon: MyWorkItem[];
  readonly withinDeadline: MyWorkItem[];
  /** Completed by the person, awaiting the assigner's acceptance. */
  readonly awaitingAcceptance: MyWorkItem[];
  readonly counting: 'working' | 'calendar';
}

export interface ListFilters {
  assigneeId?: string;
  unitId?: string;
  status?: Assignment['status'];
  overdue?: boolean;
  dueBefore?: LocalDate;
  dueAfter?: LocalDate;
  sourceKind?: AssignmentSource['kind'];
  limit: number;
  cursor?: string;
}

/** Takes the caller's pending uploads for a record (FileService.claim); ids in `kept` the record already keeps are skipped. */
export type FileClaim = (actor: Actor, ids: readonly string[], record: RecordRef, now: Date, kept?: readonly string[]) => Promise<{ files: FileRef[]; items: LabelledItem[] }>;

/** One face over the parts of the assignment service, with the audit visibility of assignments and delegations. */
export class AssignmentService {
  private readonly creation: AssignmentCreation;
  private readonly course: AssignmentProgress;
  private readonly extensions: AssignmentExtensions;
  private readonly queries: AssignmentQueries;

  constructor(private readonly core: AssignmentCore, parts: { creation: AssignmentCreation; course: AssignmentProgress; extensions: AssignmentExtensions; queries: AssignmentQueries }) {
    this.creation = parts.creation;
    this.course = parts.course;
    this.extensions = parts.extensions;
    this.queries = parts.queries;
  }

  // AssignmentCore (assignments/core.ts)
  view(...args: Parameters<AssignmentCore['view']>) {
    return this.core.view(...args);
  }

  // AssignmentCreation (assignments/creation.ts)
  prepareCreate(...args: Parameters<AssignmentCreation['prepareCreate']>) {
    return this.creation.prepareCreate(...args);
  }
  createItems(...args: Parameters<AssignmentCreation['createItems']>) {
    return this.creation.createItems(...args);
  }
  create(...args: Parameters<AssignmentCreation['create']>) {
    return this.creation.create(...args);
  }
  assignable(...args: Parameters<AssignmentCreation['assignable']>) {
    return this.creation.assignable(...args);
  }

  // AssignmentProgress (assignments/progress.ts)
  progress(...args: Parameters<AssignmentProgress['progress']>) {
    return this.course.progress(...args);
  }
  complete(...args: Parameters<AssignmentProgress['complete']>) {
    return this.course.complete(...args);
  }
  returnForRework(...args: Parameters<AssignmentProgress['returnForRework']>) {
    return this.course.returnForRework(...args);
  }
  accept(...args: Parameters<AssignmentProgress['accept']>) {
    return this.course.accept(...args);
  }
  cancel(...args: Parameters<AssignmentProgress['cancel']>) {
    return this.course.cancel(...args);
  }
  handOverOpenWork(...args: Parameters<AssignmentProgress['handOverOpenWork']>) {
    return this.course.handOverOpenWork(...args);
  }

  // AssignmentExtensions (assignments/extensions.ts)
  requestExtension(...args: Parameters<AssignmentExtensions['requestExtension']>) {
    return this.extensions.requestExtension(...args);
  }
  withdrawExtension(...args: Parameters<AssignmentExtensions['withdrawExtension']>) {
    return this.extensions.withdrawExtension(...args);
  }
  decideExtension(...args: Parameters<AssignmentExtensions['decideExtension']>) {
    return this.extensions.decideExtension(...args);
  }

  // AssignmentQueries (assignments/queries.ts)
  get(...args: Parameters<AssignmentQueries['get']>) {
    return this.queries.get(...args);
  }
  page(...args: Parameters<AssignmentQueries['page']>) {
    return this.queries.page(...args);
  }
  list(...args: Parameters<AssignmentQueries['list']>) {
    return this.queries.list(...args);
  }
  myWork(...args: Parameters<AssignmentQueries['myWork']>) {
    return this.queries.myWork(...args);
  }

  /** Audit visibility of assignments: whoever may see the assignment. */
  readonly auditVisibility = auditVisibility(['assignment'], async (ctx, actor, entityId) => {
    const a = await this.core.assignments.get(ctx.orgId, entityId);
    return a ? ctx.authority.canView(actor.staffId, a) : undefined;
  });

  /** Audit visibility of delegations: the two parties, and those who see the whole department. */
  readonly delegationAuditVisibility = auditVisibility(['delegation'], async (ctx, actor, entityId) => {
    const d = await this.core.delegations.get(ctx.orgId, entityId);
    if (!d) return undefined;
    return [d.delegatorId, d.delegateId].includes(actor.staffId) || ctx.authority.viewScope(actor.staffId).kind === 'all';
  });
}
