/**
 * What a transport's errors are tagged with: the transport's `kind`. Each module makes its errors
 * through core's `errorsFor(kind)`, so messages read `[hpckit] [ssh] Could not connect to …` or
 * `[hpckit] [local] …`, and `HpckitError.adapter` names the transport that failed rather than a
 * scheduler adapter (or `@hpckit/remote`) that used it.
 */
export type TransportTag = 'local' | 'ssh';
