import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { parseSigned } from 'hono/utils/cookie';

const SESSION = 'hpckit_session';
const CSRF = 'hpckit_csrf';
const COOKIE = { httpOnly: true, sameSite: 'Lax', path: '/' } as const;

/** What a request carries: the signed-in cluster user, and the token its forms must send back. */
export interface RequestSession {
  user: string | undefined;
  csrf: string;
}

/** The portal's own cookies, which an app behind its proxy may neither read nor set. */
export const PORTAL_COOKIES = [SESSION, CSRF, 'lang'] as const;

/** Hono variables the session middleware sets. */
export type SessionVariables = { session: RequestSession };

const newToken = () => randomBytes(24).toString('base64url');

/**
 * The cluster user a request's `Cookie` header signs in, or undefined when there is none or its
 * signature does not verify (forged, altered, or signed with another secret). The pages and the
 * WebSocket upgrades (which never reach Hono) both ask this.
 */
export async function signedInUser(cookieHeader: string | undefined, secret: string) {
  if (!cookieHeader) return undefined;
  return (await parseSigned(cookieHeader, secret, SESSION))[SESSION] || undefined;
}

/**
 * Reads the signed session and CSRF cookies (a forged or altered one counts as absent) and makes
 * sure every visitor has a CSRF token, so the sign-in form is protected too.
 */
export function sessionMiddleware(secret: string): MiddlewareHandler<{ Variables: SessionVariables }> {
  return async (c, next) => {
    const user = await signedInUser(c.req.header('cookie'), secret);
    let csrf = (await getSignedCookie(c, secret, CSRF)) || undefined;
    if (!csrf) {
      csrf = newToken();
      await setSignedCookie(c, CSRF, csrf, secret, COOKIE);
    }
    c.set('session', { user, csrf });
    await next();
  };
}

/**
 * Refuses (403) a state-changing request whose `_csrf` field does not match the visitor's token.
 * hono/csrf checks the Origin before this; the token also stops a same-site page from posting.
 */
export function csrfTokenMiddleware(): MiddlewareHandler<{ Variables: SessionVariables }> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const body = await c.req.parseBody();
    const sent = typeof body._csrf === 'string' ? Buffer.from(body._csrf) : Buffer.alloc(0);
    const expected = Buffer.from(c.get('session').csrf);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      return c.text('Forbidden: the form is stale or came from another site. Reload the page.', 403);
    }
    return next();
  };
}

/** Signs `user` in: a new CSRF token, so one seen before signing in is worth nothing after. */
export async function startSession(c: Context, secret: string, user: string) {
  await setSignedCookie(c, SESSION, user, secret, COOKIE);
  await setSignedCookie(c, CSRF, newToken(), secret, COOKIE);
}

/** Signs out: both cookies go. */
export function endSession(c: Context) {
  deleteCookie(c, SESSION, { path: '/' });
  deleteCookie(c, CSRF, { path: '/' });
}
