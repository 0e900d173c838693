/** @jsxImportSource hono/jsx */
// Local mode's sign-in: the demo department's staff by unit, one button each (dev tokens, no
// password). The form posts to /dev/sign-in, which sets the session cookie and goes on to `next`.
import type { LocalizedText } from '../../../shared/domain/organisation.js';
import { T, type Lang } from './dashboard/i18n.js';
import { Layout } from './layout.js';

export interface SignInChoice {
  readonly unit: { id: string; name: LocalizedText };
  readonly staff: readonly { id: string; name: string; roles: string }[];
}

export function SignInPage(props: { lang: Lang; url: string; next: string; organisation: LocalizedText; choices: readonly SignInChoice[]; notice?: string }) {
  const t = T[props.lang];
  return (
    <Layout lang={props.lang} title={`${t.signInTitle} — ${props.organisation[props.lang]}`} url={props.url} organisation={props.organisation}>
      <h1>{t.signInTitle}</h1>
      {props.notice ? <p class="notice">{props.notice}</p> : null}
      <p>{t.signInLocal}</p>
      <form method="post" action="/dev/sign-in" class="sign-in">
        <input type="hidden" name="next" value={props.next} />
        {props.choices.map((choice) => (
          <fieldset>
            <legend>{choice.unit.name[props.lang]}</legend>
            <ul>
              {choice.staff.map((s) => (
                <li>
                  <button type="submit" name="staffId" value={s.id}>
                    <span class="name">{s.name}</span> <span class="roles">{s.roles}</span>
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </form>
    </Layout>
  );
}
