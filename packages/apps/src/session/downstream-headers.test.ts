import { describe, expect, it } from 'vitest';
import { downstreamHeaders } from './downstream-headers.js';

const connection = { origin: 'http://10.0.0.7:28888' };

describe('downstreamHeaders', () => {
  it("drops a Set-Cookie for the portal's cookie names and keeps the app's own", () => {
    const incoming = new Headers();
    incoming.append('set-cookie', 'hpckit_session=forged; Path=/');
    incoming.append('set-cookie', 'HPCKIT_CSRF=x; Path=/');
    incoming.append('set-cookie', '_xsrf=2|abc; Path=/apps/s/proxy/');
    incoming.append('content-type', 'text/html');
    const out = downstreamHeaders(incoming, connection, { portalCookies: ['hpckit_session', 'hpckit_csrf'] });
    expect(out.getSetCookie()).toEqual(['_xsrf=2|abc; Path=/apps/s/proxy/']);
    expect(out.get('content-type')).toBe('text/html');
  });

  it('drops hop-by-hop headers and the ones Connection names', () => {
    const out = downstreamHeaders(
      new Headers({
        connection: 'close, x-node-secret',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'x-node-secret': 'n',
        etag: '"1"',
      }),
      connection,
    );
    expect([...out.keys()]).toEqual(['etag']);
  });

  it("makes a Location on the server's origin a path, and leaves relative and other ones", () => {
    const at = (location: string) => downstreamHeaders(new Headers({ location }), connection).get('location');
    expect(at('http://10.0.0.7:28888/apps/s/proxy/lab?x=1#h')).toBe('/apps/s/proxy/lab?x=1#h');
    expect(at('tree')).toBe('tree');
    expect(at('/apps/s/proxy/tree')).toBe('/apps/s/proxy/tree');
    expect(at('https://docs.jupyter.org/')).toBe('https://docs.jupyter.org/');
  });

  it('refuses a malformed cookie name', () => {
    expect(() => downstreamHeaders(new Headers(), connection, { portalCookies: ['a b'] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
