/** Incoming and outgoing documents, their registers, access, flags and the e-office outbox. */
import { entity } from './declare.js';

export const IncomingDocumentItem = entity('IncomingDocument', 'an incoming document (D1–D3)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byRegister: { index: 'GSI1', pk: 'ORG#{orgId}#DOCREG#{register}', sk: '{receivedAt}#{id}', note: 'the register (D2), `general` or `confidential`' },
  undistributed: {
    index: 'GSI3',
    pk: 'ORG#{orgId}#DOC#UNDISTRIBUTED',
    sk: '{distributionDueAt}#{id}',
    note: 'only until the first distribution: the D1 sweep',
    sparse: true,
  },
});
export const ExternalDocumentIdItem = entity('ExternalDocumentId', 'an e-office id → its incoming document (one document per id)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#EOFFICE#DOC#{externalId}', sk: '#' },
});
export const DocumentAccessItem = entity('DocumentAccess', 'a document a person (or a unit) answers for work made from', {
  primary: { index: 'table', pk: 'ORG#{orgId}#DOCACCESS#{staffId}', sk: '{register}#{receivedAt}#{documentId}' },
});
export const UnitDocumentAccessItem = entity('UnitDocumentAccess', "a document in a unit's access partition", {
  primary: { index: 'table', pk: 'ORG#{orgId}#DOCACCESS#UNIT#{unitId}', sk: '{register}#{receivedAt}#{documentId}' },
});
export const FlagItem = entity('Flag', 'a flag raised to a person (D3)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#FLAGS#{recipientId}', sk: '{createdAt}#{id}' },
});
export const EofficeDeliveryItem = entity('EofficeDelivery', 'an e-office callback to deliver (outbox)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byState: { index: 'GSI1', pk: 'ORG#{orgId}#EODLV#{state}', sk: '{sortAt}#{id}', note: 'the dispatcher reads `pending` up to now; administrators list `failed`' },
});

export const OutgoingDocumentItem = entity('OutgoingDocument', 'an outgoing document (D4, D5)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byRegister: { index: 'GSI1', pk: 'ORG#{orgId}#OUTDOC#{register}', sk: '{createdAt}#{id}', note: 'the register (D2), newest first' },
  byOwner: { index: 'GSI2', pk: 'ORG#{orgId}#OUTDOC#OWNER#{ownerId}', sk: '{stepDueAt}#{id}', note: 'who takes the next step, until filed', sparse: true },
  open: { index: 'GSI3', pk: 'ORG#{orgId}#OUTDOC#OPEN', sk: '{stepDueAt}#{id}', note: 'until filed, by step due: the D5 sweep', sparse: true },
});
export const OutgoingRegisterItem = entity('OutgoingRegister', "a register's last number of a year (conditional on the value read)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#OUTREG#{register}#{year}', sk: '#' },
});
export const OutgoingRegisterEntryItem = entity('OutgoingRegisterEntry', 'one number of a register (written only if absent: no gap, no duplicate)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#OUTREG#{register}#{year}', sk: 'N#{sequence:6}' },
});
export const ExternalOutgoingIdItem = entity('ExternalOutgoingId', 'an e-office id → its outgoing document', {
  primary: { index: 'table', pk: 'ORG#{orgId}#EOFFICE#OUTDOC#{externalId}', sk: '#' },
});
