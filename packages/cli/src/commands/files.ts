import { basename, resolve } from 'node:path';
import type { FileEntry } from '@hpckit/remote';
import type { Command } from 'commander';
import { table } from '../output/io.js';
import { clusterOf } from './cluster-of.js';
import { action, type RunState } from './env.js';
import { examples } from './help.js';

const entryJson = (e: FileEntry) => ({
  name: e.name,
  path: e.path,
  type: e.type,
  size: e.size,
  mode: `0${e.mode.toString(8)}`,
  mtime: e.mtime.toISOString(),
});

const copied = (done: 'get' | 'put', from: string, to: string, bytes: number) => ({
  json: { done, from, to, bytes },
  text: `${from} → ${to} (${bytes} bytes)\n`,
});

/**
 * `hpckit files …`: the acting user's files on the cluster, through `@hpckit/remote` (SFTP on an
 * ssh cluster). Paths are its: relative ones start at the user's home and may not climb above it.
 */
export function filesCommand(program: Command, state: RunState): void {
  const files = program
    .command('files')
    .description("the acting user's files on the cluster (SFTP over ssh); relative paths start at the home");
  const fs = (env: Parameters<typeof clusterOf>[0]) => clusterOf(env).files();

  files
    .command('ls')
    .description('list a directory (default: the home), or show one file')
    .argument('[path]', 'directory or file', '~')
    .addHelpText('after', examples(['hpckit files ls', 'hpckit --as alice files ls runs --json']))
    .action(
      action(state, async (env, path: string) => {
        const f = fs(env);
        const where = await f.stat(path);
        const entries = where.type === 'directory' ? await f.list(path) : [where];
        return {
          json: { path: where.path, entries: entries.map(entryJson) },
          text: table(
            ['name', 'type', 'size', 'mode', 'modified'],
            entries.map((e) => [e.name, e.type, e.size, `0${e.mode.toString(8)}`, e.mtime.toISOString()]),
          ),
        };
      }),
    );

  files
    .command('get')
    .description('copy a file of the cluster to this machine (default: its name, here)')
    .argument('<path>', 'file on the cluster')
    .argument('[local]', 'where to write it here')
    .option('--overwrite', 'replace a local file of that name')
    .addHelpText(
      'after',
      examples([
        'hpckit files get runs/slurm-1234.out',
        'hpckit files get results.csv ./out/results.csv --overwrite',
      ]),
    )
    .action(
      action(state, async (env, path: string, local: string | undefined, opts: { overwrite?: boolean }) => {
        const to = resolve(env.cwd, local ?? basename(path));
        const f = fs(env);
        const { bytes } = await f.download(path, to, { overwrite: opts.overwrite === true });
        return copied('get', await f.resolve(path), to, bytes);
      }),
    );

  files
    .command('put')
    .description('copy a file of this machine to the cluster (default: its name, in the home)')
    .argument('<local>', 'file here')
    .argument('[path]', 'where to write it on the cluster')
    .option('--overwrite', 'replace a file of that name on the cluster')
    .addHelpText(
      'after',
      examples([
        'hpckit files put input.yaml runs/input.yaml',
        'hpckit --as alice files put relax.py --overwrite',
      ]),
    )
    .action(
      action(state, async (env, local: string, path: string | undefined, opts: { overwrite?: boolean }) => {
        const from = resolve(env.cwd, local);
        const f = fs(env);
        const to = await f.resolve(path ?? basename(from));
        const { bytes } = await f.upload(from, to, { overwrite: opts.overwrite === true });
        return copied('put', from, to, bytes);
      }),
    );

  files
    .command('rm')
    .description('delete files, symlinks or empty directories (with -r, directories and everything in them)')
    .argument('<paths...>', 'what to delete')
    .option('-r, --recursive', 'delete directories with their contents')
    .addHelpText('after', examples(['hpckit files rm runs/old.out', 'hpckit files rm -r runs/sweep-3']))
    .action(
      action(state, async (env, paths: string[], opts: { recursive?: boolean }) => {
        const f = fs(env);
        const done: string[] = [];
        for (const path of paths) {
          await f.delete(path, { recursive: opts.recursive === true });
          done.push(await f.resolve(path));
        }
        return { json: { done: 'rm', paths: done }, text: done.map((p) => `removed ${p}\n`).join('') };
      }),
    );

  files
    .command('mv')
    .description('rename or move a file or directory on the cluster')
    .argument('<from>', 'what to move')
    .argument('<to>', 'its new path')
    .option('--overwrite', 'replace what is at <to>')
    .addHelpText('after', examples(['hpckit files mv runs/a.out runs/archive/a.out']))
    .action(
      action(state, async (env, from: string, to: string, opts: { overwrite?: boolean }) => {
        const f = fs(env);
        await f.rename(from, to, { overwrite: opts.overwrite === true });
        const [a, b] = [await f.resolve(from), await f.resolve(to)];
        return { json: { done: 'mv', from: a, to: b }, text: `${a} → ${b}\n` };
      }),
    );
}
