// Generates a valid congkhai portal of N procedures, for benchmarks and the search parity
// test. Deterministic: the same N and seed give the same files. Names, fields and bodies are
// built from the vocabulary of real procedures (hộ tịch, chứng thực, đất đai, ...), so the
// index has the term statistics of a real catalog rather than random strings.
//
// Usage: node bench/generate.mjs --count N --out DIR [--seed S]
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const count = Number(opt('count', 1000));
const out = opt('out', null);
let seed = Number(opt('seed', 20240601)) >>> 0;
if (!out || !Number.isInteger(count) || count < 1) {
  console.error('usage: node bench/generate.mjs --count N --out DIR [--seed S]');
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
for (const name of COMMUNES) {
  const slug = 'xa-' + name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, '-');
  fs.writeFileSync(path.join(c, 'units', `${slug}.yaml`), `name: ${q(`Xã ${name}`)}\nkind: commune\n${reception(`UBND xã ${name}`)}`);
}

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
const ALL_NAMES = FIELDS.flatMap(([field, , names]) => names.map((n) => [field, n]));

const used = new Set();
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
  const body = ['## Trình tự thực hiện', '', ...some(SENTENCES, 3 + Math.floor(rand() * 4)).map((s, k) => `${k + 1}. ${s}`), '', '## Yêu cầu, điều kiện', '', some(SENTENCES, 2).join(' '), ''];
  const md = `---
code: ${q(code)}
name: ${q(name)}
level: ${level}
field: ${field}
agency: ${q(AGENCIES[level])}
subjects: [${some(SUBJECTS, 2).map(q).join(', ')}]
channels:
  - direct
  - postal
processing_time:
  value: ${days}
  unit: working_days
  text: ${q(days === 0 ? 'Trong ngày làm việc' : `${days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ`)}
fees: []
dossier:
  sets: 1
  items:
${some(PAPERS, 2 + Math.floor(rand() * 4)).map((p) => `    - name: ${q(p)}\n      originals: 1`).join('\n')}
result: ${q(pick(RESULTS))}
legal_basis:
  - "Nghị định số ${10 + Math.floor(rand() * 150)}/2020/NĐ-CP"
sources:
  - title: "Danh mục sinh tự động để đo hiệu năng (không phải dữ liệu thật)"
keywords: [${[...new Set(some(FIELD_KEYWORDS[field], 1 + Math.floor(rand() * 2)).concat(rand() < 0.2 ? [pick(KEYWORDS)] : []))].map(q).join(', ')}]
updated: 2020-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}
---
${body.join('\n')}`;
  fs.writeFileSync(path.join(c, 'procedures', level === 'commune' ? 'cap-xa' : 'cap-huyen', `${slug}.md`), md);
}
console.log(`wrote ${count} procedures into ${out}`);
