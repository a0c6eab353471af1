import { chromium } from 'playwright-core';
import fs from 'node:fs';
const files = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
for (const f of files) {
  await page.goto('file://' + f);
  const r = await page.evaluate(() => {
    const out = [];
    for (const c of document.querySelectorAll('caption, figcaption')) {
      const b = c.getBoundingClientRect();
      // visible part: intersect with ancestors that clip
      let clipRight = document.documentElement.clientWidth;
      for (let a = c.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible') clipRight = Math.min(clipRight, a.getBoundingClientRect().right);
      }
      out.push({ text: c.textContent.slice(0, 60), left: Math.round(b.left), right: Math.round(b.right), clipRight: Math.round(clipRight), textW: (() => { const rg = document.createRange(); rg.selectNodeContents(c); const rs = [...rg.getClientRects()]; return Math.round(Math.max(...rs.map(x => x.right))); })() });
    }
    return { sw: document.documentElement.scrollWidth, out };
  });
  console.log(f, r.sw);
  for (const o of r.out) if (o.textW > o.clipRight) console.log('  CLIPPED', JSON.stringify(o));
}
await browser.close();
