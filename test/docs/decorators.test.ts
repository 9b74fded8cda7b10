import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbedCodeSamples } from '../../redocly/decorators/embed-code-samples.ts';
import { SelectLanguage } from '../../redocly/decorators/select-language.ts';
import type { JsonObject, VisitorContext } from '../../redocly/visitor-types.ts';

function bilingualDocument(): JsonObject {
  return {
    info: { title: 'Order Reclaim API', 'x-title-zh-CN': '订单回收 API', description: 'English text', 'x-description-zh-CN': '中文说明' },
    tags: [{ name: 'Orders', 'x-displayName': 'Orders', 'x-displayName-zh-CN': '订单' }],
    paths: {
      '/reclaim': {
        post: {
          summary: 'Reclaim an order',
          'x-summary-zh-CN': '回收订单',
          'x-codeSamples': [
            { lang: 'Python', label: 'Python' },
            { lang: 'Shell', label: 'Shell (curl)', 'x-label-zh-CN': 'Shell（curl）' },
          ],
          requestBody: {
            content: {
              'application/json': {
                examples: {
                  payload: {
                    summary: 'An example',
                    'x-summary-zh-CN': '示例',
                    value: { description: 'payload data', 'x-description-zh-CN': 'payload data too' },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

function runRootLeave(language: string, document: JsonObject): void {
  SelectLanguage({ language }).Root!.leave!(document, {} as VisitorContext);
}

describe('select-language decorator', () => {
  it('keeps English and drops the Chinese siblings for en', () => {
    const document = bilingualDocument();
    runRootLeave('en', document);
    expect(document.info).toEqual({ title: 'Order Reclaim API', description: 'English text' });
    expect(document.tags).toEqual([{ name: 'Orders', 'x-displayName': 'Orders' }]);
    const operation = (document.paths as any)['/reclaim'].post;
    expect(operation.summary).toBe('Reclaim an order');
    expect(operation['x-summary-zh-CN']).toBeUndefined();
    expect(operation['x-codeSamples'][1]).toEqual({ lang: 'Shell', label: 'Shell (curl)' });
  });

  it('puts the Chinese text in place for zh-CN', () => {
    const document = bilingualDocument();
    runRootLeave('zh-CN', document);
    expect(document.info).toEqual({ title: '订单回收 API', description: '中文说明' });
    expect(document.tags).toEqual([{ name: 'Orders', 'x-displayName': '订单' }]);
    const operation = (document.paths as any)['/reclaim'].post;
    expect(operation.summary).toBe('回收订单');
    expect(operation['x-codeSamples']).toEqual([
      { lang: 'Python', label: 'Python' },
      { lang: 'Shell', label: 'Shell（curl）' },
    ]);
    expect(operation.requestBody.content['application/json'].examples.payload.summary).toBe('示例');
  });

  it('leaves example payloads unchanged', () => {
    const document = bilingualDocument();
    runRootLeave('zh-CN', document);
    const example = (document.paths as any)['/reclaim'].post.requestBody.content['application/json'].examples.payload;
    expect(example.value).toEqual({ description: 'payload data', 'x-description-zh-CN': 'payload data too' });
  });

  it('rejects an unknown language', () => {
    expect(() => SelectLanguage({ language: 'fr' })).toThrow(
      'Invalid option `language` of order-reclaim/select-language: expected one of en, zh-CN, received "fr".',
    );
  });
});

describe('embed-code-samples decorator', () => {
  let dir: string | undefined;

  afterEach(() => {
    if (dir !== undefined) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function contextFor(specPath: string): VisitorContext {
    return { location: { source: { absoluteRef: specPath } } } as VisitorContext;
  }

  function makeDir(): string {
    const created = mkdtempSync(join(tmpdir(), 'order-reclaim-embed-'));
    dir = created;
    return created;
  }

  it('replaces the file path with the file text', () => {
    const folder = makeDir();
    writeFileSync(join(folder, 'sample.py'), 'print("reclaim")\n');
    const operation: JsonObject = { 'x-codeSamples': [{ lang: 'Python', label: 'Python', 'x-source-path': './sample.py' }] };
    EmbedCodeSamples().Operation!.leave!(operation, contextFor(join(folder, 'openapi.yaml')));
    expect(operation['x-codeSamples']).toEqual([{ lang: 'Python', label: 'Python', source: 'print("reclaim")\n' }]);
  });

  it('fails on a missing file', () => {
    const folder = makeDir();
    const operation: JsonObject = { 'x-codeSamples': [{ lang: 'Go', label: 'Go', 'x-source-path': './missing.go' }] };
    expect(() => EmbedCodeSamples().Operation!.leave!(operation, contextFor(join(folder, 'openapi.yaml')))).toThrow(
      `Cannot read code sample ${join(folder, 'missing.go')}: ENOENT. Fix \`x-source-path\` or add the file.`,
    );
  });
});
