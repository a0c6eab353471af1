//! Writing new files for the website team: `congkhai init DIR` (a portal that builds at
//! once: a minimal `content/` and a copy of the default theme to edit) and `congkhai new
//! procedure` (a procedure file with every key of the content format, required ones empty
//! so that `congkhai check` lists exactly what is left to fill in).
//!
//! Neither ever overwrites a file.

use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};

use crate::catalog;
use crate::error::{Error, Result};
use crate::model::Level;
use crate::text::{is_slug, slugify};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/starter");
static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// `congkhai init DIR`: writes `DIR/content` (one district, one commune, one field, one
/// procedure, one page) and `DIR/themes/default`. Refuses a folder that already has either.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    for existing in ["content", "themes/default"] {
        let path = dir.join(existing);
        if path.exists() {
            return Err(Error::Usage(crate::tr!(
                "init-exists",
                path = path.display()
            )));
        }
    }
    let mut written = Vec::new();
    write_tree(&STARTER, dir, &mut written)?;
    write_tree(&THEME, &dir.join("themes/default"), &mut written)?;
    Ok(written)
}

fn write_tree(tree: &Dir<'_>, to: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    for entry in tree.entries() {
        match entry {
            DirEntry::Dir(d) => write_tree(d, to, written)?,
            DirEntry::File(f) => {
                let path = to.join(f.path());
                write_new(&path, f.contents())?;
                written.push(path);
            }
        }
    }
    Ok(())
}

/// What `congkhai new procedure` is asked for.
#[derive(Debug)]
pub struct NewProcedure<'a> {
    pub root: &'a Path,
    pub level: Level,
    pub field: &'a str,
    pub name: &'a str,
    /// Default: the name, slugified.
    pub slug: Option<&'a str>,
    /// The `updated` date to write (today, from the caller).
    pub today: &'a str,
}

/// Writes `content/procedures/<cap-huyen|cap-xa>/<field>/<slug>.md`; returns its path.
pub fn new_procedure(req: &NewProcedure<'_>) -> Result<PathBuf> {
    let fields = catalog::load_fields_only(req.root)?;
    if !fields.iter().any(|f| f.slug == req.field) {
        let known: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
        return Err(Error::Usage(crate::tr!(
            "new-no-field",
            field = req.field,
            known = known.join(", ")
        )));
    }
    let name = crate::text::nfc(req.name.trim());
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::Usage(crate::tr!("new-bad-name")));
    }
    let slug = match req.slug {
        Some(s) => s.to_string(),
        None => slugify(&name),
    };
    if !is_slug(&slug) {
        return Err(Error::Usage(crate::tr!("new-bad-slug", slug = slug)));
    }
    let procedures = req.root.join("content/procedures");
    for path in catalog::source::walk(&procedures, ".md")? {
        if catalog::source::stem(&path) == slug {
            return Err(Error::Usage(crate::tr!(
                "new-slug-taken",
                slug = slug,
                path = path.display()
            )));
        }
    }
    let folder = match req.level {
        Level::District => "cap-huyen",
        Level::Commune => "cap-xa",
    };
    let path = procedures
        .join(folder)
        .join(req.field)
        .join(format!("{slug}.md"));
    write_new(&path, procedure_text(req, &name).as_bytes())?;
    Ok(path)
}

fn procedure_text(req: &NewProcedure<'_>, name: &str) -> String {
    let (level, agency_hint, office) = match req.level {
        Level::District => (
            "district",
            "Ủy ban nhân dân cấp huyện",
            "# office: phong-tu-phap         # tùy chọn: mã phòng chuyên môn của huyện (units/<huyện>.yaml)\n",
        ),
        Level::Commune => ("commune", "Ủy ban nhân dân cấp xã", ""),
    };
    let name = name.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"---
# Điền các giá trị còn trống; `congkhai check` liệt kê những gì còn thiếu, kèm dòng và cột.
# Các khóa bắt đầu bằng # là tùy chọn: bỏ dấu # để dùng. Định dạng: content-format.md.
code: ""                          # mã thủ tục trong Cơ sở dữ liệu quốc gia, ví dụ "1.001193"; xóa dòng nếu chưa có mã
name: "{name}"
level: {level}                    # district | commune, hoặc [district, commune]
field: {field}
agency: ""                        # cơ quan thực hiện, ví dụ "{agency_hint}"
# decides: ""                     # cơ quan có thẩm quyền quyết định
# coordinates: ""                 # cơ quan phối hợp
{office}# authorized: ""                  # cơ quan được ủy quyền
# units: []                       # chỉ những đơn vị này giải quyết (mặc định: mọi đơn vị cùng cấp)
subjects: []                      # đối tượng thực hiện, ví dụ ["Công dân Việt Nam"]
channels:                         # cách thức thực hiện: direct | postal | online
  - direct
# return_by_post: true            # trả kết quả qua bưu chính công ích
# online: 3                       # mức độ dịch vụ công trực tuyến
# online_url: "https://..."
processing_time:                  # thời hạn giải quyết
  # value: 3                      # tùy chọn, cùng với unit
  # unit: working_days            # working_days | days | hours
  text: ""                        # theo đúng văn bản quy định
fees: []                          # phí, lệ phí; [] nghĩa là không thu. Mỗi khoản:
#  - name: "Lệ phí ..."
#    amount: 8000                 # đồng; bỏ trống nếu mức thu thay đổi
#    text: "Miễn lệ phí đối với ..."
dossier:                          # thành phần, số lượng hồ sơ
  sets: 1
  items: []                       # mỗi giấy tờ: {{name: "...", originals: 1, copies: 0}}
result: ""                        # kết quả thực hiện
legal_basis: []                   # căn cứ pháp lý: số, ngày, tên văn bản
sources: []                       # nguồn thông tin: hồ sơ công khai, văn bản đã dùng; mỗi nguồn {{title: "...", url: "https://..."}}
# keywords: []                    # từ người dân hay tìm, ví dụ ["làm giấy khai sinh"]
updated: {today}                  # ngày cập nhật gần nhất
# history: []                     # quyết định công bố: {{date, decision, note}}
# related: []                     # thủ tục liên quan (slug)
---
## Trình tự thực hiện

## Yêu cầu, điều kiện

"#,
        field = req.field,
        today = req.today,
    )
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
        .map_err(|e| Error::io(path, e))
}
