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

  it('connects to the address when one is given, keeping the host for placeholders', () => {
    const app = defineApp({
      id: 'h',
      name: 'H',
      kind: 'web',
      script: 'true',
      connect: { path: '/', headers: { 'X-Node': '{{host}}' } },
    });
    const info = connectionInfo(app, 's1', { host: 'vm', address: '10.0.0.7', port: 28888, secret });
    expect(info).toMatchObject({ host: 'vm', address: '10.0.0.7', origin: 'http://10.0.0.7:28888' });
    expect(info.url).toBe('http://10.0.0.7:28888/');
    expect(info.headers).toEqual({ 'X-Node': 'vm' });
    expect(connectionInfo(app, 's1', { host: 'fd00::7', port: 28888, secret }).origin).toBe(
      'http://[fd00::7]:28888',
    );
  });

  it.each([
    ['a b', 'PARSE'],
    ['::1]:22/x#', 'PARSE'],
    ['evil@10.0.0.7', 'PARSE'],
  ])('refuses the host %j with a typed error, never a bare TypeError', (host, code) => {
    expect(() => connectionInfo(jupyterNotebook, 's1', { host, port: 28888, secret })).toThrow(
      expect.objectContaining({ code }),
    );
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

  it('refuses a file without the job id it must name', () => {
    expect(() => parseConnectionFile(`{"host":"n1","port":2000,"secret":"${secret}"}`, '/h/c.json')).toThrow(
      expect.objectContaining({
        code: 'PARSE',
        message: expect.stringContaining('field "jobId" is missing'),
      }),
    );
  });

  it('says when a file is not JSON, or not an object', () => {
    expect(() => parseConnectionFile(`{"host":"n1",`, '/h/c.json')).toThrow(
      /c\.json is not valid: is not JSON/,
    );
    expect(() => parseConnectionFile(`["n1", 2000]`, '/h/c.json')).toThrow(/is not a JSON object/);
  });

  it('refuses a short secret without echoing the file', () => {
    const err = (() => {
      try {
        parseConnectionFile(
          '{"host":"n1","port":2000,"secret":"short-secret-value","jobId":"7"}',
          '/h/c.json',
        );
      } catch (e) {
        return e as Error & { code: string };
      }
    })();
    expect(err?.code).toBe('PARSE');
    expect(err?.message).toContain('/h/c.json');
    expect(err?.message).toContain('field "secret" is not text of at least 32 characters');
    expect(err?.message).not.toContain('short-secret-value');
  });
});
