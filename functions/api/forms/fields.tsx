/** @jsxImportSource hono/jsx */
/**
 * The form components of the workspace (issue #16). Every action form is a plain HTML form
 * (no script needed) carrying `data-action`, the session's `_csrf`, the record's `_version`
 * when it changes a record, an `_idem` key so a double click creates one record, and exactly one
 * submit button. Every field has a <label>; its error sits next to it (aria-describedby) and what
 * was typed is shown again.
 */
import type { Child } from 'hono/jsx';
import type { Lang } from '../views/dashboard/i18n.js';
import { CSRF_FIELD } from './csrf.js';
import { CONFIRMATIONS, W } from './i18n.js';
import { IDEMPOTENCY_FIELD, VERSION_FIELD, type FormState } from './parse.js';

/** Element ids from field names, unique per form: `progress-percent`, `complete-evidence-0-url`. */
const idOf = (form: string, name: string) => `${form}-${name}`.replace(/[^A-Za-z0-9-]/g, '-');

export interface FieldContext {
  /** The form's id prefix (one page may hold several forms). */
  readonly form: string;
  readonly state: FormState;
  readonly lang: Lang;
}

const valueOf = (f: FieldContext, name: string, fallback?: string): string => {
  const v = f.state.values[name];
  if (v === undefined) return fallback ?? '';
  return Array.isArray(v) ? (v.at(-1) ?? '') : v;
};
const valuesOf = (f: FieldContext, name: string, fallback: readonly string[] = []): readonly string[] => {
  const v = f.state.values[name];
  return v === undefined ? fallback : Array.isArray(v) ? v : [v];
};

function ErrorText({ f, name }: { f: FieldContext; name: string }) {
  const error = f.state.errors[name];
  return error ? (
    <p class="field-error" id={`${idOf(f.form, name)}-error`}>
      {error}
    </p>
  ) : null;
}

const described = (f: FieldContext, name: string, hint?: string) => {
  const ids = [hint ? `${idOf(f.form, name)}-hint` : '', f.state.errors[name] ? `${idOf(f.form, name)}-error` : ''].filter(Boolean).join(' ');
  return {
    ...(ids ? { 'aria-describedby': ids } : {}),
    ...(f.state.errors[name] ? { 'aria-invalid': 'true' as const } : {}),
  };
};

function Label({ f, name, label, required }: { f: FieldContext; name: string; label: string; required?: boolean | undefined }) {
  return (
    <label for={idOf(f.form, name)}>
      {label}
      {required ? null : <span class="optional"> {W[f.lang].optional}</span>}
    </label>
  );
}

export function TextField(p: {
  f: FieldContext;
  name: string;
  label: string;
  type?: 'text' | 'date' | 'number' | 'url';
  value?: string | undefined;
  required?: boolean;
  hint?: string;
  min?: string | number;
  max?: string | number;
  maxlength?: number;
}) {
  const id = idOf(p.f.form, p.name);
  return (
    <div class={`field${p.f.state.errors[p.name] ? ' has-error' : ''}`}>
      <Label f={p.f} name={p.name} label={p.label} required={p.required} />
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={valueOf(p.f, p.name, p.value)}
        {...(p.required ? { required: true } : {})}
        {...(p.min !== undefined ? { min: String(p.min) } : {})}
        {...(p.max !== undefined ? { max: String(p.max) } : {})}
        {...(p.maxlength !== undefined ? { maxlength: p.maxlength } : {})}
        {...described(p.f, p.name, p.hint)}
      />
      <ErrorText f={p.f} name={p.name} />
    </div>
  );
}

/** `conditional`: required in some cases only (the hint says which): no "optional" mark, and the server decides. */
export function TextArea(p: { f: FieldContext; name: string; label: string; value?: string; required?: boolean; conditional?: boolean; hint?: string; rows?: number; maxlength?: number }) {
  const id = idOf(p.f.form, p.name);
  return (
    <div class={`field${p.f.state.errors[p.name] ? ' has-error' : ''}`}>
      <Label f={p.f} name={p.name} label={p.label} required={p.required || p.conditional} />
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 3}
        {...(p.required ? { required: true } : {})}
        {...(p.maxlength !== undefined ? { maxlength: p.maxlength } : {})}
        {...described(p.f, p.name, p.hint)}
      >
        {valueOf(p.f, p.name, p.value)}
      </textarea>
      <ErrorText f={p.f} name={p.name} />
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
  /** Options grouped under a heading (a unit's people). */
  readonly group?: string;
}

function groupOptions(options: readonly Option[]): [string | undefined, Option[]][] {
  const groups: [string | undefined, Option[]][] = [];
  for (const o of options) {
    const last = groups.at(-1);
    if (last && last[0] === o.group) last[1].push(o);
    else groups.push([o.group, [o]]);
  }
  return groups;
}

export function SelectField(p: {
  f: FieldContext;
  name: string;
  label: string;
  options: readonly Option[];
  value?: string | undefined;
  required?: boolean;
  /** The first, empty choice (e.g. "— none —"). */
  empty?: string;
  hint?: string;
  multiple?: boolean;
  values?: readonly string[];
}) {
  const id = idOf(p.f.form, p.name);
  const chosen = p.multiple ? valuesOf(p.f, p.name, p.values) : [valueOf(p.f, p.name, p.value)];
  const option = (o: Option) => (
    <option value={o.value} selected={chosen.includes(o.value)}>
      {o.label}
    </option>
  );
  return (
    <div class={`field${p.f.state.errors[p.name] ? ' has-error' : ''}`}>
      <Label f={p.f} name={p.name} label={p.label} required={p.required} />
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <select
        id={id}
        name={p.name}
        {...(p.required ? { required: true } : {})}
        {...(p.multiple ? { multiple: true, size: Math.min(8, Math.max(3, p.options.length)) } : {})}
        {...described(p.f, p.name, p.hint)}
      >
        {p.empty !== undefined ? <option value="">{p.empty}</option> : null}
        {groupOptions(p.options).map(([group, options]) => (group ? <optgroup label={group}>{options.map(option)}</optgroup> : options.map(option)))}
      </select>
      <ErrorText f={p.f} name={p.name} />
    </div>
  );
}

/** A choice among a few values, e.g. a decision: `approve` = `true` or `false`, named as in the API body. */
export function RadioGroup(p: { f: FieldContext; name: string; legend: string; options: readonly Option[]; value?: string; required?: boolean }) {
  const chosen = valueOf(p.f, p.name, p.value);
  const errorId = `${idOf(p.f.form, p.name)}-error`;
  return (
    <fieldset class={`field radios${p.f.state.errors[p.name] ? ' has-error' : ''}`} {...(p.f.state.errors[p.name] ? { 'aria-describedby': errorId } : {})}>
      <legend>{p.legend}</legend>
      {p.options.map((o) => {
        const id = idOf(p.f.form, `${p.name}-${o.value}`);
        return (
          <div class="radio">
            <input type="radio" id={id} name={p.name} value={o.value} checked={chosen === o.value} {...(p.required ? { required: true } : {})} />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
      <ErrorText f={p.f} name={p.name} />
    </fieldset>
  );
}

/** A decision as the API body takes it: `approve` true or false, one required radio each way. */
export function ApproveField(p: { f: FieldContext; legend: string; yes: string; no: string }) {
  return (
    <RadioGroup
      f={p.f}
      name="approve"
      legend={p.legend}
      required
      options={[
        { value: 'true', label: p.yes },
        { value: 'false', label: p.no },
      ]}
    />
  );
}

export function CheckboxField(p: { f: FieldContext; name: string; label: string; checked?: boolean }) {
  const id = idOf(p.f.form, p.name);
  const sent = p.f.state.values[p.name];
  const checked = Object.keys(p.f.state.values).length > 0 ? sent !== undefined && sent !== 'false' : (p.checked ?? false);
  return (
    <div class="field checkbox">
      <input type="checkbox" id={id} name={p.name} value="true" checked={checked} />
      <label for={id}>{p.label}</label>
      <ErrorText f={p.f} name={p.name} />
    </div>
  );
}

/**
 * One action form. `name` is its contract name (`data-action`); the only submit button is its
 * own; `version` and `idem` travel as hidden fields.
 */
export function ActionForm(p: {
  f: FieldContext;
  name: string;
  action: string;
  csrf: string;
  submit: string;
  version?: number | undefined;
  idem?: string | undefined;
  heading?: string;
  /** Extra hidden fields (e.g. the extension request decided). */
  hidden?: Record<string, string>;
  children?: Child;
}) {
  const { f } = p;
  const w = W[f.lang];
  const errorNames = Object.keys(f.state.errors);
  const summaryId = `${f.form}-summary`;
  return (
    <form method="post" action={p.action} class="action-form" data-action={p.name} id={f.form} {...(p.heading ? { 'aria-labelledby': `${f.form}-heading` } : {})}>
      {p.heading ? <h3 id={`${f.form}-heading`}>{p.heading}</h3> : null}
      {f.state.message ? (
        <div class={`form-message ${f.state.kind ?? 'invalid'}`} role="alert" id={summaryId}>
          <p>{f.state.message}</p>
        </div>
      ) : errorNames.length > 0 ? (
        <div class="form-message invalid" role="alert" id={summaryId}>
          <p>{w.formErrors}</p>
          <ul>
            {errorNames.map((n) => (
              <li>
                <a href={`#${idOf(f.form, n)}`}>{f.state.errors[n]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
      {p.version !== undefined ? <input type="hidden" name={VERSION_FIELD} value={String(p.version)} /> : null}
      {p.idem ? <input type="hidden" name={IDEMPOTENCY_FIELD} value={p.idem} /> : null}
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {p.children}
      <div class="form-actions">
        <button type="submit" class="primary">
          {p.submit}
        </button>
      </div>
    </form>
  );
}

/** The confirmation after a successful action (`?ok=<action>`); nothing for an unknown name. */
export function Confirmation({ lang, ok }: { lang: Lang; ok: string | undefined }) {
  const text = ok ? CONFIRMATIONS[lang][ok] : undefined;
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}
