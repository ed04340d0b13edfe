// The browser side of BrowserScript: launches Debian's Chromium through playwright-core (never a
// downloaded browser), gives a scenario a page that records every dialog, console error and page
// error, and writes the scenario's result as JSON to the file BrowserScript reads.
//
//   require('driftway-browser').scenario(async ({ page, input, shot }) => {
//     await page.goto(input.url);
//     await shot('tables');
//     return { title: await page.title() };
//   });
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const EXECUTABLE = process.env.DRIFTWAY_CHROMIUM || '/usr/bin/chromium';

async function scenario(main) {
  const [inputFile, resultFile] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
  const events = { dialogs: [], consoleErrors: [], pageErrors: [] };
  let browser;
  let outcome;
  try {
    browser = await chromium.launch({
      executablePath: EXECUTABLE,
      headless: true,
      // root in CI has no user namespace sandbox; /dev/shm is small in containers
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(input.actionTimeoutMs || 20000);
    const watch = (page) => {
      // An accepted dialog would let a payload go on; dismissing keeps the page as it was.
      page.on('dialog', (dialog) => {
        events.dialogs.push(dialog.type() + ': ' + dialog.message());
        dialog.dismiss().catch(() => {});
      });
      page.on('console', (message) => {
        if (message.type() === 'error') events.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => events.pageErrors.push(String(error)));
    };
    context.on('page', watch);
    const page = await context.newPage();
    const shot = async (name) => {
      if (!input.screenshotDir) return;
      fs.mkdirSync(input.screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(input.screenshotDir, name + '.png'), fullPage: true });
    };
    const result = await main({ browser, context, page, input, shot, events });
    outcome = { ok: true, result: result === undefined ? null : result, events };
  } catch (error) {
    outcome = { ok: false, error: String(error && error.stack ? error.stack : error), events };
  } finally {
    if (browser) await browser.close().catch(() => {});
  }
  fs.writeFileSync(resultFile, JSON.stringify(outcome));
  process.exit(outcome.ok ? 0 : 1);
}

// Signs in to the Driftway console with an access key (the console's sign-in form); fails with
// what the server answered when the browser is not signed in afterwards.
async function signIn(page, base, accessKeyId, secretAccessKey) {
  await page.goto(base + '/console/login');
  await page.fill('input[name="access_key_id"]', accessKeyId);
  await page.fill('input[name="secret_access_key"]', secretAccessKey);
  const answer = page.waitForResponse(
    (r) => r.url().endsWith('/console/login') && r.request().method() === 'POST');
  await page.click('form.signin button[type="submit"]');
  const posted = await answer;
  await page.waitForLoadState();
  if (!(await page.$('nav .who'))) {
    const headers = await posted.headersArray();
    const cookies = await page.context().cookies();
    throw new Error(
      'Cannot sign in to the console: POST /console/login answered ' + posted.status() +
        ' ' + JSON.stringify(headers) + '; cookies ' + JSON.stringify(cookies) +
        '; now at ' + page.url() + ': ' + (await page.textContent('body')));
  }
}

module.exports = { scenario, signIn };
