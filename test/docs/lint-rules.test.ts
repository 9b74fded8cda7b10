/**
 * Each custom Redocly rule of redocly/plugin.ts reports its problem on a broken copy of the spec,
 * and the spec as committed passes the whole rule set.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { copyProject, REDOCLY_CLI, runNode, SPEC_FILES, type TempProject } from './temp-project.ts';

const SPEC = 'openapi/openapi.yaml';

interface LintProblem {
  ruleId: string;
  message: string;
}

async function lint(project: TempProject): Promise<LintProblem[]> {
  const result = await runNode(REDOCLY_CLI, ['lint', 'main', '--format', 'json'], project.dir);
  try {
    return (JSON.parse(result.stdout) as { problems: LintProblem[] }).problems;
  } catch {
    throw new Error(`redocly lint printed no JSON report (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  }
}

type Edit = [search: string, replacement: string];

const BROKEN_SPECS: Array<{ name: string; rule: string; edits: Edit[]; messages: (dir: string) => string[] }> = [
  {
    name: 'response without example',
    rule: 'order-reclaim/operation-examples',
    edits: [['          examples:\n            methodNotAllowed:\n', '          x-removed-examples:\n            methodNotAllowed:\n']],
    messages: () => ['Operation reclaimOrder: response 405 (application/json) has no example. Add `examples` with at least one named example.'],
  },
  {
    name: 'request body without example',
    rule: 'order-reclaim/operation-examples',
    edits: [['            examples:\n              reclaim:\n', '            x-removed-examples:\n              reclaim:\n']],
    messages: () => ['Operation reclaimOrder: the request body (application/json) has no example. Add `examples` with at least one named example.'],
  },
  {
    name: 'missing code sample language',
    rule: 'order-reclaim/operation-code-samples',
    edits: [['        - lang: Go\n', '        - lang: Golang\n']],
    messages: () => ['Operation reclaimOrder has no code sample for Go. Add an `x-codeSamples` entry with that `lang` for each.'],
  },
  {
    name: 'missing code sample file',
    rule: 'order-reclaim/operation-code-samples',
    edits: [['x-source-path: ../docs/samples/go/reclaim_order.go', 'x-source-path: ../docs/samples/go/missing.go']],
    messages: (dir) => [
      `Operation reclaimOrder: code sample "Go": Cannot read code sample ${dir}/docs/samples/go/missing.go: ENOENT. Fix \`x-source-path\` or add the file.`,
    ],
  },
  {
    name: 'property without descriptions',
    rule: 'order-reclaim/schema-property-descriptions',
    edits: [['          description: Order serial number returned when the order was placed.\n          x-description-zh-CN: 下单时返回的订单号。\n', '']],
    messages: () => ['Schema property `serial` has no `description` and `x-description-zh-CN`. Describe every property in English and Chinese.'],
  },
  {
    name: 'text without Chinese',
    rule: 'order-reclaim/bilingual-text',
    edits: [['      x-summary-zh-CN: 回收订单\n', '']],
    messages: () => ['`summary` has no Chinese text. Add `x-summary-zh-CN` beside it.'],
  },
  {
    name: 'Chinese without English',
    rule: 'order-reclaim/bilingual-text',
    edits: [['    description: Operations on orders that were placed earlier.\n', '']],
    messages: () => ['`x-description-zh-CN` has no English text. Add `description` beside it.'],
  },
  {
    name: 'misspelled translation key',
    rule: 'order-reclaim/bilingual-text',
    edits: [['    x-description-zh-CN: 对已下订单的操作。\n', '    x-descripton-zh-CN: 对已下订单的操作。\n']],
    messages: () => [
      '`description` has no Chinese text. Add `x-description-zh-CN` beside it.',
      'Unknown translation key `x-descripton-zh-CN`. Use one of x-description-zh-CN, x-summary-zh-CN, x-title-zh-CN, x-displayName-zh-CN, x-label-zh-CN.',
    ],
  },
];

describe('custom lint rules', () => {
  let project: TempProject | undefined;

  afterEach(() => {
    project?.remove();
    project = undefined;
  });

  it('pass on the committed spec', async () => {
    project = copyProject(SPEC_FILES);
    expect(await lint(project)).toEqual([]);
  });

  it.each(BROKEN_SPECS)('$rule reports $name', async ({ rule, edits, messages }) => {
    project = copyProject(SPEC_FILES);
    for (const [search, replacement] of edits) {
      project.edit(SPEC, search, replacement);
    }
    const problems = await lint(project);
    expect(problems.filter((problem) => problem.ruleId === rule).map((problem) => problem.message)).toEqual(messages(project.dir));
  });
});
