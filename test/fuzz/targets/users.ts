/**
 * User names as a portal receives them (a login, a member to add, a user to act for): the
 * schema, a client view, a transport acting for them (nothing runs for a name it refuses), and
 * the command that would switch to them.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, parseInput, UserNameSchema } from '@hpckit/core';
import { ActAsSchema, localTransport } from '@hpckit/transport';
import fc from 'fast-check';
// Not public: the transports build every user switch with it.
import { actAsArgv } from '../../../packages/transport/src/act-as.js';
import { fuzzTarget } from '../support/fuzz-target.js';
import { hostileText } from '../support/hostile.js';

const name = fc.oneof(
  hostileText,
  fc.constantFrom(
    '-m',
    '--login',
    '-p',
    '#2001',
    '#0',
    'root',
    'toor',
    '0',
    '2001',
    'alice',
    'a:b',
    'a/b',
    'a b',
  ),
  fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,40}$/),
);
const client = createClient({ clusters: { hpc: { adapter: mockAdapter() } } });
const transport = localTransport({ actAs: { mode: 'sudo' } });

export const targets = [
  fuzzTarget({
    name: 'UserNameSchema',
    arbitrary: name,
    run: (n) => parseInput(UserNameSchema, n, 'user name'),
  }),
  fuzzTarget({ name: 'client.as', arbitrary: name, run: (n) => client.as(n).jobs.list({ limit: 1 }) }),
  fuzzTarget({
    name: 'transport acting for a user',
    // Unknown names stop at the uid lookup; refused ones before anything runs.
    arbitrary: name,
    run: (n) => transport.exec({ argv: ['true'], user: n, timeoutMs: 5_000 }),
  }),
  fuzzTarget({
    name: 'act-as argv',
    arbitrary: fc.tuple(fc.constantFrom('sudo', 'su') as fc.Arbitrary<'sudo' | 'su'>, name),
    run: ([mode, n]) => {
      const argv = actAsArgv(ActAsSchema.parse({ mode }), n, ['true']);
      // A switch is only ever built for a valid login name; su gets it after "--", sudo as -u's value.
      if (!UserNameSchema.safeParse(n).success)
        throw new Error(`a switch was built for ${JSON.stringify(n)}`);
      const at = mode === 'su' ? argv.length - 1 : argv.indexOf('-u') + 1;
      if (argv[at] !== n || (mode === 'su' && argv[at - 1] !== '--'))
        throw new Error(`unexpected switch ${argv.join(' ')}`);
    },
  }),
];
