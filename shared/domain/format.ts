/**
 * The one formatter of what a person reads: dates, instants, periods and durations, Vietnamese
 * first (`03/12/2026 10:00`, `Tuần 49/2026 (30/11–06/12)`, `Quý IV/2026`), English on the switch.
 * Pages, exports, finding texts and notifications all format through here. Pure.
 */
import { formatInstant, parseInstant } from './local-time.js';
import { parsePeriod, type Period } from './periods.js';

export type Lang = 'vi' | 'en';

/** Vietnamese unless English is asked for. */
export const langOf = (value: string | undefined | null): Lang => (value === 'en' ? 'en' : 'vi');

/**
 * The reader's language from an `Accept-Language` header: the first of `vi` or `en` by quality,
 * `fallback` when neither is named (the API's default is English).
 */
export function langOfAcceptLanguage(header: string | undefined | null, fallback: Lang = 'en'): Lang {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.q > 0 && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return fallback;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** A calendar date (`2026-12-03`, or the date part of a timestamp): `03/12/2026`; ISO in English. */
export const day = (date: string, lang: Lang): string => (lang === 'vi' ? date.slice(0, 10).split('-').reverse().join('/') : date.slice(0, 10));

/**
 * A timestamp as the department reads it: `03/12/2026 10:00` (`2026-12-03 10:00` in English).
 * A local timestamp with its offset (`2026-12-03T10:00:00.000+07:00`) keeps its wall time; a
 * Date or a UTC string needs the department's zone.
 */
export function instant(value: string | Date, lang: Lang, timeZone?: string): string {
  const local = typeof value === 'string' && !timeZone ? value : formatInstant(typeof value === 'string' ? new Date(value) : value, timeZone);
  return `${day(local.slice(0, 10), lang)} ${local.slice(11, 16)}`;
}

/** `30/11` of a date, for ranges within one year. */
const dayMonth = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/** A week's days: `30/11–06/12`, with the years when the week straddles New Year. */
function weekRange(p: Period, lang: Lang): string {
  if (lang === 'en') return `${p.start} – ${p.end}`;
  return p.start.slice(0, 4) === p.end.slice(0, 4) ? `${dayMonth(p.start)}–${dayMonth(p.end)}` : `${day(p.start, 'vi')}–${day(p.end, 'vi')}`;
}

/** `Tuần 49/2026 (30/11–06/12)`, `Tháng 11/2026`, `Quý IV/2026`, `6 tháng đầu năm 2026`, `Năm 2026`. */
export function periodName(p: Period, lang: Lang): string {
  const year = p.id.slice(0, 4);
  switch (p.kind) {
    case 'week':
      return lang === 'vi' ? `Tuần ${Number(p.id.slice(6))}/${year} (${weekRange(p, lang)})` : `Week ${Number(p.id.slice(6))}, ${year} (${weekRange(p, lang)})`;
    case 'month': {
      const m = Number(p.id.slice(5, 7));
      return lang === 'vi' ? `Tháng ${m}/${year}` : `${EN_MONTHS[m - 1]} ${year}`;
    }
    case 'quarter':
      return lang === 'vi' ? `Quý ${ROMAN[Number(p.id.slice(6)) - 1]}/${year}` : `Q${p.id.slice(6)} ${year}`;
    case 'half':
      return lang === 'vi' ? `6 tháng ${p.id.endsWith('1') ? 'đầu' : 'cuối'} năm ${year}` : `${p.id.endsWith('1') ? 'First' : 'Second'} half of ${year}`;
    case 'year':
      return lang === 'vi' ? `Năm ${year}` : year;
  }
}

/** A period id (`2026-W49`, `2026-11`, …) by name; an id that is no period is shown as it is. */
export const periodLabel = (id: string, lang: Lang): string => {
  const p = parsePeriod(id);
  return p ? periodName(p, lang) : id;
};

/** A short month label for a chart axis: 11/26 or Nov 26. */
export const shortMonth = (monthId: string, lang: Lang) =>
  lang === 'vi' ? `${monthId.slice(5, 7)}/${monthId.slice(2, 4)}` : `${EN_MONTHS[Number(monthId.slice(5, 7)) - 1]!.slice(0, 3)} ${monthId.slice(2, 4)}`;

/**
 * How late: `45 phút`, `1 giờ`, `3 giờ 20 phút`, `2 ngày` (whole days from 24 hours), for a
 * finding that says how much a deadline was missed by. Undefined when not late or unreadable.
 */
export function lateness(due: string, at: string, lang: Lang): string | undefined {
  const a = parseInstant(due);
  const b = parseInstant(at);
  if (!a || !b) return undefined;
  const ms = b.getTime() - a.getTime();
  if (ms <= 0) return undefined;
  // Whole minutes: a 23:59:59 deadline met at 08:00 is 8 hours late, not 8 hours 1 minute.
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 0) return lang === 'vi' ? 'dưới 1 phút' : 'under a minute';
  const unit = (n: number, vi: string, en: string) => (lang === 'vi' ? `${n} ${vi}` : `${n} ${en}${n === 1 ? '' : 's'}`);
  if (minutes < 60) return unit(minutes, 'phút', 'minute');
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? unit(h, 'giờ', 'hour') : `${unit(h, 'giờ', 'hour')} ${unit(m, 'phút', 'minute')}`;
  }
  return unit(Math.floor(minutes / (24 * 60)), 'ngày', 'day');
}
