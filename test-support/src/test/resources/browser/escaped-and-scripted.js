// A page with escaped markup and one script of its own: the harness must report the text as text,
// the script's flag, the page's own console error and nothing else.
require('driftway-browser').scenario(async ({ page, shot }) => {
  await page.setContent(
    '<h1 id="title">&lt;script&gt;alert(1)&lt;/script&gt;</h1>' +
      '<script>window.ownScript = 40 + 2; console.error("from the page");</script>'
  );
  await shot('escaped-and-scripted');
  return {
    title: await page.textContent('#title'),
    ownScript: await page.evaluate(() => window.ownScript),
  };
});
