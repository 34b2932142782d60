/**
 * The library logs only through an injected logger, so any console output during a test is a bug
 * (a stray debug line, or a library writing where a portal cannot capture it).
 */
import { afterEach } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let offences: string[] = [];

for (const method of methods) {
  console[method] = (...args: unknown[]) => {
    offences.push(`console.${method}: ${args.map(String).join(' ')}`);
  };
}

afterEach(() => {
  const found = offences;
  offences = [];
  if (found.length > 0) throw new Error(`Test wrote to the console:\n${found.join('\n')}`);
});
