import { chromium } from 'playwright-core';
const [f, css] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const w of [360, 1200]) {
const page = await browser.newPage({ viewport: { width: w, height: 800 } });
await page.goto('file://' + f);
await page.addStyleTag({ content: css });
const r = await page.evaluate(() => [...document.querySelectorAll('caption')].map(c => { const b = c.getBoundingClientRect(); const rg = document.createRange(); rg.selectNodeContents(c); const rs=[...rg.getClientRects()]; return [Math.round(b.left), Math.round(b.right), Math.round(Math.max(...rs.map(x=>x.right))), rs.length, c.closest('.table-wrap').getBoundingClientRect().right, c.parentElement.getBoundingClientRect().right]; }));
console.log(w, JSON.stringify(r));
// scroll the wrap and measure again
const r2 = await page.evaluate(() => { const w = document.querySelector('.table-wrap'); w.scrollLeft = 200; const c = w.querySelector('caption'); const b = c.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.right)]; });
console.log(' scrolled', JSON.stringify(r2));
}
await browser.close();
