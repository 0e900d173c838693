import { describe, expect, it } from 'vitest';
import { MalformedItemError, parseAuditEvent } from '../../shared/store/parse-item.js';

const event = { PK: 'ORG#so#E#a', SK: 'EV#00000001#e', entity: 'AuditEvent', id: 'e', orgId: 'so', entityType: 'assignment', entityId: 'a', action: 'created', actorId: 'p', at: '2026-12-03T01:00:00Z', version: 1, data: {} };

describe('items read from the table are parsed per entity', () => {
  it('returns the record without its key attributes', () => {
    expect(parseAuditEvent(event)).toEqual({ id: 'e', orgId: 'so', entityType: 'assignment', entityId: 'a', action: 'created', actorId: 'p', at: '2026-12-03T01:00:00Z', version: 1, data: {} });
  });

  it('names the item and the field of a malformed item', () => {
    expect(() => parseAuditEvent({ ...event, version: '1' })).toThrow(new MalformedItemError('AuditEvent item ORG#so#E#a / EV#00000001#e: version is string, expected number'));
    expect(() => parseAuditEvent({ ...event, entity: 'Assignment' })).toThrow(/entity is Assignment, expected AuditEvent/);
    const { data: _, ...noData } = event;
    expect(() => parseAuditEvent(noData)).toThrow(/data is undefined, expected object/);
  });
});
