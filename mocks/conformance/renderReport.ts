/** The conformance report as text for people: differences first, then known ones and stale entries. */
import type { ConformanceReport } from './checkConformance.ts';

/** `where` names the fixture and the target, e.g. `fixtures/anthropic-wire.json against the mock`. */
export function renderReport(report: ConformanceReport, where: string): string {
  const lines = [`conformance: ${report.probes} probes of ${where}`];
  lines.push(
    report.differences.length === 0
      ? 'no differences'
      : `${report.differences.length} difference${report.differences.length === 1 ? '' : 's'}:`,
  );
  for (const d of report.differences) lines.push(`  ${d}`);
  if (report.stale.length > 0) {
    lines.push(
      `${report.stale.length} known difference(s) no longer seen (drop them from the fixture's known list):`,
    );
    for (const d of report.stale) lines.push(`  ${d}`);
  }
  if (report.known.length > 0) {
    lines.push(`${report.known.length} known difference(s), not failed on:`);
    for (const k of report.known) lines.push(`  ${k.difference}`, `    why: ${k.why}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Whether the check passed: no differences and no stale known entries. */
export function conforms(report: ConformanceReport): boolean {
  return report.differences.length === 0 && report.stale.length === 0;
}
