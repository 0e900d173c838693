import { describe, expect, it } from 'vitest';
import { Authority } from '../../shared/domain/authority.js';
import type { Observation } from '../../shared/domain/compliance/outcome.js';
import { ConflictError, ValidationError } from '../../shared/domain/errors.js';
import {
  canResolveFinding,
  canSeeFinding,
  detectFinding,
  findingCounterPeriods,
  findingId,
  putRightFinding,
  resolveFinding,
} from '../../shared/domain/finding.js';
import { parseInstant } from '../../shared/domain/local-time.js';
import { orgSnapshotOf } from '../../shared/domain/obligations.js';
import { person, sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (s: string) => parseInstant(s)!;
const org = orgSnapshotOf(sonLa);
const authority = new Authority({ units: org.units, staff: org.staff, leaders: sonLa.leaders });
const accountant = person('accountant');
const observation: Observation = {
  identity: ['2026-11'],
  subjectId: accountant.id,
  unitId: 'office',
  period: '2026-11',
  dueAt: at('2026-11-14T23:59:59+07:00'),
  detail: 'The payroll of 2026-11 was not recorded as paid by 2026-11-14.',
  facts: { month: '2026-11' },
};

describe('finding ids', () => {
  it('are the same for the same organisation, rule and identity, and differ otherwise', () => {
    const id = findingId('so-tttt-son-la', 'F2', ['2026-11']);
    expect(id).toMatch(/^F2-[0-9a-f]{24}$/);
    expect(findingId('so-tttt-son-la', 'F2', ['2026-11'])).toBe(id);
    expect(findingId('so-tttt-son-la', 'F2', ['2026-12'])).not.toBe(id);
    expect(findingId('so-tttt-son-la', 'F1', ['2026-11'])).not.toBe(id);
    expect(findingId('so-khac', 'F2', ['2026-11'])).not.toBe(id);
  });
});

describe('the life of a finding', () => {
  const detected = detectFinding({ id: 'F2', article: 'Điều 9.2.4' }, 'so-tttt-son-la', observation, at('2026-11-15T00:05+07:00'), TZ);

  it('is detected at the instant judged, citing its rule and article, counted as detected', () => {
    expect(detected.next).toMatchObject({
      rule: 'F2',
      article: 'Điều 9.2.4',
      key: '2026-11',
      period: '2026-11',
      periodStart: '2026-11-01',
      detectedAt: '2026-11-14T17:05:00.000Z',
      dueAt: '2026-11-14T23:59:59.000+07:00',
      version: 1,
    });
    expect(detected.next.resolvedAt).toBeUndefined();
    expect(detected.delta).toEqual({ detected: 1, detected_F2: 1 });
  });

  it('counts in the week, month and year of its detection, local time', () => {
    expect(findingCounterPeriods(detected.next.detectedAt, TZ)).toEqual(['2026-W46', '2026-11', '2026']);
    // 00:05 on 1 December in Hà Nội is still 30 November in UTC.
    expect(findingCounterPeriods('2026-11-30T17:05:00.000Z', TZ)).toEqual(['2026-W49', '2026-12', '2026']);
  });

  it('detected already put right: resolved at creation, counted detected and resolved', () => {
    const late = detectFinding({ id: 'F2', article: 'Điều 9.2.4' }, 'so-tttt-son-la', {
      ...observation,
      putRight: { at: at('2026-11-15T09:00+07:00'), resolution: 'put-right', note: 'Paid late, on 2026-11-15.' },
    }, at('2026-11-15T12:00+07:00'), TZ);
    expect(late.next).toMatchObject({ resolvedAt: '2026-11-15T02:00:00.000Z', resolution: 'put-right', resolutionNote: 'Paid late, on 2026-11-15.' });
    expect(late.delta).toEqual({ detected: 1, detected_F2: 1, resolved: 1, resolved_F2: 1 });
  });

  it('put right later: a new version, resolved, its facts untouched; never twice', () => {
    const fixed = putRightFinding(detected.next, { at: at('2026-11-16T10:00+07:00'), resolution: 'put-right', note: 'Paid late.' }, at('2026-11-17T00:05+07:00'));
    expect(fixed.next).toMatchObject({ version: 2, resolution: 'put-right', resolvedAt: '2026-11-16T03:00:00.000Z', detail: observation.detail });
    expect(fixed.delta).toEqual({ resolved: 1, resolved_F2: 1 });
    expect(() => putRightFinding(fixed.next, { at: at('2026-11-18T10:00+07:00'), resolution: 'put-right', note: 'again' }, at('2026-11-18T10:00+07:00'))).toThrow(
      ConflictError,
    );
    expect(() => resolveFinding(fixed.next, { note: 'ok', by: 'x' }, at('2026-11-18T10:00+07:00'))).toThrow(ConflictError);
  });

  it('resolved by a person: with a note, by whom and when', () => {
    expect(() => resolveFinding(detected.next, { note: '  ', by: 'x' }, at('2026-11-18T10:00+07:00'))).toThrow(ValidationError);
    const resolved = resolveFinding(detected.next, { note: 'Paid on the 16th; bank delay.', by: 'dang-thi-hong-nhung' }, at('2026-11-18T10:00+07:00'));
    expect(resolved.next).toMatchObject({ resolution: 'resolved', resolvedBy: 'dang-thi-hong-nhung', resolutionNote: 'Paid on the 16th; bank delay.', version: 2 });
  });
});

describe('who sees and who resolves a finding', () => {
  const about = (staffId: string) => ({ subjectId: staffId, unitId: authority.staff(staffId)!.unitId });
  const itSpecialist = person('specialist', 'it');
  const finding = about(itSpecialist.id);

  it('the director and the chief inspector see all; the head and the overseeing deputy their unit’s; a person their own', () => {
    expect(canSeeFinding(authority, person('director').id, finding)).toBe(true);
    expect(canSeeFinding(authority, person('chief-inspector').id, finding)).toBe(true);
    expect(canSeeFinding(authority, person('head', 'it').id, finding)).toBe(true);
    expect(canSeeFinding(authority, 'pham-minh-tuan', finding)).toBe(true);
    expect(canSeeFinding(authority, itSpecialist.id, finding)).toBe(true);
    expect(canSeeFinding(authority, person('specialist', 'it', 1).id, finding)).toBe(false);
    expect(canSeeFinding(authority, person('head', 'press').id, finding)).toBe(false);
    expect(canSeeFinding(authority, 'lo-van-thang', finding)).toBe(false);
  });

  it('the director, the chief inspector or the subject’s superior resolves; never the subject, nor another unit’s head', () => {
    expect(canResolveFinding(authority, person('director').id, finding)).toBe(true);
    expect(canResolveFinding(authority, person('chief-inspector').id, finding)).toBe(true);
    expect(canResolveFinding(authority, person('head', 'it').id, finding)).toBe(true);
    expect(canResolveFinding(authority, 'pham-minh-tuan', finding)).toBe(true);
    expect(canResolveFinding(authority, itSpecialist.id, finding)).toBe(false);
    expect(canResolveFinding(authority, person('deputy-head', 'it').id, finding)).toBe(false);
    expect(canResolveFinding(authority, person('head', 'press').id, finding)).toBe(false);
    // The chief of office is the accountant's superior; the chief inspector resolves a finding about the director.
    expect(canResolveFinding(authority, person('chief-of-office').id, about(accountant.id))).toBe(true);
    expect(canResolveFinding(authority, person('chief-inspector').id, about(person('director').id))).toBe(true);
    expect(canResolveFinding(authority, person('chief-inspector').id, about(person('chief-inspector').id))).toBe(false);
  });
});
