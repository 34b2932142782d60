/** Formats seconds the way `sbatch --time` takes them: `HH:MM:SS`, or `D-HH:MM:SS` from a day up. */
export function formatSlurmDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  let rest = seconds - days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const clock = [hours, Math.floor(rest / 60), rest % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days}-${clock}` : clock;
}
