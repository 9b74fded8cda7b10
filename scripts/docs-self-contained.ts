/**
 * Removes the last network request of a page built by `redocly build-docs --inlineBundle`
 * (Redocly CLI 2.77, Redoc 3.0.1): the Redocly logo in the sidebar's attribution link, which the
 * Redoc script loads from cdn.redoc.ly. The logo becomes an inline SVG with the word "Redocly",
 * so the page opens offline and makes no request to another host.
 */

const REMOTE_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

const LOCAL_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#555">Redocly</text></svg>',
)}`;

/** Remote resources that a built page may mention in its script but never loads by itself. */
const SCRIPT_SOURCE = /<script[^>]+src=["']https?:/i;
const REMOTE_PRELOAD = /<link[^>]+href=["']https?:/i;

/**
 * Returns `html` with the remote logos replaced. Throws when a logo URL is not found, so that
 * an upgrade of Redocly CLI that moves the logo fails the build instead of shipping a page that
 * loads it. Also throws when the page loads a remote script or preloads a remote file.
 */
export function makeSelfContained(html: string, file: string): string {
  let result = html;
  for (const url of REMOTE_LOGOS) {
    if (!result.includes(url)) {
      throw new Error(`${file} does not mention ${url}; Redocly CLI changed how the page loads its logo. Update scripts/docs-self-contained.ts.`);
    }
    result = result.replaceAll(url, LOCAL_LOGO);
  }
  for (const pattern of [SCRIPT_SOURCE, REMOTE_PRELOAD]) {
    const match = pattern.exec(result);
    if (match !== null) {
      throw new Error(`${file} still loads a remote resource: ${match[0]}... Build it with --inlineBundle.`);
    }
  }
  return result;
}
