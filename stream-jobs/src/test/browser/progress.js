// An admin looks at the job runs page while a backfill runs: the run's row shows its progress in
// words and as a bar (an SVG whose filled part is the share done).
'use strict';
const { scenario, signIn } = require('driftway-browser');

scenario(async ({ page, input, shot }) => {
  await signIn(page, input.base, input.accessKeyId, input.secretAccessKey);
  await page.goto(input.base + '/console/jobs');
  const row = await page.$('tr:has-text("' + input.runId + '")');
  if (!row) return { found: false };
  const state = (await row.$eval('td:nth-child(2)', (c) => c.textContent)).trim();
  const text = (await row.$eval('.progress-text', (c) => c.textContent)).trim();
  const bar = await row.$eval('svg.progress rect.done', (r) => r.getAttribute('width'));
  const label = await row.$eval('svg.progress', (s) => s.getAttribute('aria-label'));
  await row.scrollIntoViewIfNeeded();
  await shot('job-progress');
  return { found: true, state, text, bar, label };
});
