/** @jsxImportSource hono/jsx */
// Inline SVG charts: colours and fonts come from /assets/app.css through classes (strict CSP, no
// style attributes). Each chart has a table beside it with the same figures, each a link, so
// the numbers stay readable and reachable by keyboard and screen reader; the SVG is a picture.
import type { AssignmentFigures } from '../../../../shared/domain/dashboard.js';
import type { TrendPoint } from '../../../../shared/services/dashboard-service.js';
import { FIGURE_LABELS, percent, shortMonth, type Lang } from './i18n.js';

/** The parts of the assigned work, in the order the bars stack them. */
export const BAR_PARTS = [
  ['completedOnTime', 'on-time'],
  ['completedAfterExtension', 'on-time-after-extension'],
  ['completedLate', 'late'],
  ['overdue', 'overdue'],
  ['dueSoon', 'due-soon'],
  ['withinDeadline', 'within-deadline'],
  ['cancelled', 'cancelled'],
] as const satisfies readonly (readonly [keyof AssignmentFigures, string])[];

export function BarLegend({ lang }: { lang: Lang }) {
  return (
    <ul class="legend">
      {BAR_PARTS.map(([key, cls]) => (
        <li>
          <span class={`swatch ${cls}`} aria-hidden="true"></span>
          {FIGURE_LABELS[lang][`assignments.${key}`]}
        </li>
      ))}
    </ul>
  );
}

/** One bar per row: the assigned work split by where it stands, the row's label above it. */
export function StackedBars(props: {
  rows: { label: string; figures: AssignmentFigures; href: (figure: string) => string }[];
  lang: Lang;
  caption: string;
}) {
  const width = 720;
  const rowHeight = 44;
  const barWidth = width - 60;
  const max = Math.max(1, ...props.rows.map((r) => r.figures.assigned));
  const height = props.rows.length * rowHeight + 4;
  return (
    <svg class="chart bars" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.caption} focusable="false">
      {props.rows.map((row, i) => {
        const y = i * rowHeight;
        let x = 0;
        return (
          <g>
            <text class="bar-label" x="0" y={y + 14}>
              {row.label}
            </text>
            {BAR_PARTS.map(([key, cls]) => {
              const n = row.figures[key] as number;
              if (n === 0) return null;
              const w = (n / max) * barWidth;
              const rect = (
                <a href={row.href(`assignments.${key}`)} tabindex={-1}>
                  <rect class={`seg ${cls}`} x={x.toFixed(1)} y={y + 20} width={w.toFixed(1)} height="16">
                    <title>{`${row.label}: ${FIGURE_LABELS[props.lang][`assignments.${key}`]} ${n}`}</title>
                  </rect>
                </a>
              );
              x += w;
              return rect;
            })}
            <text class="bar-value" x={(x + 6).toFixed(1)} y={y + 33}>
              {String(row.figures.assigned)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The on-time rate month by month (a line, 0–100 %) over the assigned work (bars). */
export function TrendChart(props: { months: TrendPoint[]; lang: Lang; caption: string; monthHref: (monthId: string) => string }) {
  const width = 720;
  const height = 240;
  const left = 44;
  const right = 12;
  const top = 12;
  const bottom = 36;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const step = plotW / props.months.length;
  const maxAssigned = Math.max(1, ...props.months.map((m) => m.assigned));
  const xOf = (i: number) => left + step * i + step / 2;
  const yOf = (rate: number) => top + plotH * (1 - rate);
  const segments: string[][] = [[]];
  props.months.forEach((m, i) => {
    if (m.onTimeRate === null) segments.push([]);
    else segments.at(-1)!.push(`${xOf(i).toFixed(1)},${yOf(m.onTimeRate).toFixed(1)}`);
  });
  return (
    <svg class="chart trend" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.caption} focusable="false">
      {[0, 0.5, 1].map((r) => (
        <g>
          <line class="grid" x1={left} x2={width - right} y1={yOf(r).toFixed(1)} y2={yOf(r).toFixed(1)} />
          <text class="axis axis-y" x={left - 6} y={(yOf(r) + 4).toFixed(1)}>
            {`${r * 100}%`}
          </text>
        </g>
      ))}
      {props.months.map((m, i) => {
        const h = (m.assigned / maxAssigned) * plotH * 0.6;
        return (
          <g>
            {m.assigned > 0 ? <rect class="volume" x={(xOf(i) - step * 0.3).toFixed(1)} y={(top + plotH - h).toFixed(1)} width={(step * 0.6).toFixed(1)} height={h.toFixed(1)} /> : null}
            <text class="axis axis-x" x={xOf(i).toFixed(1)} y={height - 14}>
              {shortMonth(m.period, props.lang)}
            </text>
          </g>
        );
      })}
      {segments.filter((s) => s.length > 1).map((s) => <polyline class="rate-line" points={s.join(' ')} />)}
      {props.months.map((m, i) =>
        m.onTimeRate === null ? null : (
          <a href={props.monthHref(m.period)} tabindex={-1}>
            <circle class="rate-point" cx={xOf(i).toFixed(1)} cy={yOf(m.onTimeRate).toFixed(1)} r="5">
              <title>{`${shortMonth(m.period, props.lang)}: ${percent(m.onTimeRate, props.lang)} (${m.assigned})`}</title>
            </circle>
          </a>
        ),
      )}
    </svg>
  );
}
