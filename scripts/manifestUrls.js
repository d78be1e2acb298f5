// The one place that knows where the add-in is served. manifest.xml is written for the development server
// (https://localhost:3000/); a deployment sets ADDIN_URL and the production build rewrites every URL from it.
'use strict';

const DEV_URL = 'https://localhost:3000/';
const DEV_ORIGIN = 'https://localhost:3000';

/**
 * Checks a deployment URL and returns it with a trailing slash. Office loads add-ins only over https, and the URL
 * is pasted into XML attributes, so anything that is not a plain https base URL is refused with a reason.
 */
function normaliseAddinUrl(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    throw new Error(`ADDIN_URL 不是有效的网址 / ADDIN_URL is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`ADDIN_URL 必须以 https:// 开头（Office 只加载 https 加载项）/ ADDIN_URL must be https: ${url.href}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_URL 只能是站点地址，不能带查询、锚点或账号 / ADDIN_URL must be a plain base URL: ${url.href}`);
  }
  if (url.hostname === 'localhost') {
    throw new Error(`ADDIN_URL 不能是 localhost / ADDIN_URL must be the deployment address, not localhost`);
  }
  const href = url.href.endsWith('/') ? url.href : `${url.href}/`;
  if (/["'<>&\s]/.test(href)) {
    throw new Error(`ADDIN_URL 含有不能写入清单的字符 / ADDIN_URL has characters that cannot go into the manifest: ${href}`);
  }
  return href;
}

/**
 * Rewrites the development URLs of a manifest to the deployment base URL: every https://localhost:3000/… becomes
 * <base>…, and the bare origin (AppDomain) becomes the base URL's origin. Throws when any localhost remains, so a
 * manifest that would still point at a developer's machine is never produced.
 */
function rewriteManifestUrls(xml, addinUrl) {
  const base = normaliseAddinUrl(addinUrl);
  const origin = new URL(base).origin;
  const out = String(xml).split(DEV_URL).join(base).split(DEV_ORIGIN).join(origin);
  const left = out.match(/[^\s"<>]*localhost[^\s"<>]*/);
  if (left) {
    throw new Error(`清单中仍有 localhost 地址 / the manifest still mentions localhost: ${left[0]}`);
  }
  return out;
}

module.exports = { DEV_URL, DEV_ORIGIN, normaliseAddinUrl, rewriteManifestUrls };
