import { describe, expect, it } from 'vitest';
import { upstreamHeaders } from './upstream-headers.js';

const connection = { headers: { Authorization: `token ${'a'.repeat(64)}` } };

describe('upstreamHeaders', () => {
  it("drops the portal's cookies and credentials and adds the session's token", () => {
    const headers = upstreamHeaders(
      {
        accept: 'application/json',
        cookie: 'portal_session=s3cret; theme=dark',
        authorization: 'Bearer portal-jwt',
        'proxy-authorization': 'Basic cG9ydGFs',
        'x-requested-with': 'XMLHttpRequest',
      },
      connection,
    );
    expect(headers).toEqual({
      accept: 'application/json',
      'x-requested-with': 'XMLHttpRequest',
      authorization: connection.headers.Authorization,
    });
  });

  it('drops hop-by-hop headers, the ones Connection names, and Host', () => {
    const headers = upstreamHeaders(
      new Headers({
        connection: 'keep-alive, X-Portal-User',
        'keep-alive': 'timeout=5',
        'x-portal-user': 'alice',
        te: 'trailers',
        'transfer-encoding': 'chunked',
        upgrade: 'h2c',
        host: 'portal.example',
        'content-type': 'text/plain',
      }),
      { headers: {} },
    );
    expect(headers).toEqual({ 'content-type': 'text/plain' });
  });

  it('keeps the cookies the site says belong to the app, and drops more headers when told', () => {
    const headers = upstreamHeaders(
      {
        Cookie: ['portal_session=s3cret; _xsrf=abc', 'app-session=42'],
        'X-Api-Key': 'k',
        Accept: ['a', 'b'],
      },
      connection,
      { keepCookie: (name) => name === '_xsrf' || name.startsWith('app-'), drop: ['X-API-Key'] },
    );
    expect(headers).toEqual({
      cookie: '_xsrf=abc; app-session=42',
      accept: 'a, b',
      authorization: connection.headers.Authorization,
    });
  });

  it("lets the session's headers win over the browser's", () => {
    expect(upstreamHeaders({ 'x-token': 'forged' }, { headers: { 'X-Token': 'real' } })).toEqual({
      'x-token': 'real',
    });
  });

  it('refuses a header name that is not one', () => {
    expect(() => upstreamHeaders({}, connection, { drop: ['bad name'] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('upstreamHeaders origin', () => {
  it("replaces the browser's Origin with the one given, and adds none when the request had none", () => {
    const options = { origin: 'http://10.0.0.7:28888' };
    expect(upstreamHeaders({ origin: 'http://portal.example' }, connection, options).origin).toBe(
      'http://10.0.0.7:28888',
    );
    expect(upstreamHeaders({ accept: '*/*' }, connection, options).origin).toBeUndefined();
    expect(upstreamHeaders({ origin: 'http://portal.example' }, connection).origin).toBe(
      'http://portal.example',
    );
  });
});
