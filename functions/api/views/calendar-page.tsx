/** @jsxImportSource hono/jsx */
// The weekly work calendar (lịch công tác tuần) as the Office publishes it: one table, a row
// per day, in the pages' frame, printable on one A4 page without it (@media print in
// /assets/app.css). Markup only: the data is CalendarService.week. No inline styles or scripts (strict CSP).
import { eventsOn, type CalendarEvent } from '../../../shared/domain/work-calendar.js';
import type { WorkCalendar } from '../../../shared/services/calendar-service.js';
import { day, periodLabel, type Lang } from '../../../shared/domain/format.js';
import type { PageFrame } from '../forms/action.js';
import { Layout } from './layout.js';

const LABELS = {
  vi: {
    title: 'Lịch công tác tuần',
    week: 'Tuần',
    department: 'Toàn Sở',
    unit: 'Đơn vị',
    show: 'Xem',
    previous: '← Tuần trước',
    next: 'Tuần sau →',
    day: 'Thứ, ngày',
    time: 'Thời gian',
    content: 'Nội dung',
    people: 'Chủ trì, thành phần',
    place: 'Địa điểm',
    allDay: 'Cả ngày',
    nothing: 'Không có lịch.',
    dayOff: 'Nghỉ',
    ics: 'Tải lịch (.ics)',
    yearAnnounced: (y: number) => `Ngày nghỉ lễ, Tết năm ${y}: đã công bố`,
    yearProvisional: (y: number) => `Ngày nghỉ lễ, Tết năm ${y}: dự kiến (tính theo Bộ luật Lao động 2019, chờ quyết định của Thủ tướng Chính phủ)`,
    weekdays: ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'],
  },
  en: {
    title: 'Weekly work calendar',
    week: 'Week',
    department: 'Whole department',
    unit: 'Unit',
    show: 'Show',
    previous: '← Previous week',
    next: 'Next week →',
    day: 'Day',
    time: 'Time',
    content: 'What',
    people: 'Who',
    place: 'Where',
    allDay: 'All day',
    nothing: 'Nothing scheduled.',
    dayOff: 'Day off',
    ics: 'Download (.ics)',
    yearAnnounced: (y: number) => `${y} holidays: announced`,
    yearProvisional: (y: number) => `${y} holidays: provisional (computed from the Labour Code 2019, awaiting the Prime Minister's decision)`,
    weekdays: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
} as const;

const STATUS = {
  vi: { planned: 'dự kiến', missed: 'không tổ chức', held: 'đã họp', scheduled: 'theo lịch', returned: 'đã về', approved: 'đã duyệt', reported: 'đã báo' },
  en: { planned: 'planned', missed: 'not held', held: 'held', scheduled: 'scheduled', returned: 'returned', approved: 'approved', reported: 'reported' },
} as const;


export interface CalendarPageLinks {
  readonly previousWeek: string;
  readonly nextWeek: string;
  readonly units: readonly { id: string; name: string }[];
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `?${q.toString()}`;
}

function timeOf(e: CalendarEvent, date: string, lang: Lang): string {
  if (!e.startTime || date !== e.start) return e.start === e.end ? LABELS[lang].allDay : `${day(e.start, lang)} – ${day(e.end, lang)}`;
  return e.endTime ? `${e.startTime}–${e.endTime}` : e.startTime;
}

export function CalendarPage({ data, lang, links, frame }: { data: WorkCalendar; lang: Lang; links: CalendarPageLinks; frame: Pick<PageFrame, 'viewer' | 'url' | 'awaiting'> }) {
  const t = LABELS[lang];
  const status = STATUS[lang] as Record<string, string>;
  const name = (id: string) => data.staff[id]?.name ?? id;
  const scope = data.unitId ? (data.units[data.unitId]?.[lang] ?? data.unitId) : t.department;
  const heading = `${t.title} — ${data.week ? periodLabel(data.week, lang) : `${day(data.start, lang)} – ${day(data.end, lang)}`}`;
  const unitQuery = data.unitId ? { unitId: data.unitId } : {};
  return (
    <Layout lang={lang} title={`${heading} — ${scope}`} url={frame.url} viewer={frame.viewer} organisation={data.organisation} current="calendar" awaiting={frame.awaiting}>
      <div class="work-calendar">
        <nav class="calendar-nav no-print" aria-label={t.week}>
          <a href={query({ week: links.previousWeek, ...unitQuery, lang })}>{t.previous}</a>
          <form method="get" action="/calendar">
            <input type="hidden" name="week" value={data.week ?? ''} />
            <input type="hidden" name="lang" value={lang} />
            <label>
              {t.unit}{' '}
              <select name="unitId">
                <option value="" selected={!data.unitId}>
                  {t.department}
                </option>
                {links.units.map((u) => (
                  <option value={u.id} selected={u.id === data.unitId}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit">{t.show}</button>
          </form>
          <a href={query({ week: links.nextWeek, ...unitQuery, lang })}>{t.next}</a>
          <a href={`/v1/calendar.ics${query({ week: data.week, ...unitQuery, lang })}`}>{t.ics}</a>
        </nav>
        {/* On screen the frame names the department; on paper, without the frame, this line does. */}
        <p class="org print-only">{data.organisation[lang]}</p>
        <h1 id="calendar-heading">
          {heading} <small>{scope}</small>
        </h1>
        {data.years.map((y) => (
          <p class="muted" data-calendar-year={String(y.year)} data-status={y.status} title={y.basis?.[lang]}>
            {y.status === 'announced' ? t.yearAnnounced(y.year) : t.yearProvisional(y.year)}
          </p>
        ))}
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="calendar-heading">
          {/* The roles spelled out: on a phone the cells are laid out as lines (app.css), and a table so laid out can lose its semantics. */}
          <table class="week" role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">{t.day}</th>
                <th scope="col" role="columnheader">{t.time}</th>
                <th scope="col" role="columnheader">{t.content}</th>
                <th scope="col" role="columnheader">{t.people}</th>
                <th scope="col" role="columnheader">{t.place}</th>
              </tr>
            </thead>
            {data.days.map((d) => {
              const events = eventsOn(data.events, d.date);
              const label = (
                <th scope="rowgroup" role="rowheader" rowspan={Math.max(events.length, 1)} class={d.working ? 'day' : 'day off'}>
                  {t.weekdays[d.weekday]}
                  <br />
                  {day(d.date, lang)}
                  {d.holiday ? <div class="holiday">{d.holiday[lang]}</div> : null}
                </th>
              );
              return (
                <tbody class={d.working ? undefined : 'off'} role="rowgroup">
                  {events.length === 0 ? (
                    <tr role="row">
                      {label}
                      <td colspan={4} class="empty" role="cell">
                        {d.working ? t.nothing : (d.holiday?.[lang] ?? t.dayOff)}
                      </td>
                    </tr>
                  ) : (
                    events.map((e, i) => (
                      <tr class={`event ${e.kind}`} role="row">
                        {i === 0 ? label : null}
                        <td class="time" role="cell">{timeOf(e, d.date, lang)}</td>
                        <td role="cell">
                          {e.title[lang]}
                          {status[e.status] ? (
                            <>
                              {' '}
                              <span class={`badge ${e.status}`}>{status[e.status]}</span>
                            </>
                          ) : null}
                          {e.detail && e.kind !== 'reception' && e.kind !== 'leave' ? <div class="detail">{e.detail}</div> : null}
                        </td>
                        <td data-label={t.people} role="cell">{e.staffIds.map(name).join(', ')}</td>
                        <td data-label={t.place} role="cell">{e.location ?? ''}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              );
            })}
          </table>
        </div>
      </div>
    </Layout>
  );
}
