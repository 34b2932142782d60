import { html } from 'hono/html';
import { form, type Html, layout, messages, type View } from './layout.js';

/** The sign-in screen: the authenticator decides who the name (and password) are. */
export const signinPage = (v: View, error?: string): Html =>
  layout(
    v,
    v.t.signIn,
    html`${messages(error ? [error] : [])}
    ${form(
      v,
      '/signin',
      html`<label>${v.t.userName} <input name="name" autocomplete="username" required /></label>
      <label>${v.t.password} <input name="password" type="password" autocomplete="current-password" /></label>
      <button type="submit" id="signin">${v.t.signIn}</button>`,
    )}`,
  );
