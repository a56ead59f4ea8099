// Lighthouse on several pages with one Chromium, as `lighthouse URL ...` would on each.
//
//   node lighthouse-pages.mjs NODE_MODULES CATEGORIES '[["http://...", "out.json"], ...]'
//
// The same settings as the command line's flags in tests/e2e/test_lighthouse.py used to be; one
// node process and one browser for every page instead of one of each per page (Lighthouse
// resets the origin's storage before each run, so no page sees another's cache).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [nodeModules, categories, pagesJson] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(nodeModules, path)).href);
const { default: lighthouse } = await load("lighthouse/core/index.js");
const chromeLauncher = await load("chrome-launcher/dist/index.js");

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic"],
});
try {
  for (const [url, out] of JSON.parse(pagesJson)) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories.split(","),
      formFactor: "mobile",
      screenEmulation: { mobile: true },
      // The categories audited time nothing: "simulate" waits 1 s of quiet after the load,
      // "provided" 5.25 s, for the same audit results.
      throttlingMethod: "simulate",
      // The whole-page screenshot is only a picture in the HTML report.
      disableFullPageScreenshot: true,
      maxWaitForLoad: 30000,
    });
    if (!result || result.lhr.runtimeError) {
      throw new Error(`lighthouse ${url}: ${JSON.stringify(result?.lhr.runtimeError)}`);
    }
    writeFileSync(out, result.report);
  }
} finally {
  chrome.kill();
}
