/**
 * SFTP transfers of `@hpckit/remote` on the test cluster's sshd (loopback): upload and download of
 * a 100 MB file through `sftpFileSystem` beside OpenSSH's `scp` (an SFTP client too since OpenSSH
 * 9) moving the same file in the same run. Needs the cluster (scripts/slurm-cluster/up.sh).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sftpFileSystem } from '@hpckit/remote';
import { sshTransport } from '@hpckit/transport';
import { figures, median, report, section } from './lib/measure.js';
import { clusterUp, KEY, KNOWN_HOSTS, OPENSSH_OPTIONS, PORT } from './lib/slurm-cluster.js';

const SIZE = 100 * 1024 * 1024;
const RUNS = 3;

function scp(from: string, to: string): void {
  execFileSync('scp', ['-q', '-P', String(PORT), ...OPENSSH_OPTIONS, from, to], { stdio: 'pipe' });
}

export async function run(): Promise<void> {
  if (!clusterUp()) {
    console.log('  skipped: cluster not up (run scripts/slurm-cluster/up.sh)');
    return;
  }
  const local = mkdtempSync(join(tmpdir(), 'hpckit-bench-remote-'));
  const source = join(local, 'source.bin');
  // Random bytes: no link or disk layer can compress them away.
  writeFileSync(source, randomBytes(SIZE));
  const transport = sshTransport({
    host: '127.0.0.1',
    port: PORT,
    credentials: { username: 'alice', privateKeyPath: KEY },
    hostKey: { knownHosts: [KNOWN_HOSTS] },
  });
  const files = sftpFileSystem({ transport });
  const remote = `hpckit-bench-${process.pid}.bin`;
  const home = await files.home();
  const mbps = (ms: number) => `${((SIZE / 1024 / 1024 / ms) * 1000).toFixed(1)} MB/s`;
  try {
    section(`100 MB over loopback SFTP: @hpckit/remote vs OpenSSH scp (median of ${RUNS}, after a warm-up)`);
    const scpUp = await median(RUNS, () => scp(source, `alice@127.0.0.1:${home}/${remote}`));
    const sdkUp = await median(RUNS, () => files.upload(source, remote, { overwrite: true }));
    report('baseline: scp upload', { ...figures(scpUp), rate: mbps(scpUp.wallMs) });
    report('sftpFileSystem.upload', {
      ...figures(sdkUp),
      rate: mbps(sdkUp.wallMs),
      ratio: `${(sdkUp.wallMs / scpUp.wallMs).toFixed(2)}x baseline time`,
    });
    const back = join(local, 'back.bin');
    const scpDown = await median(RUNS, () => scp(`alice@127.0.0.1:${home}/${remote}`, back));
    const sdkDown = await median(RUNS, () => files.download(remote, back, { overwrite: true }));
    report('baseline: scp download', { ...figures(scpDown), rate: mbps(scpDown.wallMs) });
    report('sftpFileSystem.download', {
      ...figures(sdkDown),
      rate: mbps(sdkDown.wallMs),
      ratio: `${(sdkDown.wallMs / scpDown.wallMs).toFixed(2)}x baseline time`,
    });
  } finally {
    await files.delete(remote).catch(() => undefined);
    await files.close();
    await transport.close();
    rmSync(local, { recursive: true, force: true });
  }
}
