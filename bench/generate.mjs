// Generates a valid congkhai portal of N procedures, for benchmarks and the search parity
// test. Deterministic: the same N and seed give the same files. Names, fields and bodies are
// built from the vocabulary of real procedures (hộ tịch, chứng thực, đất đai, ...), so the
// index has the term statistics of a real catalog rather than random strings.
//
// Units and months: one district-level unit (at province scale, read it as the province) and
// U - 1 communes; every commune handles the first 100 commune-level procedures (the common
// catalog every commune publishes) and each further one is local to one commune, so a unit's
// list stays the size of a real commune's whatever N is. M months of statistics, balanced
// and carried over month to month, two fields per unit.
//
// --hugo DIR also writes the same pages as a Hugo site (one page per procedure with the same
// fields, list pages per field, unit and level), the comparison of bench/run.sh.
//
// Usage: node bench/generate.mjs --count N --out DIR [--units U] [--months M] [--fields K] [--hugo DIR] [--seed S]
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const count = Number(opt('count', 1000));
const out = opt('out', null);
const unitCount = Number(opt('units', 11));
const months = Number(opt('months', 0));
const hugoOut = opt('hugo', null);
// --fields K: only the first K fields (a catalog whose fields are long, to test pagination).
const fieldCount = Number(opt('fields', 0));
let seed = Number(opt('seed', 20240601)) >>> 0;
if (!out || !Number.isInteger(count) || count < 1 || !(unitCount >= 2) || !(months >= 0)) {
  console.error('usage: node bench/generate.mjs --count N --out DIR [--units U] [--months M] [--hugo DIR] [--seed S]');
  process.exit(2);
}

/** mulberry32: a small deterministic PRNG. */
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(rand() * list.length)];
const some = (list, n) => Array.from({ length: n }, () => pick(list));
const q = (s) => JSON.stringify(s);

const FIELDS = [
  ['ho-tich', 'Hộ tịch', ['Đăng ký khai sinh', 'Đăng ký kết hôn', 'Đăng ký khai tử', 'Đăng ký giám hộ', 'Đăng ký nhận cha, mẹ, con', 'Cấp bản sao trích lục hộ tịch', 'Cấp giấy xác nhận tình trạng hôn nhân', 'Thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Đăng ký lại khai sinh', 'Ghi vào sổ hộ tịch việc ly hôn']],
  ['chung-thuc', 'Chứng thực', ['Chứng thực bản sao từ bản chính', 'Chứng thực chữ ký', 'Chứng thực hợp đồng, giao dịch', 'Chứng thực di chúc', 'Chứng thực văn bản thỏa thuận phân chia di sản', 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng']],
  ['dat-dai', 'Đất đai', ['Đăng ký biến động quyền sử dụng đất', 'Cấp giấy chứng nhận quyền sử dụng đất', 'Chuyển mục đích sử dụng đất', 'Hòa giải tranh chấp đất đai', 'Gia hạn sử dụng đất', 'Tách thửa hoặc hợp thửa đất', 'Đính chính giấy chứng nhận']],
  ['xay-dung', 'Xây dựng', ['Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Điều chỉnh giấy phép xây dựng', 'Gia hạn giấy phép xây dựng', 'Cấp lại giấy phép xây dựng', 'Thẩm định báo cáo kinh tế kỹ thuật']],
  ['ho-kinh-doanh', 'Thành lập và hoạt động của hộ kinh doanh', ['Đăng ký thành lập hộ kinh doanh', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'Tạm ngừng hoạt động hộ kinh doanh', 'Chấm dứt hoạt động hộ kinh doanh', 'Cấp lại giấy chứng nhận đăng ký hộ kinh doanh']],
  ['bao-tro-xa-hoi', 'Bảo trợ xã hội', ['Trợ cấp xã hội hằng tháng', 'Hỗ trợ chi phí mai táng', 'Công nhận hộ nghèo, hộ cận nghèo', 'Trợ giúp xã hội khẩn cấp', 'Xác định mức độ khuyết tật', 'Hỗ trợ kinh phí chăm sóc, nuôi dưỡng']],
  ['nguoi-co-cong', 'Người có công', ['Giải quyết chế độ trợ cấp thờ cúng liệt sĩ', 'Cấp giấy báo tử liệt sĩ', 'Hưởng mai táng phí người có công', 'Giải quyết chế độ ưu đãi đối với con đẻ', 'Di chuyển hồ sơ người có công']],
  ['giao-duc', 'Giáo dục và đào tạo', ['Cho phép trường mầm non hoạt động giáo dục', 'Chuyển trường đối với học sinh trung học cơ sở', 'Xét tuyển sinh vào trường phổ thông dân tộc nội trú', 'Công nhận xã đạt chuẩn phổ cập giáo dục', 'Cấp bản sao văn bằng, chứng chỉ']],
  ['y-te', 'Y tế', ['Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'Cấp giấy chứng sinh', 'Khám sức khỏe định kỳ', 'Đăng ký hành nghề khám bệnh, chữa bệnh']],
  ['van-hoa', 'Văn hóa', ['Công nhận thôn văn hóa', 'Công nhận gia đình văn hóa', 'Đăng ký tổ chức lễ hội', 'Cấp giấy phép kinh doanh karaoke', 'Thông báo tổ chức biểu diễn nghệ thuật']],
  ['nong-nghiep', 'Nông nghiệp và phát triển nông thôn', ['Hỗ trợ khôi phục sản xuất nông nghiệp', 'Phê duyệt kế hoạch khuyến nông', 'Cấp giấy xác nhận kinh tế trang trại', 'Hỗ trợ giống cây trồng vật nuôi', 'Thẩm định phương án trồng rừng thay thế']],
  ['tai-nguyen-nuoc', 'Tài nguyên nước và môi trường', ['Đăng ký khai thác nước dưới đất', 'Xác nhận kế hoạch bảo vệ môi trường', 'Đăng ký môi trường', 'Cấp phép xả thải vào nguồn nước']],
  ['thi-dua', 'Thi đua, khen thưởng', ['Tặng giấy khen của Chủ tịch UBND', 'Tặng danh hiệu lao động tiên tiến', 'Khen thưởng đột xuất', 'Khen thưởng theo chuyên đề']],
  ['ton-giao', 'Tín ngưỡng, tôn giáo', ['Đăng ký hoạt động tín ngưỡng', 'Thông báo danh mục hoạt động tôn giáo', 'Đề nghị sinh hoạt tôn giáo tập trung', 'Thông báo tổ chức quyên góp']],
  ['giao-thong', 'Giao thông vận tải', ['Cấp giấy phép thi công công trình đường bộ', 'Cấp phép sử dụng tạm thời lòng đường', 'Đăng ký phương tiện thủy nội địa', 'Xóa đăng ký phương tiện']],
  ['lao-dong', 'Lao động, việc làm', ['Đăng ký nội quy lao động', 'Hỗ trợ người lao động mất việc làm', 'Cấp giấy phép lao động', 'Xác nhận người lao động thất nghiệp']],
];
const QUALIFIERS = ['', '', '', '', ' có yếu tố nước ngoài', ' cho người nước ngoài', ' lần đầu', ' trong trường hợp bị mất, hỏng', ' đối với trường hợp đặc biệt', ' theo yêu cầu', ' tại Ủy ban nhân dân cấp xã', ' cho hộ gia đình, cá nhân', ' thuộc thẩm quyền cấp huyện', ' kết hợp', ' liên thông'];
const KEYWORDS = ['làm giấy', 'xin cấp', 'thủ tục nhanh', 'giấy tờ', 'nộp hồ sơ', 'hồ sơ trực tuyến', 'một cửa', 'sổ đỏ', 'giấy phép', 'trợ cấp', 'khai sinh cho con', 'đổi tên', 'xác nhận', 'sao y', 'công chứng', 'đất ở', 'nhà ở', 'hộ nghèo', 'liệt sĩ', 'học sinh'];
const SUBJECTS = ['Công dân Việt Nam', 'Người nước ngoài', 'Tổ chức', 'Hộ gia đình', 'Cá nhân', 'Doanh nghiệp'];
const PAPERS = ['Tờ khai theo mẫu', 'Đơn đề nghị', 'Bản sao giấy chứng minh nhân dân hoặc căn cước công dân', 'Giấy tờ chứng minh nơi cư trú', 'Sổ hộ khẩu', 'Giấy chứng nhận quyền sử dụng đất', 'Văn bản ủy quyền', 'Bản vẽ thiết kế', 'Biên bản xác minh', 'Giấy xác nhận của Ủy ban nhân dân cấp xã', 'Hợp đồng', 'Ảnh chân dung 4x6', 'Giấy chứng sinh', 'Trích lục bản án'];
const RESULTS = ['Giấy chứng nhận', 'Quyết định công nhận', 'Văn bản trả lời', 'Giấy phép', 'Trích lục', 'Bản sao được chứng thực', 'Quyết định hưởng trợ cấp', 'Giấy xác nhận'];
const SENTENCES = [
  'Người yêu cầu nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả.',
  'Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ.',
  'Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn người nộp bổ sung, hoàn thiện một lần.',
  'Cơ quan có thẩm quyền xem xét, giải quyết và trả kết quả đúng hẹn.',
  'Người nhận kết quả xuất trình giấy hẹn và giấy tờ tùy thân.',
  'Trong thời hạn quy định, cơ quan giải quyết có văn bản trả lời nêu rõ lý do nếu từ chối.',
  'Phòng chuyên môn thẩm định hồ sơ, trình Chủ tịch Ủy ban nhân dân ký quyết định.',
  'Thông tin được cập nhật vào cơ sở dữ liệu điện tử và sổ theo dõi.',
  'Hồ sơ có thể nộp trực tuyến qua Cổng dịch vụ công quốc gia.',
  'Kết quả được trả trực tiếp hoặc qua dịch vụ bưu chính công ích.',
  'Người đề nghị phải có mặt khi ký hoặc điểm chỉ trước mặt người thực hiện chứng thực.',
  'Ủy ban nhân dân xã niêm yết công khai danh sách trong thời gian năm ngày làm việc.',
];
const AGENCIES = { commune: 'Ủy ban nhân dân cấp xã', district: 'Ủy ban nhân dân cấp huyện' };
const COMMUNES = ['An Bình', 'Hưng Long', 'Đồng Lạc', 'Phúc Khánh', 'Ngọc Đồng', 'Xuân Viên', 'Lương Sơn', 'Mỹ Lung', 'Thượng Long', 'Đồng Thịnh'];

const c = path.join(out, 'content');
fs.rmSync(out, { recursive: true, force: true });
for (const d of ['units', 'procedures/cap-xa', 'procedures/cap-huyen']) fs.mkdirSync(path.join(c, d), { recursive: true });
fs.writeFileSync(path.join(c, 'site.yaml'), `title: "Cổng công khai thủ tục hành chính huyện Mẫu (${count} thủ tục)"
district: huyen-mau
province: "Phú Thọ"
base_url: "https://example.gov.vn/tthc"
feedback:
  agency: "Văn phòng HĐND và UBND huyện Mẫu"
  address: "Số 1, khu Trung Tâm, thị trấn Mẫu"
  phone: "0210 000 0000"
  email: "phananh@example.gov.vn"
sample: true
`);
fs.writeFileSync(path.join(c, 'fields.yaml'), FIELDS.map(([slug, name]) => `- slug: ${slug}\n  name: ${q(name)}\n`).join(''));
const reception = (name) => `reception:\n  name: ${q(`Bộ phận tiếp nhận và trả kết quả ${name}`)}\n  address: ${q(`Trụ sở ${name}`)}\n  phone: "0210 111 1111"\n  hours: "Thứ Hai – Thứ Sáu"\n`;
fs.writeFileSync(path.join(c, 'units', 'huyen-mau.yaml'), `name: "Huyện Mẫu"\nkind: district\n${reception('UBND huyện Mẫu')}`);
const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, '-');
/** The communes: the real names first, then two-syllable names made from them. */
const SYLLABLES = [...new Set(COMMUNES.flatMap((n) => n.split(' ')))];
const communes = [];
const slugs = new Set();
for (let i = 0; communes.length < unitCount - 1; i++) {
  const k = i - COMMUNES.length;
  const name = i < COMMUNES.length ? COMMUNES[i] : `${SYLLABLES[k % SYLLABLES.length]} ${SYLLABLES[Math.floor(k / SYLLABLES.length) % SYLLABLES.length]} ${Math.floor(k / SYLLABLES.length ** 2) + 1}`;
  const slug = `xa-${fold(name)}`;
  if (slugs.has(slug)) continue;
  slugs.add(slug);
  communes.push({ slug, name: `Xã ${name}` });
}
for (const { slug, name } of communes) {
  fs.writeFileSync(path.join(c, 'units', `${slug}.yaml`), `name: ${q(name)}\nkind: commune\n${reception(`UBND ${name.replace(/^Xã/, 'xã')}`)}`);
}
const COMMON = 100; // commune-level procedures every commune handles

/** Keywords a citizen would use, by field (the words of the field's own names come first). */
const FIELD_KEYWORDS = {
  'ho-tich': ['làm giấy khai sinh', 'khai sinh cho con', 'đăng ký kết hôn', 'giấy chứng tử', 'đổi tên'],
  'chung-thuc': ['sao y', 'công chứng', 'chứng thực bản sao', 'ký xác nhận'],
  'dat-dai': ['sổ đỏ', 'đất ở', 'sang tên', 'làm sổ'],
  'xay-dung': ['xin phép xây nhà', 'giấy phép', 'sửa nhà'],
  'ho-kinh-doanh': ['mở cửa hàng', 'kinh doanh', 'đăng ký kinh doanh'],
  'bao-tro-xa-hoi': ['trợ cấp', 'hộ nghèo', 'người già', 'khuyết tật'],
  'nguoi-co-cong': ['liệt sĩ', 'thương binh', 'người có công'],
  'giao-duc': ['học sinh', 'chuyển trường', 'văn bằng'],
  'y-te': ['an toàn thực phẩm', 'khám bệnh', 'sức khỏe'],
  'van-hoa': ['lễ hội', 'văn hóa', 'karaoke'],
  'nong-nghiep': ['trang trại', 'giống cây', 'khuyến nông'],
  'tai-nguyen-nuoc': ['môi trường', 'nước thải', 'giếng khoan'],
  'thi-dua': ['khen thưởng', 'giấy khen'],
  'ton-giao': ['tôn giáo', 'tín ngưỡng', 'chùa'],
  'giao-thong': ['đường bộ', 'phương tiện', 'vỉa hè'],
  'lao-dong': ['việc làm', 'thất nghiệp', 'người lao động'],
};
const ALL_NAMES = FIELDS.slice(0, fieldCount > 0 ? fieldCount : FIELDS.length).flatMap(([field, , names]) => names.map((n) => [field, n]));

const used = new Set();
let communeLevel = 0; // commune-level procedures so far
const hugoPages = []; // what the Hugo site repeats, when asked for
for (let i = 0; i < count; i++) {
  // Every base name once, in order, then at random.
  const [field, base] = i < ALL_NAMES.length ? ALL_NAMES[i] : pick(ALL_NAMES);
  let name = base + (i < ALL_NAMES.length ? '' : pick(QUALIFIERS));
  if (used.has(name)) name = `${name} (trường hợp ${i + 1})`;
  used.add(name);
  const level = rand() < 0.55 ? 'commune' : 'district';
  const n = String(1000 + i).padStart(6, '0');
  const code = i % 3 === 0 ? `2.${n}.000.00.00.H14` : `1.${n}`;
  const slug = `thu-tuc-${String(i + 1).padStart(5, '0')}`;
  const days = Math.floor(rand() * 20);
  // Not drawn from rand(): the catalog of a given N stays the same whatever U and M are.
  let units = null;
  if (level === 'commune' && communeLevel++ >= COMMON) units = [communes[(communeLevel - COMMON) % communes.length].slug];
  const body = ['## Trình tự thực hiện', '', ...some(SENTENCES, 3 + Math.floor(rand() * 4)).map((s, k) => `${k + 1}. ${s}`), '', '## Yêu cầu, điều kiện', '', some(SENTENCES, 2).join(' '), ''];
  // Drawn in the order the original template drew them, so the catalog of a seed is stable.
  const subjects = some(SUBJECTS, 2);
  const papers = some(PAPERS, 2 + Math.floor(rand() * 4));
  const result = pick(RESULTS);
  const legal = `Nghị định số ${10 + Math.floor(rand() * 150)}/2020/NĐ-CP`;
  const keywords = [...new Set(some(FIELD_KEYWORDS[field], 1 + Math.floor(rand() * 2)).concat(rand() < 0.2 ? [pick(KEYWORDS)] : []))];
  const updated = `2020-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
  const time = days === 0 ? 'Trong ngày làm việc' : `${days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ`;
  const md = `---
code: ${q(code)}
name: ${q(name)}
level: ${level}
field: ${field}${units ? `\nunits: [${units.join(', ')}]` : ''}
agency: ${q(AGENCIES[level])}
subjects: [${subjects.map(q).join(', ')}]
channels:
  - direct
  - postal
processing_time:
  value: ${days}
  unit: working_days
  text: ${q(time)}
fees: []
dossier:
  sets: 1
  items:
${papers.map((p) => `    - name: ${q(p)}\n      originals: 1`).join('\n')}
result: ${q(result)}
legal_basis:
  - ${q(legal)}
sources:
  - title: "Danh mục sinh tự động để đo hiệu năng (không phải dữ liệu thật)"
keywords: [${keywords.map(q).join(', ')}]
updated: ${updated}
---
${body.join('\n')}`;
  fs.writeFileSync(path.join(c, 'procedures', level === 'commune' ? 'cap-xa' : 'cap-huyen', `${slug}.md`), md);
  if (hugoOut) {
    const handled = level === 'district' ? ['huyen-mau'] : units ?? communes.map((u) => u.slug);
    hugoPages.push({ slug, code, name, level, field, handled, agency: AGENCIES[level], subjects, time, papers, result, legal, keywords, updated, body: body.join('\n') });
  }
}

if (months > 0) writeStatistics();
if (hugoOut) writeHugo();
console.log(`wrote ${count} procedures into ${out}`);

/** M months ending in 06/2020, one row per unit and field (two fields per unit), balanced and
 * carried over: the shape `congkhai check` accepts. */
function writeStatistics() {
  const dir = path.join(c, 'statistics');
  fs.mkdirSync(dir, { recursive: true });
  const header = 'unit,field,carried_over,received_online,received_direct,received_postal,resolved_early,resolved_on_time,resolved_late,pending_on_time,pending_overdue,withdrawn';
  const all = [{ slug: 'huyen-mau' }, ...communes];
  const pending = new Map();
  for (let m = 0; m < months; m++) {
    const abs = 2020 * 12 + 5 - (months - 1) + m; // the last month is 06/2020
    const ym = `${Math.floor(abs / 12)}-${String((abs % 12) + 1).padStart(2, '0')}`;
    const lines = [header];
    all.forEach((u, k) => {
      for (const f of [FIELDS[k % FIELDS.length][0], FIELDS[(k + 5) % FIELDS.length][0]]) {
        const key = `${u.slug}/${f}`;
        const carried = pending.get(key) ?? 0;
        const online = Math.floor(rand() * 6), direct = Math.floor(rand() * 40), postal = Math.floor(rand() * 3);
        const total = carried + online + direct + postal;
        const withdrawn = total > 10 && rand() < 0.1 ? 1 : 0;
        const open = Math.floor((total - withdrawn) * rand() * 0.3);
        const overdue = open > 2 && rand() < 0.2 ? 1 : 0;
        const resolved = total - withdrawn - open;
        const late = resolved > 5 && rand() < 0.15 ? 1 : 0;
        const early = Math.floor((resolved - late) * rand() * 0.6);
        lines.push([u.slug, f, carried, online, direct, postal, early, resolved - late - early, late, open - overdue, overdue, withdrawn].join(','));
        pending.set(key, open);
      }
    });
    fs.writeFileSync(path.join(dir, `${ym}.csv`), lines.join('\n') + '\n');
  }
}

/** The same pages as a Hugo site: a page per procedure showing the same fields, and Hugo's
 * taxonomy pages for fields, units and levels. No RSS, no sitemap (congkhai's lists have no
 * feed either), so both tools build the pages a visitor reads. */
function writeHugo() {
  fs.rmSync(hugoOut, { recursive: true, force: true });
  const dirs = ['content/thu-tuc', 'layouts/_default', 'layouts/partials'];
  for (const d of dirs) fs.mkdirSync(path.join(hugoOut, d), { recursive: true });
  const fieldName = Object.fromEntries(FIELDS.map(([slug, name]) => [slug, name]));
  fs.writeFileSync(path.join(hugoOut, 'hugo.toml'), `baseURL = "https://example.gov.vn/tthc/"
languageCode = "vi"
title = "Cổng công khai thủ tục hành chính huyện Mẫu"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  linh-vuc = "linh-vuc"
  don-vi = "don-vi"
  cap = "cap"
`);
  const head = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{{ .Title }} – {{ site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header><a href="{{ "" | relURL }}">{{ site.Title }}</a></header><main>`;
  const foot = `</main><footer>{{ site.Title }}</footer></body></html>`;
  fs.writeFileSync(path.join(hugoOut, 'layouts/_default/single.html'), `${head}
<h1>{{ .Title }}</h1>
<dl><dt>Mã thủ tục</dt><dd>{{ .Params.code }}</dd><dt>Lĩnh vực</dt><dd>{{ .Params.field_name }}</dd><dt>Cơ quan thực hiện</dt><dd>{{ .Params.agency }}</dd>
<dt>Đối tượng</dt><dd>{{ delimit .Params.subjects ", " }}</dd><dt>Thời hạn giải quyết</dt><dd>{{ .Params.time }}</dd><dt>Kết quả</dt><dd>{{ .Params.result }}</dd></dl>
<h2>Thành phần hồ sơ</h2><ol>{{ range .Params.papers }}<li>{{ . }}</li>{{ end }}</ol>
{{ .Content }}
<h2>Căn cứ pháp lý</h2><ul><li>{{ .Params.legal }}</li></ul>
<p>Đơn vị: {{ range .GetTerms "don-vi" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
${foot}`);
  const list = `${head}
<h1>{{ .Title }}</h1><p>{{ len .Pages }} thủ tục</p>
<table><thead><tr><th>Mã</th><th>Tên thủ tục</th><th>Lĩnh vực</th><th>Thời hạn</th></tr></thead><tbody>
{{ range .Pages.ByTitle }}<tr><td>{{ .Params.code }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.field_name }}</td><td>{{ .Params.time }}</td></tr>{{ end }}
</tbody></table>
${foot}`;
  fs.writeFileSync(path.join(hugoOut, 'layouts/_default/list.html'), list);
  fs.writeFileSync(path.join(hugoOut, 'layouts/_default/terms.html'), `${head}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>${foot}`);
  fs.mkdirSync(path.join(hugoOut, 'static'), { recursive: true });
  fs.writeFileSync(path.join(hugoOut, 'static/style.css'), 'body{font-family:sans-serif;max-width:60rem;margin:auto}');
  for (const p of hugoPages) {
    const fm = {
      title: p.name, code: p.code, field_name: fieldName[p.field], agency: p.agency, subjects: p.subjects,
      time: p.time, papers: p.papers, result: p.result, legal: p.legal, keywords: p.keywords, date: p.updated,
      'linh-vuc': [p.field], 'don-vi': p.handled, cap: [p.level === 'district' ? 'cap-huyen' : 'cap-xa'],
    };
    fs.writeFileSync(path.join(hugoOut, 'content/thu-tuc', `${p.slug}.md`), `${JSON.stringify(fm, null, 1)}\n\n${p.body}`);
  }
  console.log(`wrote the Hugo site of ${hugoPages.length} procedures into ${hugoOut}`);
}
