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
`;
