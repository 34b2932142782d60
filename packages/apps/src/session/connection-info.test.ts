import { describe, expect, it } from 'vitest';
import { defineApp } from '../definition/app-definition.js';
import { jupyterNotebook } from '../definition/builtin-apps.js';
import { parseConnectionFile } from './connection-file.js';
import { connectionInfo, fillPlaceholders } from './connection-info.js';

const secret = 'a'.repeat(64);

describe('connectionInfo', () => {
  it('fills the token into the URL and headers', () => {
    const info = connectionInfo(jupyterNotebook, 's1', { host: 'gpu01', port: 28888, secret });
    expect(info.origin).toBe('http://gpu01:28888');
    expect(info.url).toBe(`http://gpu01:28888/tree?token=${secret}`);
    expect(info.headers).toEqual({ Authorization: `token ${secret}` });
    expect(info.password).toBe(secret);
  });

  it('fills a POST login form and encodes query values', () => {
    const app = defineApp({
      id: 'desk',
      name: 'Desk',
      kind: 'vnc',
      script: 'true',
      connect: {
        method: 'POST',
        path: '/s/{{session}}/login',
        query: { q: 'a b&{{port}}' },
        form: { password: '{{password}}' },
      },
    });
    const info = connectionInfo(app, 's9', { host: 'n1', port: 5901, secret });
    expect(info.url).toBe('http://n1:5901/s/s9/login?q=a+b%265901');
    expect(info.form).toEqual({ password: secret });
    expect(info.method).toBe('POST');
  });

  it('leaves unknown placeholders alone', () => {
    expect(fillPlaceholders('{{password}}-{{other}}', { password: 'p' })).toBe('p-{{other}}');
  });
});

describe('parseConnectionFile', () => {
  it('parses what the script writes', () => {
    const text = `{"host":"n1","port":2000,"secret":"${secret}","jobId":"12"}\n`;
    expect(parseConnectionFile(text, '/x')).toEqual({ host: 'n1', port: 2000, secret, jobId: '12' });
  });

  it('refuses a short secret without echoing the file', () => {
    const err = (() => {
      try {
        parseConnectionFile('{"host":"n1","port":2000,"secret":"short-secret-value"}', '/h/c.json');
      } catch (e) {
        return e as Error & { code: string };
      }
    })();
    expect(err?.code).toBe('PARSE');
    expect(err?.message).toContain('/h/c.json');
    expect(err?.message).not.toContain('short-secret-value');
  });
});
