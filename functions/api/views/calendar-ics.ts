// The weekly calendar as iCalendar (RFC 5545), written by ical-generator (escaping, line folding,
// UIDs, DTSTAMP). Timed events are in UTC (exact for any zone, and no VTIMEZONE to ship); whole-day
// events are DATE values with the exclusive end day RFC 5545 asks for.
import { addDays, localDateTimeToInstant } from '../../../shared/domain/local-time.js';
import type { CalendarEvent } from '../../../shared/domain/work-calendar.js';
import type { WorkCalendar } from '../../../shared/services/calendar-service.js';
import type { Lang } from './meeting-page.js';

const KIND = {
  vi: { meeting: 'Họp', reception: 'Tiếp công dân', mission: 'Công tác', visit: 'Tiếp đoàn', leave: 'Nghỉ' },
  en: { meeting: 'Meeting', reception: 'Citizen reception', mission: 'Mission', visit: 'Delegation visit', leave: 'Leave' },
} as const;

const utcMidnight = (date: string) => new Date(`${date}T00:00:00Z`);

function timesOf(e: CalendarEvent, timeZone: string): { start: Date; end: Date; allDay: boolean } {
  if (!e.startTime) return { start: utcMidnight(e.start), end: utcMidnight(addDays(e.end, 1)), allDay: true };
  const start = localDateTimeToInstant(e.start, e.startTime, timeZone);
  const end = e.endTime ? localDateTimeToInstant(e.end, e.endTime, timeZone) : new Date(start.getTime() + 3600_000);
  return { start, end: end > start ? end : new Date(start.getTime() + 3600_000), allDay: false };
}

export async function calendarIcs(data: WorkCalendar, options: { lang: Lang; name: string; now: Date; domain: string }): Promise<string> {
  // ical-generator is loaded by the first calendar feed, not at every cold start.
  const { default: icalGenerator, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } = await import('ical-generator');
  const { lang } = options;
  const calendar = icalGenerator({
    name: options.name,
    prodId: { company: 'quy-che-tracker', product: 'work-calendar', language: lang === 'vi' ? 'VI' : 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  const name = (id: string) => data.staff[id]?.name ?? id;
  for (const e of data.events) {
    const { start, end, allDay } = timesOf(e, data.timeZone);
    const people = e.staffIds.map(name).join(', ');
    calendar.createEvent({
      id: `${e.uid}@${options.domain}`,
      start,
      end,
      allDay,
      stamp: options.now,
      summary: e.title[lang],
      description: [KIND[lang][e.kind], e.detail, people].filter(Boolean).join('\n'),
      ...(e.location ? { location: e.location } : {}),
      categories: [{ name: KIND[lang][e.kind] }],
      status: e.status === 'missed' ? ICalEventStatus.CANCELLED : e.status === 'planned' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      transparency: e.kind === 'leave' || e.kind === 'mission' ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
    });
  }
  // RFC 5545 ends every content line, the last one too, with CRLF; the library leaves the last bare.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
