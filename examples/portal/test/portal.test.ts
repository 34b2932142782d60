import { parseChargesCsv } from '@hpckit/billing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from './start-portal.js';
import { visitorOf } from './visitor.js';

let portal: Awaited<ReturnType<typeof startPortal>>;
const visitor = () => visitorOf(portal);

async function runningJobOf(user: string) {
  const { jobs } = await portal.site.services.client.jobs.list({
    users: [user],
    states: ['queued', 'running'],
  });
  expect(jobs.length).toBeGreaterThan(0);
  return jobs[0]!.id;
}

beforeAll(async () => {
  portal = await startPortal();
}, 30_000);
afterAll(async () => {
  await portal?.close();
});

describe('the portal refuses', () => {
  it('a state-changing request without the CSRF token, or with another one', async () => {
    const alice = visitor();
    await alice.signIn('alice');
    const id = await runningJobOf('alice');
    for (const form of [{}, { _csrf: 'forged' }] as Record<string, string>[]) {
      const res = await alice.request(`/jobs/${id}/cancel`, { form });
      expect(res.status).toBe(403);
    }
    const job = await portal.site.services.client.jobs.get(id);
    expect(job.state.outcome).toBeUndefined();
  });

  it('a form posted from another origin, even with the token', async () => {
    const alice = visitor();
    await alice.signIn('alice');
    const id = await runningJobOf('alice');
    const res = await alice.request(`/jobs/${id}/cancel`, {
      form: { _csrf: alice.token() },
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect((await portal.site.services.client.jobs.get(id)).state.outcome).toBeUndefined();
  });

  it("another user's job by URL: not shown, not cancelled, not changed", async () => {
    const id = await runningJobOf('alice');
    const carol = visitor();
    await carol.signIn('carol');
    const seen = await carol.request(`/jobs/${encodeURIComponent(id)}`);
    expect(seen.status).toBe(404);
    expect(seen.text).not.toContain('alice-lab');
    const cancel = await carol.request(`/jobs/${encodeURIComponent(id)}/cancel`, {
      form: { _csrf: carol.token() },
    });
    expect(cancel.status).toBe(404);
    const limit = await carol.request(`/jobs/${encodeURIComponent(id)}/time-limit`, {
      form: { _csrf: carol.token(), timeLimit: '100h' },
    });
    expect(limit.status).toBe(404);
    const job = await portal.site.services.client.jobs.get(id);
    expect(job.state.outcome).toBeUndefined();
    expect(job.timeLimitSeconds).toBe(41 * 3600);
  });

  it('the owner changes its time limit (a bad one in their language) and cancels it', async () => {
    const id = await runningJobOf('alice');
    const alice = visitor();
    await alice.signIn('alice');
    expect((await alice.request(`/jobs/${encodeURIComponent(id)}`)).status).toBe(200);
    const lower = await alice.request(`/jobs/${encodeURIComponent(id)}/time-limit`, {
      form: { _csrf: alice.token(), timeLimit: '30h' },
    });
    expect(lower.status).toBe(302);
    expect((await portal.site.services.client.jobs.get(id)).timeLimitSeconds).toBe(30 * 3600);
    const switched = await alice.request('/lang', {
      form: { _csrf: alice.token(), lang: 'zh-CN', back: '/jobs' },
    });
    expect(switched.location).toBe('/jobs');
    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example'])
      expect(
        (await alice.request('/lang', { form: { _csrf: alice.token(), lang: 'zh-CN', back } })).location,
      ).toBe('/');
    const bad = await alice.request(`/jobs/${encodeURIComponent(id)}/time-limit`, {
      form: { _csrf: alice.token(), timeLimit: 'soon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/[\u4e00-\u9fff]/);
    expect(bad.text).toContain('soon');
    const res = await alice.request(`/jobs/${encodeURIComponent(id)}/cancel`, {
      form: { _csrf: alice.token() },
    });
    expect(res.status).toBe(302);
    expect((await portal.site.services.client.jobs.get(id)).state.outcome).toBe('cancelled');
  });

  it("an account's administration to a plain member, and a forged session cookie", async () => {
    const carol = visitor();
    await carol.signIn('carol');
    const page = await carol.request('/accounts/catalysis');
    expect(page.status).toBe(403);
    const limit = await carol.request('/accounts/catalysis/members/carol/limit', {
      form: { _csrf: carol.token(), amount: '999999' },
    });
    expect(limit.status).toBe(403);
    for (const [path, form] of [
      ['/accounts/catalysis/members', { user: 'mallory' }],
      ['/accounts/catalysis/members/alice/remove', {}],
      ['/accounts/catalysis/members/carol/role', { role: 'admin' }],
    ] as const) {
      expect((await carol.request(path, { form: { _csrf: carol.token(), ...form } })).status).toBe(403);
    }
    // The charges export follows the ledger's rule: a plain member gets only their own.
    const own = await carol.request('/accounts/catalysis/charges.csv');
    const users = parseChargesCsv(own.text).map((r) => r.user);
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users)).toEqual(new Set(['carol']));
    const members = await portal.site.services.ledger.as({ user: 'dave' }).listMembers('catalysis');
    expect(members.map((m) => `${m.user}:${m.role}`).sort()).toEqual([
      'alice:member',
      'carol:member',
      'dave:owner',
    ]);

    const res = await portal.app.request(`${portal.url}/dashboard`, {
      headers: { cookie: 'hpckit_session=dave.forgedsignature' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin');
  });

  it('an unknown name at sign-in, without saying more', async () => {
    const who = visitor();
    await who.request('/signin');
    const res = await who.request('/signin', { form: { _csrf: who.token(), name: 'mallory' } });
    expect(res.status).toBe(401);
    expect(res.text).toContain('No such user.');
  });
});
