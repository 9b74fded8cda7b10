/**
 * Replays a spec edit on a copy of the repository: one edit to the spec reaches the generated
 * client and both docs pages after `npm run generate` and `npm run docs`, and the drift check
 * (scripts/check-generated.ts) fails while generated/ is stale.
 *
 * Descriptions reach the generated client as doc comments, and schema examples reach
 * generated/examples.gen.ts through the `@hey-api/examples` plugin, so the second test shows
 * that an edit to an example alone is caught by the drift check too.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/build-docs.ts';
import { readPageDefinition } from './page-definition.ts';
import { copyProject, OPENAPI_TS_CLI, REPOSITORY_ROOT, runNode, SPEC_FILES, type TempProject } from './temp-project.ts';

const SPEC = 'openapi/openapi.yaml';
const CHECK_GENERATED = join(REPOSITORY_ROOT, 'scripts/check-generated.ts');
const PROJECT_FILES = [...SPEC_FILES, 'openapi-ts.config.ts', 'generated'];

const OLD_EXAMPLE = '          examples:\n            - 1bcb40c612aababdcb166ac2cd7e3525\n      examples:\n        - serial: 1bcb40c612aababdcb166ac2cd7e3525\n';
const NEW_EXAMPLE = '          examples:\n            - example-serial-0001\n      examples:\n        - serial: example-serial-0001\n';
const OLD_DESCRIPTION = 'description: Order serial number returned when the order was placed.';
const NEW_DESCRIPTION = 'description: Order serial number, exactly as returned when the order was placed.';

/** Reads the `serial` property and the schema examples of ReclaimOrderRequest from a built page. */
function serialSchema(project: TempProject, page: string): { description: string; examples: unknown[]; schemaExamples: unknown[] } {
  const schema = readPageDefinition(join(project.dir, 'build/docs', page, 'index.html')).components.schemas.ReclaimOrderRequest;
  return { description: schema.properties.serial.description, examples: schema.properties.serial.examples, schemaExamples: schema.examples };
}

describe('spec change', () => {
  let project: TempProject | undefined;

  afterEach(() => {
    project?.remove();
    project = undefined;
  });

  it('reaches client and docs after regenerating', async () => {
    project = copyProject(PROJECT_FILES);
    project.edit(SPEC, OLD_EXAMPLE, NEW_EXAMPLE);
    project.edit(SPEC, OLD_DESCRIPTION, NEW_DESCRIPTION);

    const stale = await runNode(CHECK_GENERATED, ['generated'], project.dir);
    expect(stale.exitCode, stale.stdout).toBe(1);
    expect(stale.stderr).toContain('generated/ is out of date with openapi/openapi.yaml:\n  examples.gen.ts: differs from what the generator writes now');
    expect(stale.stderr).toContain('types.gen.ts: differs from what the generator writes now');

    const generate = await runNode(OPENAPI_TS_CLI, [], project.dir);
    expect(generate.exitCode, generate.stderr).toBe(0);
    const fresh = await runNode(CHECK_GENERATED, ['generated'], project.dir);
    expect(fresh.exitCode, fresh.stderr).toBe(0);
    expect(project.read('generated/types.gen.ts')).toContain('Order serial number, exactly as returned when the order was placed.');

    await buildDocs({ rootDir: project.dir });
    expect(serialSchema(project, 'en')).toEqual({
      description: 'Order serial number, exactly as returned when the order was placed.',
      examples: ['example-serial-0001'],
      schemaExamples: [{ serial: 'example-serial-0001' }],
    });
    expect(serialSchema(project, 'zh-CN')).toEqual({
      description: '下单时返回的订单号。',
      examples: ['example-serial-0001'],
      schemaExamples: [{ serial: 'example-serial-0001' }],
    });
  }, 180_000);

  it('reaches generated examples when only an example changes', async () => {
    project = copyProject(PROJECT_FILES);
    project.edit(SPEC, OLD_EXAMPLE, NEW_EXAMPLE);

    const stale = await runNode(CHECK_GENERATED, ['generated'], project.dir);
    expect(stale.exitCode, stale.stdout).toBe(1);
    expect(stale.stderr).toContain('examples.gen.ts: differs from what the generator writes now');

    const generate = await runNode(OPENAPI_TS_CLI, [], project.dir);
    expect(generate.exitCode, generate.stderr).toBe(0);
    expect(project.read('generated/examples.gen.ts')).toContain("serial: 'example-serial-0001'");

    await buildDocs({ rootDir: project.dir });
    expect(serialSchema(project, 'en').examples).toEqual(['example-serial-0001']);
  }, 180_000);
});
