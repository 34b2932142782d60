import { html } from 'hono/html';
import { type Html, layout, type View } from './layout.js';

/**
 * The shell screen: a terminal box `static/shell.js` fills with xterm.js and connects to
 * `/shell/socket`. The labels the script shows travel as data attributes, in the user's language.
 */
export const shellPage = (v: View, cwd: string | undefined): Html =>
  layout(
    v,
    v.t.shell,
    html`<link rel="stylesheet" href="/shell/assets/xterm.css" />
    <p id="shell-status" data-state="connecting" data-open="${v.t.shellOpen}" data-exited="${v.t.shellExited}"
      data-lost="${v.t.shellLost}">${v.t.shellConnecting}</p>
    <div id="terminal" data-cwd="${cwd ?? ''}"></div>
    <p id="shell-again" hidden><a href="/shell${cwd ? `?cwd=${encodeURIComponent(cwd)}` : ''}">${v.t.shellAgain}</a></p>`,
    '/shell/assets/shell.js',
  );
