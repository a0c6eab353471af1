//! Offline reading: the service worker at the site root, in Chromium against a local server
//! (http://127.0.0.1 is a secure context) that is then cut off.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{build, copy_fixture, headless, read};

/// The page the test drives Chromium with: registers the worker, opens a procedure page
/// online, cuts the network, opens it again and opens a page never visited, and posts what
/// each showed to `/__result`.
const HARNESS: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>offline</title></head><body>
<iframe id="f" title="page"></iframe>
<script>
function load(src) {
  return new Promise(function (ok) {
    var f = document.getElementById('f');
    f.onload = function () { ok(f.contentDocument); };
    f.src = src;
  });
}
function report(v) {
  fetch('/__result', { method: 'POST', body: JSON.stringify(v) });
}
function sleep(ms) { return new Promise(function (ok) { setTimeout(ok, ms); }); }
function h1(doc) { var h = doc && doc.querySelector('h1'); return h ? h.textContent : null; }
(async function () {
  try {
    await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
    var online = await load('/thu-tuc/dang-ky-khai-sinh/');
    var controlled = !!online.defaultView.navigator.serviceWorker.controller;
    var onlineTitle = h1(online);
    for (var i = 0; i < 50 && !(await caches.match('/thu-tuc/dang-ky-khai-sinh/')); i++) { await sleep(100); }
    await fetch('/__offline');
    var again = await load('/thu-tuc/dang-ky-khai-sinh/');
    var againTitle = h1(again);
    var never = await load('/thu-tuc/chung-thuc-ban-sao/');
    var styled = never.styleSheets.length > 0 && never.styleSheets[0].cssRules.length > 0;
    report({ controlled: controlled, onlineTitle: onlineTitle, againTitle: againTitle,
             neverTitle: h1(never), neverStyled: styled, caches: await caches.keys() });
  } catch (e) {
    report({ error: String(e) });
  }
})();
</script></body></html>"#;

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// One request: the site's files, the harness, the switch that cuts the network (from then
/// on every connection is closed unanswered, as a lost signal looks to the browser) and the
/// harness's result.
fn serve(mut stream: TcpStream, site: &Path, offline: &AtomicBool, results: &mpsc::Sender<String>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = target.split('?').next().unwrap_or("/").to_string();
    if path == "/__result" {
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let _ = results.send(String::from_utf8_lossy(&body).into_owned());
        respond(&mut stream, "200 OK", "text/plain", b"ok");
        return;
    }
    if offline.load(Ordering::SeqCst) {
        let _ = stream.shutdown(std::net::Shutdown::Both);
        return;
    }
    match path.as_str() {
        "/__offline" => {
            respond(&mut stream, "200 OK", "text/plain", b"ok");
            offline.store(true, Ordering::SeqCst);
        }
        "/__harness.html" => respond(
            &mut stream,
            "200 OK",
            "text/html; charset=utf-8",
            HARNESS.as_bytes(),
        ),
        _ => {
            let mut file: PathBuf = site.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file = file.join("index.html");
            }
            match std::fs::read(&file) {
                Ok(body) => respond(&mut stream, "200 OK", content_type(&file), &body),
                Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found"),
            }
        }
    }
}

#[test]
fn a_page_visited_online_is_shown_offline_and_a_page_never_visited_shows_the_offline_page() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let sw = read(&out, "sw.js");
    let version = sw
        .split("var VERSION = \"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a version")
        .to_string();

    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let offline = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    {
        let (out, offline) = (out.clone(), offline.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (out, offline, tx) = (out.clone(), offline.clone(), tx.clone());
                std::thread::spawn(move || serve(stream, &out, &offline, &tx));
            }
        });
    }
    let profile = tempfile::tempdir().expect("profile");
    let mut browser = headless()
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("http://127.0.0.1:{port}/__harness.html"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run chromium");
    let result = rx.recv_timeout(Duration::from_secs(60));
    let _ = browser.kill();
    let _ = browser.wait();
    let result: serde_json::Value =
        serde_json::from_str(&result.expect("a result from the harness")).expect("JSON");
    assert!(result.get("error").is_none(), "{result}");
    assert_eq!(result["controlled"], true, "{result}");
    assert_eq!(result["onlineTitle"], "Đăng ký khai sinh");
    assert_eq!(result["againTitle"], "Đăng ký khai sinh", "{result}");
    assert_eq!(result["neverTitle"], "Không có kết nối mạng", "{result}");
    assert_eq!(result["neverStyled"], true, "its stylesheet from the cache");
    assert_eq!(
        result["caches"],
        serde_json::json!([format!("congkhai-{version}")])
    );
}

#[test]
fn the_service_worker_is_the_same_for_the_same_content_and_changes_with_it() {
    let site = copy_fixture("basic");
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    build(site.path(), &a);
    build(site.path(), &b);
    assert_eq!(read(&a, "sw.js"), read(&b, "sw.js"));
    let file = site
        .path()
        .join("content/procedures/cap-huyen/chung-thuc-ban-sao.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("updated: 2020-01-02", "updated: 2021-12-02"),
    )
    .unwrap();
    build(site.path(), &b);
    let version = |sw: String| {
        sw.lines()
            .find(|l| l.starts_with("var VERSION"))
            .unwrap()
            .to_string()
    };
    assert_ne!(version(read(&a, "sw.js")), version(read(&b, "sw.js")));
    assert!(
        !read(&a, "sitemap.xml").contains("ngoai-tuyen"),
        "not indexed"
    );
    // Every page registers it, from a script that checks for service workers first.
    assert!(read(&a, "index.html").contains("<script src=\"assets/offline.js\" defer></script>"));
    assert!(read(&a, "assets/offline.js").contains("'serviceWorker' in navigator"));
}
