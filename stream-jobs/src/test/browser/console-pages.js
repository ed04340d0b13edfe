// The admin's tour of the console on a bridge a pipeline has fed: tables, the schema timeline and
// a diff, the quarantine. Records what each page shows, and after each page whether the XSS
// probe's payload (which sets window.__xss) ran.
'use strict';
const { scenario, signIn } = require('driftway-browser');

scenario(async ({ page, input, shot }) => {
  const q = 'db=' + encodeURIComponent(input.db) + '&table=' + encodeURIComponent(input.table);
  const xss = {};
  const visit = async (name, url) => {
    await page.goto(input.base + url);
    await shot(name);
    xss[name] = await page.evaluate(() => window.__xss === undefined ? null : String(window.__xss));
  };
  await signIn(page, input.base, input.accessKeyId, input.secretAccessKey);

  await visit('tables', '/console/tables');
  const tables = await page.$$eval('table.tables tbody tr td:first-child', (cells) =>
    cells.map((c) => c.textContent));

  await visit('timeline', '/console/timeline?' + q);
  const versions = await page.$$eval('section.version', (sections) =>
    sections.map((s) => Number(s.dataset.schemaId)));
  const marks = await page.$$eval('svg.timeline .version-mark', (marks) => marks.length);
  const changes = await page.$$eval('section.version tr.change', (rows) =>
    rows.map((r) => r.querySelector('.kind').textContent + ' ' + r.querySelector('.path').textContent));
  // The policy and first-seen cells, filled from the pipeline's alerts.
  const annotated = await page.$$eval('section.version tr.change', (rows) =>
    rows.map((r) => r.cells[0].textContent + ' ' + r.cells[1].textContent + ' | ' +
      r.cells[4].textContent + ' | ' + r.cells[5].textContent));

  const oldest = Math.min(...versions);
  const newest = Math.max(...versions);
  await visit('timeline-diff', '/console/timeline?' + q + '&left=' + oldest + '&right=' + newest);
  const diffRows = await page.$$eval('table.diff tbody tr', (rows) =>
    rows.map((r) => r.className + ' ' + Array.from(r.cells).map((c) => c.textContent).join(' | ')));

  await visit('quarantine', '/console/quarantine?' + q);
  const reasons = await page.$$eval('table.reasons td.reason', (cells) => cells.map((c) => c.textContent));
  const raw = await page.$$eval('pre.raw', (pres) => pres.map((p) => p.textContent));
  const actions = await page.$$eval('button.action', (buttons) => buttons.map((b) => b.textContent));
  // Elements the probe would have made if its markup had been parsed as markup.
  const injected = await page.$$eval('main img, main script', (elements) => elements.length);

  return { tables, versions, marks, changes, annotated, diffRows, reasons, raw, actions, injected, xss };
});
