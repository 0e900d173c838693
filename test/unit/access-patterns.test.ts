import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexTableMarkdown } from '../../scripts/lib/index-table.js';
import { KeyTemplate } from '../../shared/store/access-patterns/declare.js';
import { entities } from '../../shared/store/access-patterns/catalogue.js';
import * as keys from '../../shared/store/keys.js';
import { trackerTable } from '../../shared/store/table-definition.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe('access patterns (shared/store/access-patterns)', () => {
  it('docs/data-model-indexes.md is what `npm run docs:indexes` renders', () => {
    expect(read('docs/data-model-indexes.md')).toBe(indexTableMarkdown());
  });

  it('every declared index exists in the table definition', () => {
    const names = new Set(['table', ...trackerTable.globalIndexes.map((i) => i.indexName)]);
    for (const e of entities) for (const p of Object.values(e.patterns) as { name: string; index: string }[]) expect(names, `${e.name}.${p.name}`).toContain(p.index);
  });

  it('no key string is built by hand outside the declarations', () => {
    // A template literal that glues a value to a `#` key segment (`ORG#${…}`, `${…}#…`).
    const handBuilt = /`[^`\n]*([A-Z]{2,}#\$\{|\}#)[^`\n]*`/;
    const offenders = ['shared/store', 'shared/services', 'functions', 'scripts', 'infra']
      .flatMap(sources)
      .filter((f) => !f.startsWith('shared/store/access-patterns/'))
      .flatMap((f) => read(f).split('\n').map((line, i) => [f, i + 1, line] as const))
      .filter(([, , line]) => !/^\s*(\*|\/\/)/.test(line) && handBuilt.test(line))
      .map(([f, n, line]) => `${f}:${n}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('writes the same key strings as the stored items have (existing tables hold them)', () => {
    const o = 'so';
    expect(keys.assignmentKeys({ orgId: o, id: 'a', responsibleId: 'r', unitId: 'u', dueDate: '2026-12-03', originalDueDate: '2026-12-01', state: 'open' })).toEqual({
      PK: 'ORG#so#E#a', SK: '#STATE',
      GSI1PK: 'ORG#so#RESP#r', GSI1SK: 'open#2026-12-03#a',
      GSI2PK: 'ORG#so#UNIT#u#ASG', GSI2SK: 'open#2026-12-03#a',
      GSI3PK: 'ORG#so#ASG#open', GSI3SK: '2026-12-03#a',
      GSI4PK: 'ORG#so#ASGDUE', GSI4SK: '2026-12-03#2026-12-01#u#r',
    });
    expect(keys.assignmentKeys({ orgId: o, id: 'a', responsibleId: 'r', unitId: 'u', dueDate: 'd', originalDueDate: 'd', state: 'closed' })).not.toHaveProperty('GSI4PK');
    expect(keys.leaveRequestKeys({ orgId: o, id: 'l', applicantId: 'p', unitId: 'u', startDate: 's', endDate: 'e', approverId: 'ap', status: 'approved' })).toEqual({
      PK: 'ORG#so#E#l', SK: '#STATE', GSI1PK: 'ORG#so#LEAVE#STAFF#p', GSI1SK: 's#l', GSI2PK: 'ORG#so#UNIT#u#LEAVE', GSI2SK: 'e#l',
      GSI3PK: 'ORG#so#LEAVE#APPROVER#ap', GSI3SK: 'closed#s#l',
    });
    expect(keys.leaveRequestKeys({ orgId: o, id: 'l', applicantId: 'p', unitId: 'u', startDate: 's', endDate: 'e', approverId: null, status: 'pending' })).not.toHaveProperty('GSI3PK');
    expect(keys.meetingKeys({ orgId: o, id: 'm', unitId: 'u', kind: 'k', heldOn: 'h', awaitingUntil: 't' })).toMatchObject({ GSI1PK: 'ORG#so#MTG#UNIT#u#k', GSI2PK: 'ORG#so#MTG', GSI3PK: 'ORG#so#MTG#AWAITING', GSI3SK: 't#m' });
    expect(keys.outgoingKeys({ orgId: o, id: 'd', register: 'general', createdAt: 'c', ownerId: 'w', status: 'draft' })).toEqual({
      PK: 'ORG#so#E#d', SK: '#STATE', GSI1PK: 'ORG#so#OUTDOC#general', GSI1SK: 'c#d', GSI2PK: 'ORG#so#OUTDOC#OWNER#w', GSI2SK: '9#d',
    });
    expect(keys.settlementKeys({ orgId: o, id: 's', dueOn: 'd', settledRecordedOn: 'r' })).toEqual({ PK: 'ORG#so#E#s', SK: '#STATE', GSI3PK: 'ORG#so#STL#settled', GSI3SK: 'r#s' });
    expect(keys.overtimeKeys({ orgId: o, id: 'x', staffId: 's', unitId: 'u', date: '2026-03-04' })).toMatchObject({ GSI3PK: 'ORG#so#OT#2026-03', GSI3SK: '2026-03-04#x' });
    expect(keys.findingReportedKeys({ orgId: o, id: 'f', rule: 'D4', periodStart: 'p' }, 'c')).toEqual({ PK: 'ORG#so#E#f', SK: '#TO#c', GSI1PK: 'ORG#so#FND#TO#c', GSI1SK: 'p#D4#f' });
    expect(keys.proposalKeys({ orgId: o, id: 'p', proposedAt: 't' })).toEqual({ PK: 'ORG#so#E#proposal.p', SK: '#STATE', GSI1PK: 'ORG#so#PROPOSALS', GSI1SK: 't#p' });
    expect([keys.eventSk(12, 'e'), keys.rulebookSk('2026-01-01', 3), keys.conclusionItemSk(7), keys.revisionSk(2), keys.receptionCaseSk(1, 22), keys.visitPreparationSk(4)]).toEqual([
      'EV#00000012#e', 'V#2026-01-01#000003', 'CONCL#007', 'REV#0002', 'CASE#001#022', 'PREP#004',
    ]);
    expect([keys.idempotencyPk(o, 'sc', 'k'), keys.counterPk(o, '2026-12'), keys.personCounterSk('u', 's'), keys.documentAccessPk(o, { unitId: 'u' }), keys.notificationSk('n')]).toEqual([
      'ORG#so#IDEM#sc#k', 'ORG#so#CNT#2026-12', 'UNIT#u#STAFF#s', 'ORG#so#DOCACCESS#UNIT#u', 'N#n',
    ]);
  });

  it('builds range bounds and prefixes from a template, and reads a key back', () => {
    const t = new KeyTemplate('{state}#{dueDate}#{id}');
    expect(t.start({ state: 'open', dueDate: '2026-12-01' })).toBe('open#2026-12-01');
    expect(t.prefix({ state: 'open' })).toBe('open#');
    expect(t.through({ state: 'open', dueDate: '2026-12-31' })).toBe('open#2026-12-31#~');
    expect(new KeyTemplate('UNIT#{unitId}#STAFF#{staffId}').prefix({})).toBe('UNIT#');
    expect(keys.counterSkPrefix({ unitId: 'it' })).toBe('UNIT#it#STAFF#');
    const open = { dueDate: '2026-12-03', originalDueDate: '2026-12-01', unitId: 'u', staffId: 's', id: 'a' };
    expect(keys.parseOpenWorkEntry({ PK: 'ORG#so#E#a', SK: '#STATE', GSI4SK: '2026-12-03#2026-12-01#u#s' })).toEqual(open);
    // An entry written while the index key still ended in the id reads the same.
    expect(keys.parseOpenWorkEntry({ PK: 'ORG#so#E#a', SK: '#STATE', GSI4SK: '2026-12-03#2026-12-01#u#s#a' })).toEqual(open);
    expect(keys.parseOpenWorkEntry({ PK: 'ORG#so#E#a', GSI4SK: '2026-12-03#2026-12-01#u' })).toBeUndefined();
    expect(keys.parseOpenWorkEntry({ PK: 'ORG#so#STAFF', GSI4SK: '2026-12-03#2026-12-01#u#s' })).toBeUndefined();
    expect(() => t.build({ state: 'open', dueDate: undefined as never, id: 'a' })).toThrow(/no value for dueDate/);
  });
});
