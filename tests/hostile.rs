//! Hostile files: what a district's team (or a broken export, or an attacker with write access
//! to `content/`) can put on disk. Each case starts from a successful build of the `basic`
//! portal, changes the files, and builds again into the same `--out`:
//! - what the format allows (a BOM, CRLF endings, NFD text) builds the very same site;
//! - a content error is located (`path:line:column: message`) and exits 1;
//! - an I/O problem names the path and exits 2;
//! - nothing panics, and after a failure the previous site is untouched byte for byte.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common::{build, copy_fixture, path, run, snapshot, stderr};

const PROCEDURE: &str = "content/procedures/cap-xa/dang-ky-khai-sinh.md";

/// Builds `basic` once, applies `change`, builds again into the same folder.
/// Returns the second build's output, the site before, and the site after.
struct Case {
    output: Output,
    before: Vec<(String, Vec<u8>)>,
    after: Vec<(String, Vec<u8>)>,
    leftovers: Vec<String>,
}

fn case(change: impl FnOnce(&Path)) -> Case {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let before = snapshot(&out);
    change(site.path());
    let output = run(&["build", "--root", path(site.path()), "--out", path(&out)]);
    let err = stderr(&output);
    assert!(
        !err.contains("panicked") && matches!(output.status.code(), Some(0..=2)),
        "no panic, exit 0, 1 or 2; got {:?}:\n{err}",
        output.status.code()
    );
    let leftovers = fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    Case {
        after: snapshot(&out),
        output,
        before,
        leftovers,
    }
}

impl Case {
    /// Exit 1, a diagnostic `file:line:col: …` containing `message`, the old site intact.
    fn content_error(&self, file: &str, line: usize, message: &str) {
        let err = stderr(&self.output);
        assert_eq!(
            self.output.status.code(),
            Some(1),
            "content errors exit 1:\n{err}"
        );
        let located = err.lines().any(|l| {
            let Some(rest) = l.strip_prefix(&format!("{file}:{line}:")) else {
                return false;
            };
            let (col, msg) = rest.split_once(": ").unwrap_or(("", ""));
            col.parse::<usize>().is_ok_and(|c| c >= 1) && msg.contains(message)
        });
        assert!(
            located,
            "expected `{file}:{line}:<col>: …{message}…` in:\n{err}"
        );
        self.untouched();
    }

    /// Exit 2 and a message naming `path_part`, the old site intact.
    fn io_error(&self, path_part: &str) {
        let err = stderr(&self.output);
        assert_eq!(
            self.output.status.code(),
            Some(2),
            "I/O errors exit 2:\n{err}"
        );
        assert!(
            err.contains(path_part),
            "the message names `{path_part}`:\n{err}"
        );
        self.untouched();
    }

    fn untouched(&self) {
        assert!(!self.before.is_empty());
        assert!(
            self.after == self.before,
            "the previous site must be untouched byte for byte"
        );
        assert!(
            self.leftovers.is_empty(),
            "no temporary folder left: {:?}",
            self.leftovers
        );
    }

    /// Exit 0 and a site byte-identical to the one built from the plain files.
    fn same_site(&self) {
        let err = stderr(&self.output);
        assert_eq!(self.output.status.code(), Some(0), "must build:\n{err}");
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&self.after), names(&self.before));
        for ((name, a), (_, b)) in self.after.iter().zip(&self.before) {
            assert!(
                a == b,
                "{name} differs from the site built from the plain files"
            );
        }
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(Vec<u8>) -> Vec<u8>) {
    let file = root.join(rel);
    let bytes = fs::read(&file).unwrap();
    fs::write(&file, f(bytes)).unwrap();
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    edit(root, rel, |b| {
        let text = String::from_utf8(b).unwrap();
        assert!(text.contains(from), "{rel} holds `{from}`");
        text.replacen(from, to, 1).into_bytes()
    });
}

// --- what the format allows: the same site ---

#[test]
fn a_byte_order_mark_builds_the_same_site() {
    case(|root| {
        for rel in [
            PROCEDURE,
            "content/site.yaml",
            "content/fields.yaml",
            "content/pages/gioi-thieu.md",
        ] {
            edit(root, rel, |b| [b"\xEF\xBB\xBF".as_slice(), &b].concat());
        }
    })
    .same_site();
}

#[test]
fn crlf_line_endings_build_the_same_site() {
    case(|root| {
        for rel in [
            PROCEDURE,
            "content/site.yaml",
            "content/units/xa-an-binh.yaml",
            "content/pages/gioi-thieu.md",
        ] {
            edit(root, rel, |b| {
                String::from_utf8(b)
                    .unwrap()
                    .replace('\n', "\r\n")
                    .into_bytes()
            });
        }
    })
    .same_site();
}

#[test]
fn decomposed_text_builds_the_same_site() {
    // NFD: base letters followed by combining marks, as some macOS tools and old Vietnamese
    // keyboards write them. Each pair below is the decomposition of the precomposed letter.
    let nfd = |s: String| {
        s.replace('ý', "y\u{301}")
            .replace('ă', "a\u{306}")
            .replace('ệ', "e\u{323}\u{302}")
            .replace('ế', "e\u{302}\u{301}")
            .replace('ậ', "a\u{323}\u{302}")
            .replace('ủ', "u\u{309}")
            .replace('ộ', "o\u{323}\u{302}")
            .replace('ị', "i\u{323}")
            .replace('ứ', "u\u{31B}\u{301}")
    };
    case(|root| {
        for rel in [PROCEDURE, "content/fields.yaml", "content/site.yaml"] {
            edit(root, rel, |b| {
                let text = String::from_utf8(b).unwrap();
                let decomposed = nfd(text.clone());
                assert_ne!(decomposed, text, "{rel} has letters to decompose");
                decomposed.into_bytes()
            });
        }
    })
    .same_site();
}

// --- content errors: located, exit 1 ---

#[test]
fn invalid_utf8_is_located() {
    case(|root| {
        edit(root, PROCEDURE, |b| {
            let text = String::from_utf8(b).unwrap();
            // A Latin-1 "é" on line 3 (name: …), as a legacy editor would save it.
            text.replacen("name: \"Đăng ký khai sinh\"", "name: \"Đăng ký \u{0}", 1)
                .into_bytes()
                .into_iter()
                .map(|c| if c == 0 { 0xE9 } else { c })
                .collect()
        });
    })
    .content_error(PROCEDURE, 3, "not valid UTF-8");
}

#[test]
fn a_tab_in_yaml_indentation_is_located() {
    case(|root| replace(root, "content/site.yaml", "\n  address:", "\n\taddress:")).content_error(
        "content/site.yaml",
        7,
        "YAML indents with spaces only",
    );
}

#[test]
fn a_duplicate_key_is_located() {
    case(|root| {
        replace(
            root,
            PROCEDURE,
            "level: commune\n",
            "level: commune\nname: \"Lần hai\"\n",
        )
    })
    .content_error(PROCEDURE, 5, "duplicate");
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    case(|root| {
        let file = root.join("content/procedures/cap-xa/khong-lo.md");
        let f = fs::File::create(&file).unwrap();
        f.set_len(50 * 1024 * 1024).unwrap();
    })
    .content_error("content/procedures/cap-xa/khong-lo.md", 1, "bytes");
}

#[test]
fn an_empty_procedure_is_located() {
    case(|root| fs::write(root.join("content/procedures/cap-xa/rong.md"), "").unwrap())
        .content_error("content/procedures/cap-xa/rong.md", 1, "front matter");
}

#[test]
fn an_empty_unit_file_is_located() {
    case(|root| fs::write(root.join("content/units/xa-rong.yaml"), "").unwrap()).content_error(
        "content/units/xa-rong.yaml",
        1,
        "empty",
    );
}

#[test]
fn front_matter_never_closed_is_located() {
    case(|root| {
        replace(
            root,
            PROCEDURE,
            "related: [chung-thuc-ban-sao]\n---\n",
            "related: [chung-thuc-ban-sao]\n",
        )
    })
    .content_error(PROCEDURE, 1, "never closed");
}

#[test]
fn a_javascript_url_is_refused() {
    case(|root| {
        replace(
            root,
            PROCEDURE,
            "online_url: \"https://dichvucong.example.gov.vn/khai-sinh\"",
            "online_url: \"javascript:alert(1)\"",
        )
    })
    .content_error(PROCEDURE, 16, "http or https");
}

#[test]
fn a_statistics_csv_without_a_required_column_is_located() {
    case(|root| {
        let dir = root.join("content/statistics");
        fs::create_dir_all(&dir).unwrap();
        // `pending_overdue` is missing from the header.
        fs::write(
            dir.join("2020-01.csv"),
            "unit,field,carried_over,received_online,received_direct,received_postal,resolved_early,resolved_on_time,resolved_late,pending_on_time\n\
             xa-an-binh,ho-tich,0,1,1,0,0,2,0,0\n",
        )
        .unwrap();
    })
    .content_error("content/statistics/2020-01.csv", 1, "missing required column `pending_overdue`");
}

// --- I/O problems: the path named, exit 2 ---

#[cfg(unix)]
#[test]
fn a_symlink_loop_names_the_path() {
    case(|root| {
        std::os::unix::fs::symlink("..", root.join("content/procedures/cap-xa/vong")).unwrap();
    })
    .io_error("vong");
}

/// CI runs as root, for whom `chmod 000` does not make a file unreadable: a dangling symlink
/// (a file that vanished, a mount that went away) is the unreadable file here.
#[cfg(unix)]
#[test]
fn an_unreadable_procedure_names_the_path() {
    case(|root| {
        std::os::unix::fs::symlink(
            "/nonexistent/congkhai/gone.md",
            root.join("content/procedures/cap-xa/mat.md"),
        )
        .unwrap();
    })
    .io_error("mat.md");
}

#[test]
fn an_output_folder_that_cannot_be_written_names_the_path() {
    let site = copy_fixture("basic");
    let blocker = site.path().join("tep");
    fs::write(&blocker, "a file where a folder is expected").unwrap();
    let out = blocker.join("public");
    let o = run(&["build", "--root", path(site.path()), "--out", path(&out)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("tep") && !err.contains("panicked"), "{err}");
    assert_eq!(
        fs::read_to_string(&blocker).unwrap(),
        "a file where a folder is expected"
    );
}

// --- regressions found by fuzzing (fuzz/, cargo-fuzz) ---

/// Lone CR line endings: the YAML parser counted them as line breaks and we did not, so an
/// error in a CR-only file was reported at a line past the end of the file.
#[test]
fn fuzz_lone_cr_errors_stay_inside_the_file() {
    let bytes =
        fs::read(crate::common::fixtures().join("hostile-fuzz/front_matter-lone-cr.bin")).unwrap();
    let text =
        congkhai::catalog::source::decode(String::from_utf8_lossy(&bytes).as_bytes()).unwrap();
    let lines = text.lines().count();
    let whole = congkhai::catalog::yaml::Doc::whole(&text);
    let (pos, _) = whole.value().unwrap_err();
    assert!(
        pos.line >= 1 && pos.line <= lines,
        "{pos:?} in a file of {lines} lines"
    );
}

#[test]
fn lone_cr_line_endings_build_the_same_site() {
    case(|root| {
        edit(root, PROCEDURE, |b| {
            String::from_utf8(b)
                .unwrap()
                .replace('\n', "\r")
                .into_bytes()
        });
    })
    .same_site();
}
