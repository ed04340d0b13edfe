// An admin replays a table's quarantine from the console: the button, the confirmation, the
// summary with the run id, then the quarantine page until the run has ended.
'use strict';
const { scenario, signIn } = require('driftway-browser');

scenario(async ({ page, input, shot }) => {
  const url =
    input.base + '/console/quarantine?db=' + encodeURIComponent(input.db) +
    '&table=' + encodeURIComponent(input.table);
  await signIn(page, input.base, input.accessKeyId, input.secretAccessKey);
  await page.goto(url);
  await Promise.all([page.waitForNavigation(), page.click('button.action:has-text("Replay pending rows")')]);
  const confirm = await page.textContent('.confirm');
  await shot('replay-confirm');
  await Promise.all([page.waitForNavigation(), page.click('.confirm button:has-text("Confirm")')]);
  const runId = (await page.textContent('.run-id')).trim();
  const summary = await page.textContent('.summary');
  await shot('replay-summary');

  const deadline = Date.now() + input.waitMs;
  let state = null;
  let error = null;
  while (Date.now() < deadline) {
    await page.goto(url);
    const row = await page.$('tr.replay:has-text("' + runId + '")');
    if (row) {
      state = (await row.$eval('.state', (c) => c.textContent)).trim();
      error = (await row.$eval('.error', (c) => c.textContent)).trim();
      if (['SUCCEEDED', 'FAILED', 'STOPPED', 'TIMEOUT', 'ERROR'].includes(state)) break;
    }
    await page.waitForTimeout(1000);
  }
  await shot('quarantine-after-replay');
  const states = await page.$$eval('tr.sample td.state', (cells) => cells.map((c) => c.textContent));
  return { confirm, runId, summary, state, error, states };
});
