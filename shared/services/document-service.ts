/**
 * Incoming e-office documents (issue #7; D1–D3): registered by the e-office's signed push, distributed
 * as assignments, read within the lines of authority. The parts are in documents/; the documents
 * feature builds them (shared/features/documents.ts).
 */
import type { Confidentiality } from '../domain/assignment.js';
import type { DistributionTimeliness, DocumentKind, IncomingDocument, Register } from '../domain/document.js';
import type { LocalDate } from '../domain/local-time.js';
import { auditVisibility } from './audit-service.js';
import type { RemoteFileSource } from './file-service.js';
import { DocumentCore } from './documents/core.js';
import { DocumentRegistration } from './documents/registration.js';
import { DocumentDistribution } from './documents/distribution.js';
import { DocumentReading } from './documents/reading.js';
export { DEFAULT_HANDLING_WORKING_DAYS, EOFFICE_ACTOR, WEBHOOK_SCOPE } from './documents/core.js';

/** A file of an incoming document: an upload the e-office made itself (POST …/eoffice/uploads), or a URL the server fetches. */
export type DocumentFileInput = { readonly uploadId: string } | RemoteFileSource;

/** An e-office call that passed its signature check: its `webhook-id` is the idempotency key. */
export interface WebhookCall {
  readonly webhookId: string;
  /** sha256 of the path and the raw body: the same id with another body is refused (422). */
  readonly requestHash: string;
}

export interface RegisterDocumentInput {
  externalId: string;
  number?: string;
  title: string;
  issuer: string;
  receivedAt: Date;
  confidentiality: Confidentiality;
  kind: DocumentKind;
  files?: readonly DocumentFileInput[];
}

export interface DistributeInput {
  /** Staff ids (a person answers) or unit ids (the unit's head answers). */
  assigneeIds: string[];
  distributedAt: Date;
  dueDate?: LocalDate;
}

export interface DocumentView extends Omit<IncomingDocument, 'orgId'> {
  /** D1 now: pending, overdue (not distributed in time), on-time, late. */
  distributionTimeliness: DistributionTimeliness;
}

export interface DocumentListFilters {
  register: Register;
  receivedFrom?: LocalDate;
  receivedTo?: LocalDate;
  limit: number;
  cursor?: string;
}

export interface WebhookResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** One face over the parts of the incoming documents, with their audit visibility (D2). */
export class DocumentService {
  private readonly registration: DocumentRegistration;
  private readonly distribution: DocumentDistribution;
  private readonly reading: DocumentReading;

  constructor(private readonly core: DocumentCore, parts: { registration: DocumentRegistration; distribution: DocumentDistribution; reading: DocumentReading }) {
    this.registration = parts.registration;
    this.distribution = parts.distribution;
    this.reading = parts.reading;
  }

  // DocumentCore (documents/core.ts)
  access(...args: Parameters<DocumentCore['access']>) {
    return this.core.access(...args);
  }
  view(...args: Parameters<DocumentCore['view']>) {
    return this.core.view(...args);
  }

  // DocumentRegistration (documents/registration.ts)
  register(...args: Parameters<DocumentRegistration['register']>) {
    return this.registration.register(...args);
  }

  // DocumentDistribution (documents/distribution.ts)
  distribute(...args: Parameters<DocumentDistribution['distribute']>) {
    return this.distribution.distribute(...args);
  }

  // DocumentReading (documents/reading.ts)
  list(...args: Parameters<DocumentReading['list']>) {
    return this.reading.list(...args);
  }
  get(...args: Parameters<DocumentReading['get']>) {
    return this.reading.get(...args);
  }
  flags(...args: Parameters<DocumentReading['flags']>) {
    return this.reading.flags(...args);
  }
  undistributedPastDue(...args: Parameters<DocumentReading['undistributedPastDue']>) {
    return this.reading.undistributedPastDue(...args);
  }

  /** Audit visibility of documents: whoever may see the document (D2). */
  readonly auditVisibility = auditVisibility(['document'], async (ctx, actor, entityId) => {
    const doc = await this.core.documents.get(ctx.orgId, entityId);
    return doc ? this.core.access(ctx).canView(actor.staffId, doc) : undefined;
  });
}
