// A read-only key sees every page and no action: no action buttons anywhere, and an action posted
// by hand (with the session's own CSRF token) is refused.
'use strict';
const { scenario, signIn } = require('driftway-browser');

scenario(async ({ page, input, shot }) => {
  const q = 'db=' + encodeURIComponent(input.db) + '&table=' + encodeURIComponent(input.table);
  await signIn(page, input.base, input.accessKeyId, input.secretAccessKey);
  const seen = {};
  for (const [name, url] of [
    ['tables', '/console/tables'],
    ['timeline', '/console/timeline?' + q],
    ['quarantine', '/console/quarantine?' + q],
  ]) {
    const response = await page.goto(input.base + url);
    seen[name] = {
      status: response.status(),
      actions: await page.$$eval('button.action', (b) => b.length),
      postForms: await page.$$eval('main form[method="post"]', (f) => f.length),
    };
  }
  await shot('quarantine-read-only');
  const who = await page.textContent('nav .who');
  const csrf = await page.getAttribute('input[name="csrf"]', 'value');
  const refused = await page.evaluate(async ({ db, table, csrf }) => {
    const body = new URLSearchParams({ csrf, op: 'replay', db, table, confirm: 'yes' });
    const response = await fetch('/console/quarantine', { method: 'POST', body });
    return response.status;
  }, { db: input.db, table: input.table, csrf });
  return { seen, who, refused };
});
