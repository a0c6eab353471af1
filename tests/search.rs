//! Search: the browser's ranking equals tantivy's (parity over generated and bundled catalogs),
//! diacritic-free queries, codes, prefix matching while typing, the fallback, determinism of
//! the published files, and the `search` command.
//!
//! The browser half runs `themes/default/static/assets/search.js` in Node (`tests/search/run.mjs`
//! reads the built files from disk instead of fetching them), so Node must be installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{build, copy_fixture, path, run, snapshot, stderr, stdout};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whole-term queries: with and without diacritics, one to five syllables, codes, keywords.
const QUERIES: &[&str] = &[
    "dang ky khai sinh",
    "đăng ký khai sinh",
    "dang ky ket hon",
    "Đăng ký kết hôn có yếu tố nước ngoài",
    "khai tu",
    "giam ho",
    "trich luc ho tich",
    "tinh trang hon nhan",
    "cai chinh ho tich",
    "chung thuc ban sao",
    "Chứng thực",
    "CHUNG THUC CHU KY",
    "di chuc",
    "phan chia di san",
    "quyen su dung dat",
    "chuyen muc dich su dung dat",
    "tranh chap dat dai",
    "đất đai",
    "tach thua",
    "giay phep xay dung",
    "nha o rieng le",
    "xây dựng",
    "ho kinh doanh",
    "tam ngung hoat dong ho kinh doanh",
    "tro cap xa hoi",
    "mai tang",
    "hộ nghèo",
    "ho ngheo ho can ngheo",
    "khuyet tat",
    "liet si",
    "trợ cấp thờ cúng liệt sĩ",
    "truong mam non",
    "chuyen truong",
    "an toan thuc pham",
    "giay chung sinh",
    "thon van hoa",
    "le hoi",
    "karaoke",
    "kinh te trang trai",
    "nuoc duoi dat",
    "bao ve moi truong",
    "giay khen",
    "tin nguong ton giao",
    "giay phep lao dong",
    "nguoi nuoc ngoai",
    "Giấy phép",
    "cấp lại",
    "dang ký",
    "so do",
    "sao y",
    "cong chung",
    "mot cua",
    "nop ho so truc tuyen",
    "cap giay chung nhan quyen su",
    "dat",
    "giay",
    "cap",
    "1.001001",
    "1.001002",
    "2.001000",
    "2.001003.000.00.00.H14",
    "1.001193",
    "2.000815",
    "uy ban nhan dan cap xa",
    "xyzzy khong co",
];

/// The top `limit` hits of `congkhai search --json` for each query.
fn cli_results(root: &Path, queries: &[&str], limit: usize) -> Vec<Value> {
    queries
        .iter()
        .map(|q| {
            let o = run(&[
                "search",
                "--root",
                path(root),
                "--limit",
                &limit.to_string(),
                "--json",
                q,
            ]);
            assert!(o.status.success(), "search {q:?} failed: {}", stderr(&o));
            serde_json::from_str(&stdout(&o)).expect("search --json prints JSON")
        })
        .collect()
}

/// What search.js returns for each query over the built site (see tests/search/run.mjs).
fn js_results(site: &Path, queries: &[&str], limit: usize, prefix: bool) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("queries.json");
    std::fs::write(&file, serde_json::to_string(queries).expect("json")).expect("write queries");
    let mut cmd = Command::new("node");
    cmd.arg(repo().join("tests/search/run.mjs"))
        .arg(site)
        .arg(&file)
        .arg(limit.to_string());
    if prefix {
        cmd.arg("--prefix");
    }
    let o = cmd
        .output()
        .expect("node must be installed to run the search parity test");
    assert!(
        o.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).expect("node prints JSON");
    assert_eq!(v.len(), queries.len());
    v
}

fn urls(hits: &Value) -> Vec<String> {
    hits.as_array()
        .expect("array")
        .iter()
        .map(|h| h["url"].as_str().expect("url").to_string())
        .collect()
}

/// Asserts that the browser ranks like tantivy for every query; returns how many had hits.
fn assert_parity(root: &Path, site: &Path) -> usize {
    let cli = cli_results(root, QUERIES, 10);
    let js = js_results(site, QUERIES, 10, false);
    let mut with_hits = 0;
    for ((q, c), j) in QUERIES.iter().zip(&cli).zip(&js) {
        let jh = &j["hits"];
        assert_eq!(
            urls(c),
            urls(jh),
            "query {q:?}: top 10 differ (tantivy left, browser right)"
        );
        for (a, b) in c.as_array().unwrap().iter().zip(jh.as_array().unwrap()) {
            let (a, b) = (a["score"].as_f64().unwrap(), b["score"].as_f64().unwrap());
            assert!(
                (a - b).abs() <= 1e-4 * a.abs().max(b.abs()),
                "query {q:?}: score {a} (tantivy) vs {b} (browser)"
            );
        }
        if !urls(c).is_empty() {
            with_hits += 1;
        }
    }
    with_hits
}

/// The generated catalog of 300 procedures (bench/generate.mjs), built once per test run into
/// cargo's scratch folder for integration tests (regenerated every run, never left in /tmp).
fn generated() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("search-catalog-300");
        let o = Command::new("node")
            .arg(repo().join("bench/generate.mjs"))
            .args(["--count", "300", "--out", path(&root)])
            .output()
            .expect("node must be installed");
        assert!(
            o.status.success(),
            "generate: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        build(&root, &root.join("public"));
        root
    })
}

#[test]
fn browser_ranking_equals_tantivy_on_a_generated_catalog() {
    let root = generated();
    let with_hits = assert_parity(root, &root.join("public"));
    assert!(QUERIES.len() >= 50);
    assert!(
        with_hits >= 50,
        "only {with_hits} queries found something: the parity test would prove little"
    );
}

#[test]
fn browser_ranking_equals_tantivy_on_the_bundled_catalog() {
    let root = repo();
    if !root.join("content/site.yaml").is_file() {
        eprintln!("no bundled catalog (content/): skipped");
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    build(&root, &site);
    let with_hits = assert_parity(&root, &site);
    assert!(
        with_hits >= 30,
        "only {with_hits} queries found something in the bundled catalog"
    );
}

#[test]
fn without_diacritics_finds_the_same_procedure_and_national_code_finds_provincial() {
    let root = generated();
    let top = |q: &str| cli_results(root, &[q], 1)[0][0].clone();
    // `đ` folds to `d`: with or without diacritics, the same first result.
    assert_eq!(
        top("đăng ký khai sinh")["url"],
        top("dang ky khai sinh")["url"]
    );
    assert!(
        top("dang ky khai sinh")["name"]
            .as_str()
            .unwrap()
            .starts_with("Đăng ký khai sinh")
    );
    // The generator gives procedure 1 the provincial code 2.001000.000.00.00.H14.
    assert_eq!(top("2.001000")["code"], "2.001000.000.00.00.H14");
    assert_eq!(top("1.001001")["code"], "1.001001");
    let js = js_results(&root.join("public"), &["2.001000"], 1, false);
    assert_eq!(js[0]["hits"][0]["code"], "2.001000.000.00.00.H14");
}

#[test]
fn typing_matches_the_last_syllable_as_a_prefix() {
    let root = generated();
    let site = root.join("public");
    let r = js_results(
        &site,
        &["dang ky khai s", "chung th", "giay phep xay d"],
        10,
        true,
    );
    let first = |i: usize| r[i]["hits"][0]["name"].as_str().unwrap_or("").to_string();
    assert!(first(0).starts_with("Đăng ký khai sinh"), "{}", first(0));
    assert!(first(1).starts_with("Chứng thực"), "{}", first(1));
    assert!(first(2).contains("giấy phép xây dựng"), "{}", first(2));
    // Without prefix matching (a submitted query), `th` is a whole term that no procedure has.
    let whole = js_results(&site, &["chung th"], 10, false);
    assert_eq!(whole[0]["fallback"], true, "{:?}", whole[0]);
}

#[test]
fn no_procedure_with_every_term_falls_back_to_any_term_in_both() {
    let root = generated();
    let q = "khai sinh zzzkhongcozzz";
    let js = js_results(&root.join("public"), &[q], 10, false);
    assert_eq!(js[0]["fallback"], true);
    let js_hits = urls(&js[0]["hits"]);
    assert!(!js_hits.is_empty());
    assert_eq!(
        urls(&cli_results(root, &[q], 10)[0]),
        js_hits,
        "the fallback ranks alike too"
    );
    let o = crate::common::run_in("vi", &["search", "--root", path(root), q]);
    assert!(
        stdout(&o).contains("Không có thủ tục nào chứa đủ mọi từ"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn search_files_are_byte_identical_across_builds_and_outside_the_cache() {
    let portal = copy_fixture("basic");
    let a = portal.path().join("a");
    let b = portal.path().join("b");
    build(portal.path(), &a);
    build(portal.path(), &b);
    let search = |dir: &Path| snapshot(&dir.join("tim-kiem"));
    assert_eq!(search(&a), search(&b));
    assert!(search(&a).iter().any(|(p, _)| p.ends_with("meta.json")));
    // tantivy's own files stay in the cache, never in the site.
    assert!(
        portal
            .path()
            .join(".congkhai-cache/search/meta.json")
            .is_file()
    );
    assert!(
        snapshot(&a)
            .iter()
            .all(|(p, _)| !p.ends_with(".idx") && !p.ends_with(".term"))
    );
}

#[test]
fn an_edit_keeps_the_index_folder_and_the_untouched_files() {
    let portal = copy_fixture("basic");
    let a = portal.path().join("a");
    build(portal.path(), &a);
    let file = portal
        .path()
        .join("content/procedures/cap-xa/dang-ky-khai-sinh.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("\n## ", "\nMột câu mới về thủ tục này.\n\n## ", 1),
    )
    .unwrap();
    let b = portal.path().join("b");
    build(portal.path(), &b);
    let files = |dir: &Path| -> std::collections::BTreeMap<String, Vec<u8>> {
        snapshot(&dir.join("tim-kiem")).into_iter().collect()
    };
    let (before, after) = (files(&a), files(&b));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files in the same folder"
    );
    assert!(
        before.contains_key("chi-muc/meta.json"),
        "{:?}",
        before.keys()
    );
    let changed: Vec<&String> = before
        .iter()
        .filter(|(k, v)| after[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    // A new sentence: new terms in some shards, the body's norms and token total, the
    // build hash in meta.json; the search page, the summaries and most shards stay.
    assert!(
        changed.contains(&&"chi-muc/meta.json".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.contains(&&"chi-muc/n/body.bin".to_string()),
        "{changed:?}"
    );
    assert!(!changed.contains(&&"index.html".to_string()), "{changed:?}");
    assert!(
        changed.iter().all(|p| !p.starts_with("chi-muc/r/")),
        "{changed:?}"
    );
    let shards = before
        .keys()
        .filter(|k| k.starts_with("chi-muc/s/"))
        .count();
    let shards_changed = changed
        .iter()
        .filter(|k| k.starts_with("chi-muc/s/"))
        .count();
    assert!(
        shards_changed > 0 && shards_changed * 2 < shards,
        "{shards_changed} of {shards} shards changed"
    );
}

/// The search page reads `meta.json`, then the files it names; a site updated in between (an
/// upload, `serve` rewriting the files) must not show procedures the ids of one build give
/// to the other build's files.
#[test]
fn a_site_updated_while_searching_is_read_again_never_mixed() {
    let portal = copy_fixture("basic");
    let old = portal.path().join("old");
    build(portal.path(), &old);
    // A procedure first in list order: every other one's id moves up by one.
    let procedures = portal.path().join("content/procedures/cap-huyen");
    let text = std::fs::read_to_string(procedures.join("chung-thuc-ban-sao.md")).unwrap();
    std::fs::write(
        procedures.join("an-toan.md"),
        text.replace("2.000815", "2.000001")
            .replace("Chứng thực bản sao từ bản chính", "An toàn thực phẩm"),
    )
    .unwrap();
    let new = portal.path().join("new");
    build(portal.path(), &new);
    let meta = |site: &Path| -> Value {
        serde_json::from_slice(&std::fs::read(site.join("tim-kiem/chi-muc/meta.json")).unwrap())
            .unwrap()
    };
    assert_ne!(meta(&old)["epoch"], meta(&new)["epoch"]);

    let q = "dang ky khai sinh";
    let expected = urls(&js_results(&new, &[q], 10, false)[0]["hits"]);
    assert_eq!(expected, ["thu-tuc/dang-ky-khai-sinh/"]);
    let o = Command::new("node")
        .arg(repo().join("tests/search/stale.mjs"))
        .args([&old, &new])
        .arg(q)
        .output()
        .expect("node must be installed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        r["builds"], true,
        "every file asked for with its meta's build: {r}"
    );
    // Changed after meta.json: the shards' epoch differs, meta.json is read again.
    assert_eq!(r["afterMeta"]["metaReads"], 2, "{r}");
    assert_eq!(r["afterMeta"]["hits"], serde_json::json!(expected), "{r}");
    // Changed between the search and its summaries: the page searches again.
    assert_eq!(r["afterSearch"]["stale"], true, "{r}");
    assert_eq!(r["afterSearch"]["hits"], serde_json::json!(expected), "{r}");
}

#[test]
fn abolished_procedures_are_left_out_and_the_page_has_the_search_box() {
    let portal = copy_fixture("basic");
    let out = portal.path().join("out");
    build(portal.path(), &out);
    let found = cli_results(portal.path(), &["thu tuc cu da bai bo", "9.999999"], 10);
    assert!(
        urls(&found[0]).iter().all(|u| u != "thu-tuc/thu-tuc-cu/"),
        "{found:?}"
    );
    assert!(urls(&found[1]).is_empty(), "{found:?}");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains(r#"action="tim-kiem/""#) && home.contains(r#"name="q""#));
    let page = std::fs::read_to_string(out.join("tim-kiem/index.html")).unwrap();
    assert!(page.contains(r#"id="search-results""#));
    assert!(page.contains("<noscript>") && page.contains("Trang tìm kiếm cần JavaScript"));
    assert!(
        page.contains(r#"href="../linh-vuc/ho-tich/""#)
            && page.contains(r#"href="../don-vi/xa-an-binh/""#)
    );
}

#[test]
fn search_without_a_build_or_after_an_edit_answers_from_the_content_as_it_is_now() {
    let portal = copy_fixture("basic");
    // Other tests build the fixture in place; its cache is not part of the fixture.
    let _ = std::fs::remove_dir_all(portal.path().join(".congkhai-cache"));
    let search = |q: &str| {
        let o = crate::common::run_in("vi", &["search", "--root", path(portal.path()), q]);
        assert!(o.status.success(), "{}", stderr(&o));
        (stdout(&o), stderr(&o))
    };
    let (out, note) = search("khai sinh");
    assert!(out.contains("Đăng ký khai sinh"), "{out}");
    assert!(note.contains("chưa tạo trang lần nào"), "{note}");

    // After a build the index is fresh: no note.
    build(portal.path(), &portal.path().join("public"));
    let (_, note) = search("khai sinh");
    assert!(note.is_empty(), "{note}");

    // The officer renames a procedure and searches before building: the answer follows the
    // file on disk, and says the site itself is not updated yet.
    let file = portal
        .path()
        .join("content/procedures/cap-xa/dang-ky-khai-sinh.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "name: \"Đăng ký khai sinh\"",
            "name: \"Đăng ký khai sinh lưu động\"",
            1,
        ),
    )
    .unwrap();
    let (out, note) = search("luu dong");
    assert!(out.contains("Đăng ký khai sinh lưu động"), "{out}");
    assert!(note.contains("nội dung đã thay đổi"), "{note}");
}

#[test]
fn only_procedures_with_every_term_count_as_found_and_partial_matches_say_so() {
    let portal = copy_fixture("basic");
    let out = portal.path().join("out");
    build(portal.path(), &out);
    let full = "chung thuc ban sao";
    let partial = "khai sinh zzzkhongcozzz";
    let js = js_results(&out, &[full, "chung thuc ban", partial], 10, false);
    // "Đăng ký khai sinh" has chứng, thực and bản but not sao: a partial match of the query,
    // so neither counted nor listed while a procedure has every term.
    assert!(urls(&js[1]["hits"]).contains(&"thu-tuc/dang-ky-khai-sinh/".to_string()));
    assert_eq!(js[0]["fallback"], false);
    assert_eq!(js[0]["total"], 1, "{}", js[0]);
    assert_eq!(urls(&js[0]["hits"]), ["thu-tuc/chung-thuc-ban-sao/"]);
    assert_eq!(
        js[0]["status"],
        "Tìm thấy 1 thủ tục cho “chung thuc ban sao”."
    );
    // The command in Vietnamese, the language of the page (whatever the machine's locale).
    let command = |q: &str| {
        let o = crate::common::congkhai()
            .env("CONGKHAI_LANG", "vi")
            .args(["search", "--root", path(portal.path()), q])
            .output()
            .expect("run congkhai");
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let cli = command(full);
    assert!(cli.ends_with("\n1 kết quả\n"), "{cli}");
    assert!(!cli.contains("chứa một phần"), "{cli}");
    assert_eq!(
        urls(&cli_results(portal.path(), &[full], 10)[0]),
        urls(&js[0]["hits"])
    );
    // No procedure has every term: the page says so before the list, as the command does,
    // and never calls the partial matches "found".
    assert_eq!(js[2]["fallback"], true);
    let status = js[2]["status"].as_str().unwrap();
    assert_eq!(
        status,
        "Không có thủ tục nào chứa đủ mọi từ của “khai sinh zzzkhongcozzz”; các thủ tục chứa một phần (1 thủ tục):"
    );
    assert!(!status.contains("Tìm thấy"));
    let cli = command(partial);
    assert!(
        cli.starts_with("Không có thủ tục nào chứa đủ mọi từ; các thủ tục chứa một phần:\n"),
        "{cli}"
    );
    assert_eq!(
        urls(&cli_results(portal.path(), &[partial], 10)[0]),
        urls(&js[2]["hits"])
    );
}
