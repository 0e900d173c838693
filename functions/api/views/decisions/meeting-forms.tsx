/** @jsxImportSource hono/jsx */
/**
 * Meeting forms (issue #16, M1–M5): `meeting.create` records a meeting (the chair or the Office),
 * `meeting.conclusions` issues its conclusions, each item becoming an assignment. Field names are
 * the API's: kind, heldOn, chairId, unitId, subject, participantIds, minutes; summary,
 * items.N.text, items.N.assigneeId, items.N.unitId, items.N.dueDate; files (upload ids, issue #22) on both.
 */
import { ActionForm, SelectField, TextArea, TextField, type FieldContext, type Option } from '../../forms/fields.js';
import { FileField } from '../../forms/file-field.js';
import type { FormState } from '../../forms/parse.js';
import { day, href } from '../dashboard/i18n.js';
import { Frame } from './frame.js';
import { D } from './i18n.js';
import { personName, type DecisionPageContext } from './page-context.js';
import { RF } from './record-files-words.js';

const ITEM_ROWS = [0, 1, 2];

const peopleOptions = (ctx: DecisionPageContext): Option[] =>
  Object.entries(ctx.names.staff)
    .map(([id, s]) => ({ value: id, label: s.name, group: ctx.names.units[s.unitId]?.[ctx.lang] ?? s.unitId }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label));
const unitOptions = (ctx: DecisionPageContext): Option[] => Object.entries(ctx.names.units).map(([id, n]) => ({ value: id, label: n[ctx.lang] }));

const maxOf = (maxFileBytes: number | undefined) => (maxFileBytes !== undefined ? { maxBytes: maxFileBytes } : {});

export function NewMeetingPage(p: { ctx: DecisionPageContext; form: FormState; idem: string; mayRecord: boolean; today: string; maxFileBytes?: number | undefined }) {
  const { ctx } = p;
  const d = D[ctx.lang];
  const f: FieldContext = { form: 'meeting', state: p.form, lang: ctx.lang };
  return (
    <Frame ctx={ctx} title={d.meetingNew}>
      <div class="page-heading">
        <h1>{d.meetingNew}</h1>
      </div>
      {p.mayRecord ? (
        <section class="actions">
          <ActionForm f={f} name="meeting.create" action={href('/meetings', {}, ctx.lang)} csrf={ctx.csrf} submit={d.meetingNew} idem={p.idem} heading={d.meetingNew}>
            <SelectField f={f} name="kind" label={d.meetingKind} required options={Object.entries(ctx.names.meetingKinds).map(([k, n]) => ({ value: k, label: n[ctx.lang] }))} />
            <TextField f={f} name="heldOn" type="date" label={d.heldOn} value={p.today} required />
            <SelectField f={f} name="chairId" label={d.chair} required value={ctx.viewer.staffId} options={peopleOptions(ctx)} />
            <SelectField f={f} name="unitId" label={d.unit} empty={d.none} options={unitOptions(ctx)} />
            <TextField f={f} name="subject" label={d.meetingSubject} maxlength={300} />
            <SelectField f={f} name="participantIds" label={d.participants} multiple options={peopleOptions(ctx)} />
            <TextArea f={f} name="minutes" label={d.minutes} rows={5} maxlength={20000} />
            <FileField f={f} label={RF[ctx.lang].minutesFiles} {...maxOf(p.maxFileBytes)} />
          </ActionForm>
        </section>
      ) : (
        <p>{d.notYours}</p>
      )}
    </Frame>
  );
}

export function ConclusionsPage(p: {
  ctx: DecisionPageContext;
  meeting: { id: string; kind: string; heldOn: string; chairId: string; subject?: string; version: number; conclusionsIssued: boolean };
  form: FormState;
  idem: string;
  maxFileBytes?: number | undefined;
}) {
  const { ctx, meeting: m } = p;
  const d = D[ctx.lang];
  const f: FieldContext = { form: 'conclusions', state: p.form, lang: ctx.lang };
  const title = `${ctx.names.meetingKinds[m.kind]?.[ctx.lang] ?? m.kind} ${day(m.heldOn, ctx.lang)}`;
  return (
    <Frame ctx={ctx} title={title}>
      <div class="page-heading">
        <h1>{title}</h1>
        <p class="subtitle">
          {d.chair}: {personName(ctx, m.chairId)}
          {m.subject ? ` · ${m.subject}` : ''} · <a href={href(`/meetings/${encodeURIComponent(m.id)}`, {}, ctx.lang)}>{m.id}</a>
        </p>
      </div>
      {m.conclusionsIssued ? null : (
        <section class="actions">
          <ActionForm f={f} name="meeting.conclusions" action={href(`/meetings/${encodeURIComponent(m.id)}/conclusions`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.conclusions} idem={p.idem} version={m.version} heading={d.conclusions}>
            <TextArea f={f} name="summary" label={d.summary} rows={3} maxlength={5000} />
            {ITEM_ROWS.map((i) => (
              <fieldset class="field">
                <legend>{d.item(i + 1)}</legend>
                <TextField f={f} name={`items.${i}.text`} label={d.itemText} required={i === 0} maxlength={500} />
                <SelectField f={f} name={`items.${i}.assigneeId`} label={d.assignee} empty={d.none} options={peopleOptions(ctx)} />
                <SelectField f={f} name={`items.${i}.unitId`} label={d.orUnit} empty={d.none} options={unitOptions(ctx)} />
                <TextField f={f} name={`items.${i}.dueDate`} type="date" label={d.itemDue} required={i === 0} />
              </fieldset>
            ))}
            <FileField f={f} label={RF[ctx.lang].conclusionsFiles} {...maxOf(p.maxFileBytes)} />
          </ActionForm>
        </section>
      )}
      <p>
        <a href={href(`/meetings/${encodeURIComponent(m.id)}`, {}, ctx.lang)}>{d.back}</a>
      </p>
    </Frame>
  );
}
