import { defaultClientConditions, defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources, not dist (the packaging check covers dist).
const source = '@hpckit/source';

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/portal/test/**/*.test.ts',
    ],
    // Slurm integration tests need the real test cluster; `npm run test:slurm` sets HPCKIT_SLURM=1.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.HPCKIT_SLURM === '1'
        ? []
        : [
            'packages/adapter-slurm/test/**/*.int.test.ts',
            'packages/apps/test/**/*.int.test.ts',
            'packages/remote/test/**/*.int.test.ts',
            'packages/cli/test/**/*.int.test.ts',
            'test/**/*.int.test.ts',
            'examples/portal/test/**/*.int.test.ts',
          ]),
      // Reliability drills stop and restart the cluster's daemons; `npm run test:drills` sets HPCKIT_DRILLS=1.
      ...(process.env.HPCKIT_DRILLS === '1' ? [] : ['test/drills/**']),
      // PostgreSQL tests need the server of scripts/postgres/up.sh; `npm run test:pg` sets HPCKIT_PG=1.
      ...(process.env.HPCKIT_PG === '1' ? [] : ['packages/*/test/**/*.pg.test.ts']),
    ],
    setupFiles: ['test/setup/fail-on-console.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
