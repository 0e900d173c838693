/** The one stylesheet, served from /assets/app.css so the pages need no inline styles (strict CSP). */
export const appCss = `
:root { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1b1f24; background: #f7f8fa; }
body { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 small { font-size: 0.55em; color: #5b6570; }
a { color: #0b5cad; }
a:focus, summary:focus, button:focus, select:focus, input:focus { outline: 3px solid #f2b632; outline-offset: 2px; }
.operation { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; margin: 0.5rem 0; padding: 0.5rem 0.75rem; }
.operation summary { cursor: pointer; }
.method { display: inline-block; min-width: 4.5em; text-align: center; border-radius: 4px; padding: 0 0.3em; color: #fff; background: #5b6570; }
.method.get { background: #1f7a4d; } .method.post { background: #0b5cad; } .method.patch { background: #8a5a00; } .method.delete { background: #b3261e; }
.lock { font-size: 0.8em; color: #5b6570; }
pre { background: #f0f2f4; padding: 0.5rem; overflow-x: auto; font-size: 0.85em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #d7dce1; padding: 0.25rem 0.5rem; text-align: left; }
caption { text-align: left; font-weight: 600; }
@media (max-width: 40rem) { main { padding: 0.5rem; } }
/* Meeting page (functions/api/views/meeting-page.tsx) */
.meeting .org { color: #5b6570; margin: 0; }
.meeting .lang-switch { float: right; }
.meeting .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.75rem; }
.meeting .facts dt { font-weight: 600; }
.meeting .facts dd { margin: 0; }
.meeting .minutes, .meeting .summary { white-space: pre-wrap; background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.5rem 0.75rem; }
.meeting table.conclusions { background: #fff; }
.meeting .detail { color: #5b6570; font-size: 0.9em; }
.badge { display: inline-block; border-radius: 4px; padding: 0 0.4em; font-size: 0.85em; background: #e3e7eb; color: #1b1f24; }
.badge.on-time, .badge.on-time-after-extension, .badge.within-deadline { background: #d8f0e2; color: #14532d; }
.badge.due-soon, .badge.awaiting { background: #fdf0c8; color: #6b4a00; }
.badge.overdue, .badge.late { background: #f9d7d5; color: #8c1d18; }
@media (max-width: 40rem) { .meeting .facts { grid-template-columns: 1fr; } }
/* Weekly work calendar (functions/api/views/calendar-page.tsx); printed on one A4 page */
.work-calendar .org { color: #5b6570; margin: 0; }
.work-calendar .calendar-nav { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-bottom: 0.5rem; }
.work-calendar .calendar-nav form { display: inline-flex; gap: 0.25rem; align-items: center; }
.work-calendar table.week { background: #fff; }
.work-calendar table.week th.day { width: 7.5em; vertical-align: top; background: #f0f2f4; }
.work-calendar table.week th.day.off, .work-calendar tbody.off td { background: #f3f3f3; color: #5b6570; }
.work-calendar table.week td.time { white-space: nowrap; width: 7em; }
.work-calendar table.week td.empty { color: #5b6570; font-style: italic; }
.work-calendar .holiday { font-weight: normal; font-size: 0.85em; color: #8c1d18; }
.work-calendar tr.event.leave td, .work-calendar tr.event.mission td { color: #3d4650; }
.badge.planned, .badge.scheduled { background: #e3ecf7; color: #0b3d6e; }
.badge.missed { background: #f9d7d5; color: #8c1d18; }
.badge.held, .badge.returned { background: #d8f0e2; color: #14532d; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  :root { background: #fff; }
  .no-print { display: none; }
  main.work-calendar { max-width: none; padding: 0; }
  .work-calendar h1 { font-size: 14pt; margin: 0 0 4mm; }
  .work-calendar table.week { font-size: 8.5pt; page-break-inside: avoid; }
  .work-calendar table.week th, .work-calendar table.week td { padding: 1mm 1.5mm; border-color: #000; }
  .work-calendar tbody { break-inside: avoid; }
  .badge { background: none; padding: 0; color: #000; }
}
/* Signed-in pages: the frame (functions/api/views/layout.tsx) */
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; z-index: 10; }
.skip-link:focus { left: 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.5rem 1rem; background: #0b3d6e; color: #fff; }
.site-header a { color: #fff; }
.site-org { margin: 0; font-weight: 600; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
.site-nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.site-account { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin-left: auto; }
.sign-out { display: flex; align-items: center; gap: 0.5rem; margin: 0; }
button { font: inherit; padding: 0.3rem 0.7rem; border: 1px solid #5b6570; border-radius: 4px; background: #fff; color: #1b1f24; cursor: pointer; }
main:focus { outline: none; }
/* Dashboard (functions/api/views/dashboard/) */
.page-heading h1 { margin: 0.75rem 0 0.25rem; }
.subtitle, .person-facts, .count { color: #3d4650; margin: 0 0 0.75rem; }
.breadcrumbs ol { display: flex; flex-wrap: wrap; list-style: none; padding: 0; margin: 0.5rem 0 0; gap: 0.25rem; }
.breadcrumbs li + li::before { content: "›"; margin-right: 0.25rem; color: #5b6570; }
.period-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; margin: 0.5rem 0 1rem; }
.period-picker { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.period-picker select { font: inherit; padding: 0.25rem; max-width: 100%; }
.period-steps { display: flex; gap: 1rem; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.card { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.5rem 0.75rem; display: flex; flex-direction: column; gap: 0.25rem; }
.card-label { font-size: 0.85em; color: #3d4650; }
.card-value { font-size: 1.6em; font-weight: 700; }
.card.assignments-overdue .card-value, .card.reports-missing .card-value, .card.findings-open .card-value { color: #8c1d18; }
.table-scroll { overflow-x: auto; margin-bottom: 1rem; }
.table-scroll:focus { outline: 3px solid #f2b632; }
table.figures, table.records { background: #fff; }
table.figures td { text-align: right; }
table.figures th.group { text-align: center; background: #f0f2f4; }
table.figures thead th { font-size: 0.85em; vertical-align: bottom; }
a.figure { display: inline-block; min-width: 1.5em; font-variant-numeric: tabular-nums; }
a.figure.zero { color: #5b6570; }
.roles { display: block; font-size: 0.8em; color: #5b6570; }
.figure-groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.75rem; }
.figure-group { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0 0.75rem 0.5rem; }
.figure-group h2 { font-size: 1.05em; }
.figure-row { display: flex; justify-content: space-between; gap: 1rem; border-bottom: 1px solid #eef0f2; padding: 0.2rem 0; }
.figure-row dt, .figure-row dd { margin: 0; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0 0 0.5rem; font-size: 0.85em; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em; vertical-align: -0.1em; border-radius: 2px; }
.chart { width: 100%; height: auto; display: block; margin-bottom: 0.75rem; background: #fff; border: 1px solid #d7dce1; border-radius: 6px; }
.chart text { font-size: 13px; fill: #1b1f24; }
.chart .axis { font-size: 11px; fill: #5b6570; }
.chart .axis-x { text-anchor: middle; }
.chart .axis-y { text-anchor: end; }
.chart .grid { stroke: #e3e7eb; stroke-width: 1; }
.chart .volume { fill: #d7e3f1; }
.chart .rate-line { fill: none; stroke: #0b5cad; stroke-width: 2.5; }
.chart .rate-point { fill: #0b5cad; stroke: #fff; stroke-width: 1.5; }
.seg.on-time, .swatch.on-time { fill: #1f7a4d; background: #1f7a4d; }
.seg.on-time-after-extension, .swatch.on-time-after-extension { fill: #6dbb8f; background: #6dbb8f; }
.seg.late, .swatch.late { fill: #d9822b; background: #d9822b; }
.seg.overdue, .swatch.overdue { fill: #b3261e; background: #b3261e; }
.seg.due-soon, .swatch.due-soon { fill: #f2b632; background: #f2b632; }
.seg.within-deadline, .swatch.within-deadline { fill: #8aa4c2; background: #8aa4c2; }
.seg.cancelled, .swatch.cancelled { fill: #c4c9ce; background: #c4c9ce; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.75rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.badge.submitted { background: #d8f0e2; color: #14532d; }
.badge.missing { background: #f9d7d5; color: #8c1d18; }
.badge.pending { background: #e3ecf7; color: #0b3d6e; }
.sign-in fieldset { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; margin: 0 0 0.75rem; }
.sign-in ul { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.4rem; }
.sign-in button { width: 100%; text-align: left; }
.sign-in .roles { display: inline; }
.notice { background: #d8f0e2; padding: 0.5rem 0.75rem; border-radius: 6px; }
@media (max-width: 40rem) {
  .site-account { margin-left: 0; }
  .facts { grid-template-columns: 1fr; }
  .card-value { font-size: 1.3em; }
}
`;
