import { expect } from 'vitest';

/** A visitor without a browser: keeps its cookies and the CSRF token of the last page. */
export function visitorOf(portal: {
  app: { request(input: string, init: RequestInit): Response | Promise<Response> };
  url: string;
}) {
  const jar = new Map<string, string>();
  let token = '';
  const request = async (
    path: string,
    init: { form?: Record<string, string>; multipart?: FormData; origin?: string } = {},
  ) => {
    const headers: Record<string, string> = {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    let body: URLSearchParams | FormData | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form);
    } else if (init.multipart) body = init.multipart;
    if (body) headers.origin = init.origin ?? portal.url;
    const res = await portal.app.request(`${portal.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers,
      body,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const text = await res.text();
    token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? token;
    return {
      status: res.status,
      text,
      location: res.headers.get('location'),
      disposition: res.headers.get('content-disposition'),
    };
  };
  return {
    request,
    token: () => token,
    /** The visitor's cookies, as a `Cookie` header. */
    cookie: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    async signIn(name: string) {
      await request('/signin');
      const res = await request('/signin', { form: { _csrf: token, name } });
      expect(res.location).toBe('/dashboard');
      await request('/dashboard');
    },
  };
}
