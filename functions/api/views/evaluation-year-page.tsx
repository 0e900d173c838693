/** @jsxImportSource hono/jsx */
/**
 * "Tổng kết năm 2026" (issue #23; E1, Điều 24): the unit ratings and the emulation list of a year,
 * each with its downloads, shown to those who may read them (EvaluationYearService).
 */
import type { EmulationView, UnitRatingsView } from '../../../shared/services/evaluation-year.js';
import { headLevelText, monthsText, STAGE_WORDS, titleNote, YEAR_WORDS as W } from '../../../shared/services/evaluation-year-export.js';
import { href, instant } from './dashboard/i18n.js';
import { Frame } from './decisions/frame.js';
import type { DecisionPageContext } from './decisions/page-context.js';

const WORDS = {
  vi: {
    title: (y: string) => `Tổng kết năm ${y}`,
    intro: 'Kết quả thực hiện quy chế là cơ sở xếp loại đánh giá và xét thi đua, khen thưởng hằng năm (Điều 24). Danh sách đề nghị gồm những người có quyết định xếp loại năm đạt mức tối thiểu của từng danh hiệu; Hội đồng Thi đua – Khen thưởng xem xét, quyết định.',
    units: 'Xếp loại các đơn vị',
    emulation: 'Danh sách đề nghị danh hiệu thi đua',
    download: 'Tải về',
    xlsx: 'Excel (XLSX)',
    pdf: 'PDF (A4)',
    asOf: 'Số liệu tính đến',
    year: 'Năm',
    show: 'Xem',
    chiefNote: 'Chỉ hiển thị các mức xếp loại đã công bố.',
  },
  en: {
    title: (y: string) => `Year-end ${y}`,
    intro: 'Carrying out the regulation is the basis of the yearly rating, emulation and rewards (Điều 24). The list holds those whose decided yearly level meets each title’s minimum; the emulation council decides.',
    units: 'Unit ratings',
    emulation: 'People proposed for emulation titles',
    download: 'Download',
    xlsx: 'Excel (XLSX)',
    pdf: 'PDF (A4)',
    asOf: 'Figures as of',
    year: 'Year',
    show: 'Show',
    chiefNote: 'Only published levels are shown.',
  },
} as const;

const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toLocaleString('vi-VN')}%`);

export function EvaluationYearPage(p: { ctx: DecisionPageContext; year: string; units?: UnitRatingsView; emulation?: EmulationView; board: boolean }) {
  const { ctx, year } = p;
  const l = ctx.lang;
  const w = WORDS[l];
  const asOf = p.units?.asOf ?? p.emulation?.asOf;
  const file = (name: string) => href(`/evaluations/year/${year}/${name}`, {}, l);
  return (
    <Frame ctx={ctx} title={w.title(year)}>
      <div class="page-heading">
        <h1>{w.title(year)}</h1>
        {asOf ? <p class="subtitle">{`${w.asOf} ${instant(asOf, l)}`}</p> : null}
      </div>
      <form method="get" action={`/evaluations/year`} class="period-picker">
        <label>
          {w.year}{' '}
          <input type="number" name="year" min="2000" max="2100" value={year} required />
        </label>
        {l === 'en' ? <input type="hidden" name="lang" value="en" /> : null}{' '}
        <button type="submit">{w.show}</button>
      </form>
      <p class="description">{w.intro}</p>
      {p.units ? (
        <section aria-labelledby="h-units">
          <h2 id="h-units">{w.units}</h2>
          <p>
            <a class="button-link" href={file('units.xlsx')} download>{`${w.download} ${w.xlsx}`}</a>
          </p>
          <div class="table-scroll" tabindex={0} role="region" aria-labelledby="h-units">
            <table class="figures year-units">
              <thead>
                <tr>
                  <th scope="col">{W.unit[l]}</th>
                  <th scope="col">{W.assigned[l]}</th>
                  <th scope="col">{W.onTime[l]}</th>
                  <th scope="col">{W.afterExtension[l]}</th>
                  <th scope="col">{W.late[l]}</th>
                  <th scope="col">{W.overdue[l]}</th>
                  <th scope="col">{W.rate[l].replace(' (%)', '')}</th>
                  <th scope="col">{W.reportsOnTime[l]}</th>
                  <th scope="col">{W.reportsLate[l]}</th>
                  <th scope="col">{W.reportsMissing[l]}</th>
                  <th scope="col">{W.head[l]}</th>
                  <th scope="col">{W.headLevel[l]}</th>
                </tr>
              </thead>
              <tbody>
                {p.units.units.map((u) => (
                  <tr>
                    <th scope="row">{u.name[l]}</th>
                    <td>{u.assignments.assigned}</td>
                    <td>{u.assignments.completedOnTime}</td>
                    <td>{u.assignments.completedAfterExtension}</td>
                    <td>{u.assignments.completedLate}</td>
                    <td>{u.assignments.overdue}</td>
                    <td>{pct(u.assignments.onTimeRate)}</td>
                    <td>{u.reports.onTime}</td>
                    <td>{u.reports.late}</td>
                    <td>{u.reports.missing}</td>
                    <td class="text">{u.head ? `${u.head.name} (${u.head.title[l]})` : '—'}</td>
                    <td class="text">{u.head ? headLevelText(p.units!, u.head.level, l) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {p.emulation ? <Emulation ctx={ctx} view={p.emulation} file={file} board={p.board} /> : null}
    </Frame>
  );
}

function Emulation(p: { ctx: DecisionPageContext; view: EmulationView; file: (name: string) => string; board: boolean }) {
  const l = p.ctx.lang;
  const w = WORDS[l];
  const levelName = (id: string) => p.view.levels.find((x) => x.id === id)?.name[l] ?? id;
  return (
    <section aria-labelledby="h-emulation">
      <h2 id="h-emulation">{w.emulation}</h2>
      <p>
        <a class="button-link" href={p.file('emulation.xlsx')} download>{`${w.download} ${w.xlsx}`}</a>{' '}
        <a class="button-link" href={p.file('emulation.pdf')} download>{`${w.download} ${w.pdf}`}</a>
      </p>
      {p.board ? null : <p class="subtitle">{w.chiefNote}</p>}
      {p.view.titles.map((t, i) => (
        <section aria-labelledby={`h-title-${t.id}`}>
          <h3 id={`h-title-${t.id}`}>{`${i + 1}. ${W.titleWord[l]} “${t.name[l]}”`}</h3>
          <p class="subtitle">{titleNote(p.view, t, l)}</p>
          {t.people.length === 0 ? (
            <p>{W.nobody[l]}</p>
          ) : (
            <div class="table-scroll" tabindex={0} role="region" aria-labelledby={`h-title-${t.id}`}>
              <table class="records">
                <thead>
                  <tr>
                    <th scope="col">{W.no[l]}</th>
                    <th scope="col">{W.name[l]}</th>
                    <th scope="col">{W.title[l]}</th>
                    <th scope="col">{W.unit[l]}</th>
                    <th scope="col">{W.yearLevel[l]}</th>
                    <th scope="col">{W.months[l]}</th>
                  </tr>
                </thead>
                <tbody>
                  {t.people.map((x, n) => (
                    <tr>
                      <td>{n + 1}</td>
                      <th scope="row">{x.name}</th>
                      <td>{x.title[l]}</td>
                      <td>{x.unit[l]}</td>
                      <td>{`${levelName(x.level)}${x.published ? '' : ` (${W.notPublished[l]})`}`}</td>
                      <td>{monthsText(p.view, x.months, l) || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      <section aria-labelledby="h-undecided">
        <h3 id="h-undecided">{`${p.view.titles.length + 1}. ${W.undecided[l]}`}</h3>
        {p.view.undecided.length === 0 ? (
          <p>{W.nobodyUndecided[l]}</p>
        ) : (
          <div class="table-scroll" tabindex={0} role="region" aria-labelledby="h-undecided">
            <table class="records">
              <thead>
                <tr>
                  <th scope="col">{W.no[l]}</th>
                  <th scope="col">{W.name[l]}</th>
                  <th scope="col">{W.title[l]}</th>
                  <th scope="col">{W.unit[l]}</th>
                  <th scope="col">{W.stage[l]}</th>
                </tr>
              </thead>
              <tbody>
                {p.view.undecided.map((x, n) => (
                  <tr>
                    <td>{n + 1}</td>
                    <th scope="row">{x.name}</th>
                    <td>{x.title[l]}</td>
                    <td>{x.unit[l]}</td>
                    <td>{STAGE_WORDS[x.stage][l]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
