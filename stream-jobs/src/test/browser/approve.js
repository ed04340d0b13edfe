// An admin decides held new fields from the quarantine page: approves one (confirmation, then the
// summary of what was written) and rejects another (confirmation, summary).
'use strict';
const { scenario, signIn } = require('driftway-browser');

scenario(async ({ page, input, shot }) => {
  const url =
    input.base + '/console/quarantine?db=' + encodeURIComponent(input.db) +
    '&table=' + encodeURIComponent(input.table);
  await signIn(page, input.base, input.accessKeyId, input.secretAccessKey);

  const decide = async (field, button, name) => {
    await page.goto(url);
    const held = await page.$$eval('div.held', (ps) => ps.map((p) => p.textContent));
    if (name === 'approve') await shot('quarantine-held');
    const selector = 'div.held:has-text("' + field + '") button.action:text-is("' + button + '")';
    if (!(await page.$(selector))) {
      return { held, missing: selector, page: await page.innerText('main') };
    }
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
    const title = await page.textContent('h1');
    const confirm = await page.textContent('.confirm');
    await shot(name + '-confirm');
    // The decision runs before the page answers (approve writes the held rows): allow for it.
    await Promise.all([
      page.waitForNavigation({ timeout: input.waitMs }),
      page.click('.confirm button:has-text("Confirm")'),
    ]);
    const summary = await page.textContent('.summary');
    await shot(name + '-summary');
    return { held, title, confirm, summary };
  };

  const approve = await decide(input.approve, 'Approve', 'approve');
  const reject = await decide(input.reject, 'Reject', 'reject');
  await page.goto(url);
  const states = await page.$$eval('tr.sample td.state', (cells) => cells.map((c) => c.textContent));
  const heldAfter = await page.$$eval('div.held', (ps) => ps.map((p) => p.textContent));
  await shot('quarantine-after-decisions');
  return { approve, reject, states, heldAfter };
});
