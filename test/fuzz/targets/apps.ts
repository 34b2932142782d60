/**
 * App forms, connection files and proxy inputs as a hostile user fills or writes them: form
 * validation, a session created on the mock, the connection file the user's job writes, and the
 * headers and paths a browser sends through the portal's proxy.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import {
  BUILTIN_APPS,
  createAppSessions,
  memorySessionFiles,
  parseConnectionFile,
  upstreamHeaders,
  upstreamUrl,
  validateForm,
} from '@hpckit/apps';
import { createClient } from '@hpckit/core';
import fc from 'fast-check';
import { fuzzTarget } from '../support/fuzz-target.js';
import { hostileNumber, hostileText, hostileValue } from '../support/hostile.js';

const app = fc.constantFrom(...BUILTIN_APPS);
const formValues = app.chain((a) =>
  fc.record({
    app: fc.constant(a),
    values: fc.dictionary(
      fc.oneof(fc.constantFrom(...a.attributes.map((attr) => attr.name)), hostileText),
      fc.oneof(hostileText, hostileNumber, hostileValue),
      { maxKeys: 6 },
    ),
  }),
);

const client = createClient({ clusters: { hpc: { adapter: mockAdapter() } } }).as('alice');
const sessions = createAppSessions({ client, files: memorySessionFiles('/home/alice') });

const connectionText = fc.oneof(
  hostileText,
  fc
    .record(
      { host: hostileValue, port: hostileValue, secret: hostileValue, jobId: hostileValue },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
);

export const targets = [
  fuzzTarget({
    name: 'validateForm',
    arbitrary: formValues,
    run: ({ app, values }) => validateForm(app, values),
  }),
  fuzzTarget({
    name: 'app session create',
    arbitrary: formValues,
    run: ({ app, values }) => sessions.create(app.id, values),
  }),
  fuzzTarget({
    name: 'parseConnectionFile',
    arbitrary: connectionText,
    run: (text) => parseConnectionFile(text, '/home/alice/.hpckit/apps/x/connection.json'),
  }),
  fuzzTarget({
    name: 'upstreamHeaders',
    arbitrary: fc.dictionary(hostileText, fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 }))),
    run: (headers) => upstreamHeaders(headers, { headers: { Authorization: 'token x' } }),
  }),
  fuzzTarget({
    name: 'upstreamUrl',
    arbitrary: hostileText,
    run: (path) => upstreamUrl({ origin: 'http://127.0.0.1:20001' }, path),
  }),
];
