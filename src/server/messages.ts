import { Errno } from '../wire.ts';

export type Language = 'zh-CN' | 'en';

type MessageTemplate = (params: MessageParams) => string;

export interface MessageParams {
  header?: string;
  windowSeconds?: number;
  maxBodyBytes?: number;
  /** For errno 40000: which HTTP-level problem the request has; absent means malformed syntax. */
  httpProblem?: HttpProblem;
}

export type HttpProblem = 'malformed' | 'timeout' | 'headers-too-large' | 'missing-host';

const HTTP_PROBLEM_MESSAGES: Record<HttpProblem, Record<Language, string>> = {
  malformed: { 'zh-CN': 'HTTP 请求格式错误', en: 'malformed HTTP request' },
  timeout: { 'zh-CN': 'HTTP 请求超时：请求头或请求体发送过慢', en: 'HTTP request timed out: headers or body arrived too slowly' },
  'headers-too-large': { 'zh-CN': 'HTTP 请求头过大', en: 'HTTP request headers too large' },
  'missing-host': { 'zh-CN': 'HTTP/1.1 请求缺少 Host 请求头', en: 'HTTP/1.1 request without a Host header' },
};

/**
 * Response messages per errno. Chinese is the default, as on the upstream API (its 404 message is
 * "找不到订单"); English is sent when the client's Accept-Language prefers it.
 */
const MESSAGES: Record<number, Record<Language, MessageTemplate>> = {
  [Errno.OK]: { 'zh-CN': () => 'request accept', en: () => 'request accept' },
  [Errno.ORDER_NOT_FOUND]: { 'zh-CN': () => '找不到订单', en: () => 'order not found' },
  [Errno.MALFORMED_REQUEST]: {
    'zh-CN': (p) => HTTP_PROBLEM_MESSAGES[p.httpProblem ?? 'malformed']['zh-CN'],
    en: (p) => HTTP_PROBLEM_MESSAGES[p.httpProblem ?? 'malformed'].en,
  },
  [Errno.MALFORMED_JSON]: { 'zh-CN': () => '请求体不是合法的 JSON', en: () => 'request body is not valid JSON' },
  [Errno.INVALID_BODY]: {
    'zh-CN': () => '请求体无效：必须是 JSON 对象，且 serial 为非空字符串',
    en: () => 'invalid request body: expected a JSON object whose serial is a non-empty string',
  },
  [Errno.DUPLICATE_KEYS]: { 'zh-CN': () => '请求体包含重复的键', en: () => 'request body contains duplicate keys' },
  [Errno.NON_CANONICAL_BODY]: {
    'zh-CN': () => '请求体不是规范 JSON（键需按码点排序、无空白、非 ASCII 字符用小写 \\u 转义）',
    en: () => 'request body is not canonical JSON (keys sorted by code point, no whitespace, non-ASCII as lowercase \\u escapes)',
  },
  [Errno.INVALID_UTF8]: { 'zh-CN': () => '请求体不是合法的 UTF-8', en: () => 'request body is not valid UTF-8' },
  [Errno.MISSING_AUTH_HEADER]: {
    'zh-CN': (p) => `缺少请求头 ${p.header}`,
    en: (p) => `missing header ${p.header}`,
  },
  [Errno.MALFORMED_AUTH_HEADER]: {
    'zh-CN': (p) => `请求头 ${p.header} 格式错误（${p.header === 'TIMESTAMP' ? '应为以秒为单位的 Unix 时间' : '应为 64 位小写十六进制'}）`,
    en: (p) => `malformed header ${p.header} (expected ${p.header === 'TIMESTAMP' ? 'Unix time in whole seconds' : '64 lowercase hex characters'})`,
  },
  [Errno.UNKNOWN_API_KEY]: { 'zh-CN': () => 'API-KEY 无效', en: () => 'unknown API key' },
  [Errno.SIGNATURE_MISMATCH]: { 'zh-CN': () => '签名错误', en: () => 'signature mismatch' },
  [Errno.TIMESTAMP_OUT_OF_WINDOW]: {
    'zh-CN': (p) => `时间戳超出允许范围（±${p.windowSeconds} 秒），请校准时钟`,
    en: (p) => `timestamp outside the allowed window (±${p.windowSeconds} s); check the client clock`,
  },
  [Errno.REPLAYED_REQUEST]: {
    'zh-CN': () => '重复的请求：该签名已被使用（同一秒内内容相同的请求签名也相同），请稍后用新的时间戳重新签名',
    en: () => 'replayed request: this signature was already used (identical requests signed in the same second share one); sign again with a new timestamp',
  },
  [Errno.UNKNOWN_PATH]: { 'zh-CN': () => '接口不存在', en: () => 'unknown path' },
  [Errno.METHOD_NOT_ALLOWED]: { 'zh-CN': () => '请求方法不允许，请使用 POST', en: () => 'method not allowed; use POST' },
  [Errno.BODY_TOO_LARGE]: {
    'zh-CN': (p) => `请求体过大（上限 ${p.maxBodyBytes} 字节）`,
    en: (p) => `request body too large (limit ${p.maxBodyBytes} bytes)`,
  },
  [Errno.UNSUPPORTED_CONTENT_TYPE]: {
    'zh-CN': () => 'Content-Type 必须是 application/json',
    en: () => 'Content-Type must be application/json',
  },
  [Errno.INTERNAL_ERROR]: { 'zh-CN': () => '服务器内部错误', en: () => 'internal server error' },
};

export function messageFor(errno: number, language: Language, params: MessageParams = {}): string {
  const templates = MESSAGES[errno] ?? MESSAGES[Errno.INTERNAL_ERROR]!;
  return templates[language](params);
}

/**
 * Picks English when the Accept-Language header ranks an `en` tag above every `zh` tag, and
 * Chinese otherwise (including when the header is absent or names neither).
 */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (acceptLanguage === undefined || acceptLanguage === '') {
    return 'zh-CN';
  }
  let englishWeight = 0;
  let chineseWeight = 0;
  for (const part of acceptLanguage.split(',')) {
    const [rawTag = '', ...parameters] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    const quality = parseQuality(parameters);
    if (tag === 'en' || tag.startsWith('en-')) {
      englishWeight = Math.max(englishWeight, quality);
    } else if (tag === 'zh' || tag.startsWith('zh-')) {
      chineseWeight = Math.max(chineseWeight, quality);
    }
  }
  return englishWeight > chineseWeight ? 'en' : 'zh-CN';
}

function parseQuality(parameters: readonly string[]): number {
  for (const parameter of parameters) {
    const [name, value] = parameter.trim().split('=');
    if (name?.trim() === 'q' && value !== undefined) {
      const quality = Number(value.trim());
      return Number.isFinite(quality) && quality >= 0 && quality <= 1 ? quality : 0;
    }
  }
  return 1;
}
