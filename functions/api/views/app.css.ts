/** The one stylesheet, served from /assets/app.css so the pages need no inline styles (strict CSP). */
export const appCss = `
:root { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1b1f24; background: #f7f8fa; }
body { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 small { font-size: 0.55em; color: #5b6570; }
a { color: #0b5cad; }
/* The focus ring: navy on the light pages (11:1), amber on the navy header (7:1); WCAG 2.2 asks 3:1. */
a:focus, summary:focus, button:focus, select:focus, input:focus, textarea:focus, [tabindex]:focus { outline: 3px solid #0b3d6e; outline-offset: 2px; }
.site-header a:focus, .site-header button:focus { outline-color: #f2b632; }
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
/* min-width 0: the unit list may be narrower than its longest name on a phone. */
.work-calendar .calendar-nav form { display: flex; flex-wrap: wrap; gap: 0.25rem; align-items: center; min-width: 0; max-width: 100%; }
.work-calendar .calendar-nav label, .work-calendar .calendar-nav select { max-width: 100%; min-width: 0; }
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
/* A phone reads the week as a list: each day a heading, each event its lines, who and where labelled. */
@media (max-width: 40rem) {
  .work-calendar table.week, .work-calendar table.week tbody, .work-calendar table.week tr, .work-calendar table.week th, .work-calendar table.week td { display: block; width: auto; border: 0; }
  .work-calendar table.week thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .work-calendar table.week { border: 1px solid #d7dce1; }
  .work-calendar table.week tbody + tbody { border-top: 1px solid #d7dce1; }
  .work-calendar table.week tr.event + tr.event { border-top: 1px dashed #d7dce1; }
  .work-calendar table.week td { padding: 0.15rem 0.5rem; }
  .work-calendar table.week th.day, .work-calendar table.week td.time { width: auto; }
  .work-calendar table.week td:empty { display: none; }
  .work-calendar table.week td[data-label]::before { content: attr(data-label) ": "; color: #5b6570; }
}
.print-only { display: none; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  :root { background: #fff; }
  /* Over the screen rules that show them (display: flex), wherever those stand. */
  .no-print, .site-header, .skip-link { display: none !important; }
  .print-only { display: block; }
  main { max-width: none; padding: 0; }
  .table-scroll { overflow: visible; }
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
/* min-width 0: a flex item may shrink below its longest option (an English week label is wider than a phone). */
.period-picker { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; min-width: 0; max-width: 100%; }
.period-picker select { font: inherit; padding: 0.25rem; max-width: 100%; min-width: 0; }
.period-steps { display: flex; gap: 1rem; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.card { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.5rem 0.75rem; display: flex; flex-direction: column; gap: 0.25rem; }
.card-label { font-size: 0.85em; color: #3d4650; }
.card-value { font-size: 1.6em; font-weight: 700; }
.card.assignments-overdue .card-value, .card.reports-missing .card-value, .card.findings-open .card-value { color: #8c1d18; }
.table-scroll { overflow-x: auto; margin-bottom: 1rem; }
.table-scroll:focus { outline: 3px solid #0b3d6e; }
table.figures, table.records { background: #fff; }
table.figures td { text-align: right; }
table.figures td.text { text-align: left; }
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
/* ---- W2 (issue #16): decision pages — Chờ quyết định, reports, leave, findings, finance, meeting forms ---- */
.count-badge { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 1em; padding: 0 0.45em; background: #0b5cad; color: #fff; font-size: 0.8em; vertical-align: middle; }
.decision-kinds ul { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
.decision-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
.decision { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.75rem; min-width: 0; overflow-wrap: anywhere; }
.decision h3 { margin: 0 0 0.35rem; font-size: 1.05em; }
.decision-meta { color: #4a535c; margin: 0.25rem 0; }
.decision-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
.decision-facts dt { font-weight: 600; }
.decision-facts dd { margin: 0; }
a.button-link { display: inline-block; padding: 0.45rem 0.9rem; border-radius: 4px; background: #0b5cad; color: #fff; text-decoration: none; font-weight: 600; }
a.button-link:hover { background: #084a8c; }
a.button-link:focus { outline: 3px solid #f2b632; outline-offset: 2px; }
.confirmation { background: #d8f0e2; color: #14532d; border: 1px solid #14532d; border-radius: 6px; padding: 0.25rem 0.75rem; margin-bottom: 1rem; }
.report-content { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.5rem 0.75rem; }
.revisions { padding-left: 1.25rem; overflow-wrap: anywhere; }
.description { overflow-wrap: anywhere; }
.actions { display: grid; gap: 1rem; margin: 1rem 0; }
.actions .action-form { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.75rem; min-width: 0; }
.actions .action-form h3 { margin: 0 0 0.5rem; }
.actions .field { margin: 0 0 0.75rem; display: flex; flex-direction: column; gap: 0.25rem; }
.actions .field.checkbox, .actions .radio { flex-direction: row; align-items: center; gap: 0.5rem; }
.actions .field label, .actions legend { font-weight: 600; }
.actions .optional { font-weight: normal; color: #4a535c; }
.actions input[type=text], .actions input[type=date], .actions input[type=url], .actions input[type=number], .actions select, .actions textarea { font: inherit; padding: 0.4rem; border: 1px solid #6b7580; border-radius: 4px; max-width: 100%; box-sizing: border-box; width: 100%; }
.actions .field-error { color: #8c1d18; margin: 0; font-weight: 600; }
.actions .has-error input, .actions .has-error textarea, .actions .has-error select { border-color: #8c1d18; border-width: 2px; }
.actions .hint { color: #4a535c; margin: 0; font-size: 0.9em; }
.actions fieldset { border: 1px solid #d7dce1; border-radius: 4px; }
.actions .form-actions button { font: inherit; padding: 0.5rem 1.1rem; border-radius: 4px; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; font-weight: 600; cursor: pointer; }
.actions .form-message { border-radius: 6px; padding: 0.25rem 0.75rem; margin-bottom: 0.75rem; background: #f9d7d5; color: #8c1d18; border: 1px solid #8c1d18; }
.actions .form-message.conflict, .actions .form-message.state { background: #fdf0c8; color: #5c3f00; border-color: #6b4a00; }
.status-line { font-weight: 600; }
@media (min-width: 60rem) { .actions.two { grid-template-columns: 1fr 1fr; } }
@media (max-width: 40rem) { .decision-facts { grid-template-columns: 1fr; } .decision-facts dd { margin-left: 0.75rem; } }
/* ---- end W2 ---- */
/* ---- W1 (issue #16): the workspace — Việc của tôi, the assignment page, action forms ---- */
.badge { border: 1px solid currentColor; }
.badge.awaiting { background: #e3ecf7; color: #0b3d6e; }
.badge.escalation { background: #8c1d18; color: #fff; border-color: #8c1d18; }
.badge.priority-high { background: #fdf0c8; color: #5c3f00; }
.badge.priority-urgent { background: #8c1d18; color: #fff; }
.muted { color: #4a535c; }
.nav-count { display: inline-block; min-width: 1.4em; text-align: center; border-radius: 1em; padding: 0 0.4em; background: #fff; color: #0b3d6e; font-weight: 700; font-size: 0.85em; }
.nav-count.some { background: #f2b632; color: #1b1f24; }
.workspace { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
@media (min-width: 64rem) { .workspace { grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); } }
.work-group h2 { font-size: 1.15em; margin: 1rem 0 0.5rem; }
.work-list, .owed-list, .history-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
.work-item { background: #fff; border: 1px solid #d7dce1; border-left: 6px solid #4f6f96; border-radius: 6px; padding: 0.5rem 0.75rem; min-width: 0; overflow-wrap: anywhere; }
.work-item.overdue { border-left-color: #b3261e; }
.work-item.due-soon { border-left-color: #8a5a00; }
.work-item.awaiting { border-left-color: #0b5cad; }
.work-title { margin: 0 0 0.25rem; font-weight: 600; font-size: 1.05em; }
.work-badges { display: flex; flex-wrap: wrap; gap: 0.25rem 0.4rem; margin: 0 0 0.35rem; }
.work-facts { display: flex; flex-wrap: wrap; gap: 0.15rem 1.25rem; margin: 0; font-size: 0.92em; }
.work-facts div { display: flex; gap: 0.35rem; }
.work-facts dt { color: #4a535c; }
.work-facts dd { margin: 0; }
.workspace-side { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0 0.75rem 0.75rem; align-self: start; min-width: 0; overflow-wrap: anywhere; }
.workspace-side h2 { font-size: 1.15em; }
.owed h3 { font-size: 1em; margin: 0.75rem 0 0.35rem; }
.owed-item { border-top: 1px solid #eef0f2; padding: 0.35rem 0; }
.owed-item p { margin: 0.1rem 0; }
.owed-periods { list-style: none; padding: 0; margin: 0.2rem 0 0; display: grid; gap: 0.2rem; }
.owed-periods a { white-space: nowrap; }
.owed-title { font-weight: 600; }
.assignment-layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
@media (min-width: 64rem) { .assignment-layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.assignment-layout .facts { overflow-wrap: anywhere; }
.action-forms { display: grid; gap: 1rem; }
.actions h2 { margin: 0; font-size: 1.15em; }
.action-form .field { margin: 0 0 0.75rem; display: flex; flex-direction: column; gap: 0.25rem; }
.action-form .radio { display: flex; align-items: center; gap: 0.5rem; padding: 0.2rem 0; }
.action-form input[type=radio], .action-form input[type=checkbox] { width: 1.25rem; height: 1.25rem; }
.action-form select[multiple] { min-height: 8em; }
.evidence-row { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 0.75rem; }
@media (min-width: 40rem) { .evidence-row { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); } }
.history-list li { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.35rem 0.75rem; overflow-wrap: anywhere; }
.history-list p { margin: 0.15rem 0; }
.form-actions button, button.primary { min-height: 44px; }
.page-create .action-form { max-width: 44rem; }
@media (max-width: 40rem) {
  .site-header { padding: 0.5rem; }
  .site-nav ul { gap: 0.25rem 0.75rem; }
  .work-facts { flex-direction: column; }
  input, select, textarea { font-size: 16px; }
}
/* ---- end W1 ---- */
/* ---- Files (issue #22): the file field of the forms and a record's list of files ---- */
.file-field .file-label { font-weight: 600; margin: 0; }
.file-nojs { margin: 0.25rem 0; padding: 0.35rem 0.6rem; background: #fdf0c8; color: #5c3f00; border: 1px solid #6b4a00; border-radius: 4px; }
.file-picker { margin: 0.25rem 0; }
.file-button { display: inline-flex; align-items: center; min-height: 44px; padding: 0.35rem 1rem; border: 2px solid #0b5cad; border-radius: 4px; background: #fff; color: #0b5cad; font-weight: 600; cursor: pointer; box-sizing: border-box; }
.file-picker input:focus + .file-button, .file-picker input:focus-visible + .file-button { outline: 3px solid #f2b632; outline-offset: 2px; }
.file-rows { list-style: none; padding: 0; margin: 0.25rem 0 0; display: grid; gap: 0.4rem; }
.file-row { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0.2rem 0.6rem; align-items: center; padding: 0.4rem 0.6rem; border: 1px solid #d7dce1; border-left: 4px solid #4f6f96; border-radius: 4px; background: #f7f9fb; overflow-wrap: anywhere; }
.file-row.done { border-left-color: #1e6b3a; }
.file-row.failed { border-left-color: #b3261e; background: #fdf1f0; }
.file-row .file-name { font-weight: 600; min-width: 0; }
.file-row .file-size { color: #4a535c; white-space: nowrap; }
.file-row .file-progress { grid-column: 1 / -1; width: 100%; height: 0.75rem; }
.file-row .file-status { grid-column: 1 / -1; color: #4a535c; font-size: 0.92em; }
.file-row.failed .file-status { color: #8c1d18; font-weight: 600; }
.file-row .file-buttons { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.file-row button { font: inherit; min-height: 44px; min-width: 44px; padding: 0.25rem 0.9rem; border-radius: 4px; border: 1px solid #6b7580; background: #fff; color: #1b1f24; cursor: pointer; }
.file-row button.file-retry { border-color: #0b5cad; color: #0b5cad; font-weight: 600; }
.file-list { list-style: none; padding: 0; margin: 0.25rem 0; display: grid; gap: 0.4rem; }
.file-item { background: #fff; border: 1px solid #d7dce1; border-radius: 6px; padding: 0.4rem 0.75rem; overflow-wrap: anywhere; }
.file-item p { margin: 0.1rem 0; }
.file-title a { font-weight: 600; }
.file-list-heading { font-size: 1em; margin: 0.75rem 0 0.25rem; }
.file-hash-details summary { cursor: pointer; color: #4a535c; padding: 0.2rem 0; }
.file-hash { font-size: 0.85em; overflow-wrap: anywhere; word-break: break-all; }
.file-list.compact { gap: 0.15rem; margin: 0.15rem 0; font-size: 0.92em; }
.file-list.compact li, .history-list .file-list.compact li { overflow-wrap: anywhere; border: 0; background: none; padding: 0; }
/* ---- end files ---- */
/* ---- Evaluation (issue #23): the list of a period, a person's dossier, the step forms ---- */
.evaluation-page .period-bar { justify-content: space-between; }
.evaluation-page .period-picker select, .evaluation-page .period-picker button, .evaluation-page .actions select, .evaluation-page summary { min-height: 44px; box-sizing: border-box; }
.evaluation-page summary { display: list-item; padding: 0.7rem 0; }
.evaluation-page a.button-link { display: inline-flex; align-items: center; min-height: 44px; box-sizing: border-box; }
.evaluation-list, .step-list, .criteria-list { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.5rem; }
.evaluation-item, .step-item { background: #fff; border: 1px solid #d7dce1; border-left: 6px solid #4f6f96; border-radius: 6px; padding: 0.5rem 0.75rem; min-width: 0; overflow-wrap: anywhere; }
.step-item.done { border-left-color: #1e6b3a; }
.step-item p, .criteria-list p { margin: 0.2rem 0; }
.entry-text, .entry-reason { white-space: pre-wrap; }
.suggested-then { color: #3d4650; font-size: 0.92em; border-top: 1px solid #eef0f2; padding-top: 0.25rem; }
.suggestion-level { font-size: 1.05em; }
.criteria-list li { border-top: 1px solid #eef0f2; padding: 0.35rem 0; }
.share-facts { margin: 0.75rem 0; }
.evaluation-page a.row-link { display: inline-flex; align-items: center; min-height: 44px; }
@media (max-width: 40rem) {
  .evaluation-page a.figure { display: inline-flex; align-items: center; justify-content: center; min-height: 44px; min-width: 44px; }
  .evaluation-page .figure-row { align-items: center; }
}
/* ---- end evaluation ---- */
`;
