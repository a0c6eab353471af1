//! A province-sized portal: the parallel build is the serial build, long lists split into
//! pages a phone can open, listings into printable documents, and `serve`'s incremental
//! rebuilds equal a full build byte for byte.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use congkhai::pipeline::Incremental;

use crate::common::{copy_dir, path, read, run, snapshot, stderr};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Asserts that two built folders hold the same files with the same bytes.
fn assert_same_site(a: &Path, b: &Path, what: &str) {
    let (sa, sb) = (snapshot(a), snapshot(b));
    assert!(!sa.is_empty(), "{what}: nothing built");
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    let (na, nb) = (names(&sa), names(&sb));
    let only_a: Vec<_> = na.iter().filter(|n| !nb.contains(n)).collect();
    let only_b: Vec<_> = nb.iter().filter(|n| !na.contains(n)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{what}: files only in the first {only_a:?}, only in the second {only_b:?}"
    );
    for ((name, x), (_, y)) in sa.iter().zip(&sb) {
        assert!(x == y, "{what}: {name} differs");
    }
}

fn build_with(root: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec!["build", "--root", path(root), "--out", path(out)];
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
}

#[test]
fn a_parallel_build_is_byte_identical_to_a_serial_one() {
    let tmp = tempfile::tempdir().unwrap();
    let serial = tmp.path().join("serial");
    let parallel = tmp.path().join("parallel");
    // More threads than this machine has cores: the pages finish in another order.
    build_with(&repo(), &serial, &["--jobs", "1"]);
    build_with(&repo(), &parallel, &["--jobs", "8"]);
    assert_same_site(&serial, &parallel, "--jobs 1 against --jobs 8");
}

/// A generated catalog with every procedure in one field, so that lists pass the split
/// thresholds (1.000 on a page, 300 on a listing) with few procedures.
fn long_catalog() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new("node")
        .arg(repo().join("bench/generate.mjs"))
        .args(["--count", "2200", "--fields", "1", "--units", "4", "--out"])
        .arg(tmp.path())
        .output()
        .expect("node must be installed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tmp
}

#[test]
fn long_lists_split_by_field_and_paginate_and_listings_split_into_documents() {
    let site = long_catalog();
    let out = site.path().join("public");
    build_with(site.path(), &out, &[]);

    // The whole catalog (2.200) links to one page per field instead of listing them all.
    let all = read(&out, "thu-tuc/index.html");
    assert!(
        all.contains("2.200 thủ tục, mỗi lĩnh vực một trang"),
        "{all}"
    );
    assert!(all.contains(r#"href="../linh-vuc/ho-tich/""#));
    assert!(
        !all.contains("thu-tuc-00001/"),
        "the split page lists no procedure"
    );

    // The field's list: pages of 500, each linking to all of them, every procedure once.
    let mut seen = Vec::new();
    for k in 1..=5 {
        let rel = if k == 1 {
            "linh-vuc/ho-tich/index.html".to_string()
        } else {
            format!("linh-vuc/ho-tich/trang-{k}/index.html")
        };
        let page = read(&out, &rel);
        for j in 1..=5 {
            let link = if j == k {
                format!(r#"<span aria-current="page">Trang {j}</span>"#)
            } else {
                format!(">Trang {j}</a>")
            };
            assert!(page.contains(&link), "{rel} lacks {link}");
        }
        seen.extend(
            page.match_indices("thu-tuc/thu-tuc-")
                .map(|(i, _)| page[i + 8..i + 21].to_string()),
        );
    }
    assert!(!out.join("linh-vuc/ho-tich/trang-6").exists());
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 2200, "every procedure on exactly one page");

    // A level's list splits into pages under it.
    let commune = read(&out, "cap-xa/index.html");
    assert!(
        commune.contains(r#"href="../cap-xa/ho-tich/""#),
        "{commune}"
    );
    assert!(out.join("cap-xa/ho-tich/trang-2/index.html").is_file());

    // The district's listing: one document per field, in parts of 300 rows numbered on.
    let listing = read(&out, "niem-yet/huyen-mau/index.html");
    assert!(listing.contains("Bản niêm yết theo từng lĩnh vực"));
    assert!(listing.contains(r#"href="../../niem-yet/huyen-mau/ho-tich/""#));
    assert!(
        !listing.contains("<svg"),
        "the listing page itself carries no QR codes"
    );
    let part2 = read(&out, "niem-yet/huyen-mau/ho-tich/phan-2/index.html");
    assert!(part2.contains("Lĩnh vực Hộ tịch, phần 2/"));
    assert_eq!(
        part2
            .matches(r#"<td class="c-stt" data-label="STT">"#)
            .count(),
        300
    );
    assert!(
        part2.contains(r#"data-label="STT">301</td>"#),
        "numbering goes on"
    );
    assert!(part2.contains(r#"data-label="STT">600</td>"#));

    // No page of the site is heavier than a long list page.
    for (rel, bytes) in snapshot(&out) {
        if rel.ends_with(".html") {
            assert!(bytes.len() < 1_100_000, "{rel} has {} bytes", bytes.len());
        }
    }
}

/// A small deterministic generator (xorshift), so that the edits are "random" and repeatable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn procedure_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/procedures"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn incremental_rebuilds_equal_a_full_build_after_random_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portal");
    fs::create_dir_all(&root).unwrap();
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    let every: Vec<usize> = (0..12).collect();
    random_edits(tmp.path(), &root, 18, &every);
}

/// The same on a catalog whose lists are paginated and whose district's page is split by
/// field (the bundled one is too short for either): edits of procedures, units, fields and
/// a month of statistics.
#[test]
fn incremental_rebuilds_of_paginated_lists_equal_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portal");
    let o = Command::new("node")
        .arg(repo().join("bench/generate.mjs"))
        .args(["--count", "2200", "--fields", "1", "--units", "4"])
        .args(["--months", "2", "--out"])
        .arg(&root)
        .output()
        .expect("node must be installed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    random_edits(tmp.path(), &root, 8, &[0, 1, 2, 3, 5, 6, 8, 9]);
}

/// Makes `steps` seeded random edits to the portal at `root`, of the kinds `kinds` (see the
/// match below), rebuilding incrementally after each and comparing with a full build.
fn random_edits(tmp: &Path, root: &Path, steps: usize, kinds: &[usize]) {
    let root = root.to_path_buf();
    let live = tmp.join("live");
    let mut builds = Incremental::new(&root, &live);
    builds.build().expect("the first build");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for step in 0..steps {
        let files = procedure_files(&root);
        let file = files[rng.below(files.len())].clone();
        let text = fs::read_to_string(&file).unwrap();
        // What to put back if the edit breaks the portal.
        let mut undo: Vec<(PathBuf, Option<String>)> = vec![(file.clone(), Some(text.clone()))];
        let what = match kinds[rng.below(kinds.len())] {
            0 => {
                // A sentence added to the steps.
                fs::write(&file, text.replacen("\n## ", "\nMột câu mới.\n\n## ", 1)).unwrap();
                "a sentence"
            }
            1 => {
                // A renamed procedure (its name is on lists, listings, search).
                fs::write(&file, text.replacen("name: \"", "name: \"Sửa tên: ", 1)).unwrap();
                "a name"
            }
            2 => {
                fs::remove_file(&file).unwrap();
                "a procedure removed"
            }
            3 => {
                // A copy under a new slug, without what must stay unique.
                let copy = file.with_file_name(format!("ban-sao-{step}.md"));
                let kept: Vec<&str> = text
                    .lines()
                    .filter(|l| !l.starts_with("code:") && !l.starts_with("aliases:"))
                    .collect();
                fs::write(&copy, kept.join("\n") + "\n").unwrap();
                undo.push((copy, None));
                "a procedure added"
            }
            5 => {
                // A unit's reception office: on its page, its listing and the pages of the
                // procedures it handles.
                let units = root.join("content/units");
                let mut names: Vec<_> = fs::read_dir(&units).unwrap().flatten().collect();
                names.sort_by_key(|e| e.file_name());
                let unit = names[rng.below(names.len())].path();
                let t = fs::read_to_string(&unit).unwrap();
                undo = vec![(unit.clone(), Some(t.clone()))];
                let edited = t.replacen("  name: \"", &format!("  name: \"(Sửa {step}) "), 1);
                fs::write(&unit, edited).unwrap();
                "a unit"
            }
            6 => {
                // A field's name is on every page (the menu) and in the search index.
                let fields = root.join("content/fields.yaml");
                let t = fs::read_to_string(&fields).unwrap();
                undo = vec![(fields.clone(), Some(t.clone()))];
                fs::write(&fields, t.replacen("name: \"", "name: \"Sửa: ", 1)).unwrap();
                "a field"
            }
            7 => {
                // The site's address is in every absolute URL (QR codes, structured data).
                let site = root.join("content/site.yaml");
                let t = fs::read_to_string(&site).unwrap();
                undo = vec![(site.clone(), Some(t.clone()))];
                let edited = t.replacen("/tthc\"", &format!("/tthc{step}\""), 1);
                assert_ne!(edited, t, "site.yaml has the base_url the edit expects");
                fs::write(&site, edited).unwrap();
                "site.yaml"
            }
            8 => {
                // The newest month's statistics: one more dossier received and pending, so the
                // month still balances.
                let dir = root.join("content/statistics");
                let mut months: Vec<_> = fs::read_dir(&dir)
                    .unwrap()
                    .flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
                    .collect();
                months.sort_by_key(|e| e.file_name());
                let last = months.last().unwrap().path();
                let t = fs::read_to_string(&last).unwrap();
                undo = vec![(last.clone(), Some(t.clone()))];
                let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
                let row = 1 + rng.below(lines.len() - 1);
                let mut cells: Vec<String> = lines[row].split(',').map(str::to_string).collect();
                for col in [4, 9] {
                    // received_direct, pending_on_time
                    cells[col] = (cells[col].parse::<u64>().unwrap() + 1).to_string();
                }
                lines[row] = cells.join(",");
                fs::write(&last, lines.join("\n") + "\n").unwrap();
                "statistics"
            }
            9 => {
                // A procedure moved to the other level: lists, units' counts, listings.
                let edited = if text.contains("\nlevel: district\n") {
                    text.replacen("\nlevel: district\n", "\nlevel: commune\n", 1)
                } else {
                    text.replacen("\nlevel: commune\n", "\nlevel: district\n", 1)
                };
                fs::write(&file, edited).unwrap();
                "a level"
            }
            10 => {
                // A procedure another one links to, renamed: the linking page changes too.
                let linked = files
                    .iter()
                    .find(|f| {
                        let t = fs::read_to_string(f).unwrap();
                        t.contains("\nrelated:") || t.contains("\nreplaced_by:")
                    })
                    .cloned();
                match linked {
                    Some(from) => {
                        let t = fs::read_to_string(&from).unwrap();
                        let target = t
                            .lines()
                            .skip_while(|l| {
                                !l.starts_with("related:") && !l.starts_with("replaced_by:")
                            })
                            .flat_map(|l| {
                                l.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                            })
                            .find(|w| {
                                !w.is_empty()
                                    && *w != "related"
                                    && *w != "replaced_by"
                                    && files.iter().any(|f| f.file_stem().unwrap() == *w)
                            })
                            .map(str::to_string);
                        match target.and_then(|w| {
                            files
                                .iter()
                                .find(|f| f.file_stem().unwrap() == w.as_str())
                                .cloned()
                        }) {
                            Some(target) => {
                                let tt = fs::read_to_string(&target).unwrap();
                                undo = vec![(target.clone(), Some(tt.clone()))];
                                fs::write(
                                    &target,
                                    tt.replacen(
                                        "name: \"",
                                        &format!("name: \"Liên kết {step}: "),
                                        1,
                                    ),
                                )
                                .unwrap();
                                "a linked procedure's name"
                            }
                            None => "nothing (no linked procedure found)",
                        }
                    }
                    None => "nothing (no procedure links to another)",
                }
            }
            11 => {
                // A procedure's figures of one month (per-procedure file): its page's block.
                let dir = root.join("content/statistics/thu-tuc");
                let mut months: Vec<_> = fs::read_dir(&dir).unwrap().flatten().collect();
                months.sort_by_key(|e| e.file_name());
                let month = months[rng.below(months.len())].path();
                let t = fs::read_to_string(&month).unwrap();
                undo = vec![(month.clone(), Some(t.clone()))];
                let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
                let row = 1 + rng.below(lines.len() - 1);
                let mut cells: Vec<String> = lines[row].split(',').map(str::to_string).collect();
                cells[2] = (cells[2].parse::<u64>().unwrap() + 1).to_string(); // received
                lines[row] = cells.join(",");
                fs::write(&month, lines.join("\n") + "\n").unwrap();
                "a procedure's monthly figures"
            }
            _ => {
                // A theme change reaches every page.
                let own = root.join("themes/yen-lap/templates/base.html");
                let t = fs::read_to_string(&own).unwrap_or_else(|_| {
                    fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap()
                });
                undo = vec![(own.clone(), None)];
                fs::create_dir_all(own.parent().unwrap()).unwrap();
                let footer = format!("<p>Lần sửa {step}</p></footer>");
                fs::write(&own, t.replacen("</footer>", &footer, 1)).unwrap();
                "the theme"
            }
        };
        eprintln!("edit {step}: {what}");
        let before = snapshot(&live);
        if let Err(e) = builds.build() {
            // An edit that breaks the portal (a removed procedure another one names) leaves
            // the folder as it was; undo it and go on.
            assert!(
                snapshot(&live) == before,
                "a failed rebuild ({what}: {e}) changed the site"
            );
            for (path, text) in &undo {
                match text {
                    Some(t) => fs::write(path, t).unwrap(),
                    None => fs::remove_file(path).unwrap(),
                }
            }
            builds
                .build()
                .expect("the portal builds again once the edit is undone");
        }
        let full = tmp.join(format!("full-{step}"));
        build_with(&root, &full, &[]);
        assert_same_site(&live, &full, &format!("after edit {step} ({what})"));
        fs::remove_dir_all(&full).unwrap();
    }
}
