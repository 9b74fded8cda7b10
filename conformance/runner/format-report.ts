import { toCurlCommand } from './curl-command.ts';
import type { CheckOutcome, ConformanceReport } from './run-conformance.ts';

const STATUS_LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', info: 'INFO', error: 'ERROR' } as const;

/** Formats one progress line: status, level, check id, time, then what was found. */
export function formatOutcomeLine(outcome: CheckOutcome, baseUrl: string): string {
  const head = `${STATUS_LABEL[outcome.status].padEnd(5)} ${outcome.level.padEnd(6)} ${outcome.id} (${Math.round(outcome.durationMs)} ms)`;
  let text = `${head}\n      ${outcome.summary}\n`;
  if ((outcome.status === 'fail' || outcome.status === 'error') && outcome.request !== undefined) {
    const curl = toCurlCommand(baseUrl, outcome.request).replaceAll('\n', '\n      ');
    text += `      reproduce (the signature is valid only within the timestamp window):\n      ${curl}\n`;
  }
  return text;
}

/** Formats the one line printed when the run stopped early. */
export function formatAborted(report: ConformanceReport): string {
  return `Conformance ABORTED against ${report.target}: ${report.aborted}\n`;
}

/** Formats the closing table: counts per level and status, then the verdict. */
export function formatSummary(report: ConformanceReport, strict: boolean): string {
  const rows = (['MUST', 'SHOULD', 'INFO'] as const).map((level) => {
    const ofLevel = report.outcomes.filter((outcome) => outcome.level === level);
    const count = (status: CheckOutcome['status']): number => ofLevel.filter((outcome) => outcome.status === status).length;
    return `${level.padEnd(7)}${String(count('pass')).padStart(5)}${String(count('fail')).padStart(6)}${String(count('error')).padStart(7)}${String(count('skip')).padStart(6)}${String(count('info')).padStart(6)}`;
  });
  const verdict = formatVerdict(report, strict);
  const total = report.outcomes.length;
  const plain = `${report.counts.pass} passed, ${report.counts.fail + report.counts.error} failed, ${report.counts.skip} skipped, ${report.counts.info} informational`;
  return ['', 'level   pass  fail  error  skip  info', ...rows, '', `${total} checks: ${plain}`, verdict, ''].join('\n');
}

function formatVerdict(report: ConformanceReport, strict: boolean): string {
  if (report.aborted !== undefined) {
    return `Conformance ABORTED against ${report.target}: ${report.aborted}`;
  }
  if (report.passed) {
    return `Conformance PASSED against ${report.target}${strict ? ' (strict: SHOULD counted)' : ''}`;
  }
  return `Conformance FAILED against ${report.target}: ${strict ? 'a MUST or SHOULD' : 'a MUST'} check failed`;
}

/** Renders the report as JUnit XML, one test case per check. */
export function formatJunit(report: ConformanceReport): string {
  const cases = report.outcomes.map((outcome) => {
    const name = escapeXml(`${outcome.level} ${outcome.id}: ${outcome.title}`);
    const time = (outcome.durationMs / 1000).toFixed(3);
    let inner = '';
    if (outcome.status === 'fail' || outcome.status === 'error') {
      inner = `<failure message="${escapeXml(outcome.summary)}" type="${outcome.level}"/>`;
    } else if (outcome.status === 'skip') {
      inner = `<skipped message="${escapeXml(outcome.summary)}"/>`;
    } else {
      inner = `<system-out>${escapeXml(outcome.summary)}</system-out>`;
    }
    return `    <testcase classname="conformance.${outcome.level}" name="${name}" time="${time}">${inner}</testcase>`;
  });
  if (report.aborted !== undefined) {
    const failure = `<failure message="${escapeXml(report.aborted)}" type="ABORTED"/>`;
    cases.push(`    <testcase classname="conformance.run" name="the target answers like the Order Reclaim API" time="0.000">${failure}</testcase>`);
  }
  const failures = report.counts.fail + report.counts.error + (report.aborted === undefined ? 0 : 1);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="order-reclaim conformance" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${escapeXml(report.target)}" tests="${cases.length}" failures="${failures}" skipped="${report.counts.skip}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
