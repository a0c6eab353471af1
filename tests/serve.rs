//! `congkhai serve`: builds, serves the site on the loopback address, rebuilds on change
//! and tells the open pages to reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::{congkhai, copy_fixture, path};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, target: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

/// Starts `congkhai serve` on `site` and waits until it answers.
fn start(site: &std::path::Path) -> (Server, u16) {
    start_with(site, false)
}

/// [`start`], hearing of changes from the OS or, with `poll`, only by looking.
fn start_with(site: &std::path::Path, poll: bool) -> (Server, u16) {
    let port = free_port();
    let mut cmd = congkhai();
    if poll {
        cmd.env("CONGKHAI_POLL", "1");
    }
    let child = cmd
        .args(["serve", "--root", path(site), "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (server, port)
}

#[test]
fn serve_builds_and_serves_pages_folders_and_404() {
    let site = copy_fixture("basic");
    let (_server, port) = start(site.path());
    let (status, body) = get(port, "/thu-tuc/dang-ky-khai-sinh/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<h1>Đăng ký khai sinh</h1>"));
    let (status, _) = get(port, "/assets/style.css");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let (status, body) = get(port, "/khong-co/");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert!(
        body.contains("Không tìm thấy trang"),
        "the site's own 404 page"
    );
    let (status, _) = get(port, "/../../etc/passwd");
    assert_eq!(status, "HTTP/1.1 404 Not Found", "no path escapes the site");
    assert!(
        site.path().join("public/index.html").is_file(),
        "serve builds into <root>/public"
    );
}

/// The reload event stream of a running preview, read line by line.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(90)))
            .unwrap();
        write!(
            stream,
            "GET /__congkhai/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        Events(BufReader::new(stream))
    }

    /// The next generation announced (skipping headers and keep-alive comments).
    fn next(&mut self) -> String {
        loop {
            let mut line = String::new();
            let n = self
                .0
                .read_line(&mut line)
                .expect("an event before the timeout");
            assert!(n > 0, "the event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return data.trim().to_string();
            }
        }
    }
}

#[test]
fn serve_rebuilds_on_change_reloads_pages_and_shows_a_failed_rebuild() {
    rebuilds_on_change(false);
}

/// The same where the OS cannot tell of changes: found by looking at the files.
#[test]
fn serve_polling_rebuilds_on_change_too() {
    rebuilds_on_change(true);
}

fn rebuilds_on_change(poll: bool) {
    let site = copy_fixture("basic");
    let (_server, port) = start_with(site.path(), poll);
    let page = "/thu-tuc/dang-ky-khai-sinh/";
    let (_, body) = get(port, page);
    assert!(
        body.contains(
            r#"<script src="/__congkhai/reload.js" data-generation="0"></script></body>"#
        ),
        "served pages carry the reload script"
    );
    let on_disk = std::fs::read_to_string(
        site.path()
            .join("public/thu-tuc/dang-ky-khai-sinh/index.html"),
    )
    .unwrap();
    assert!(
        !on_disk.contains("__congkhai"),
        "the built files stay clean"
    );
    let (status, script) = get(port, "/__congkhai/reload.js");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(script.contains("EventSource"));

    let mut events = Events::open(port);
    assert_eq!(events.next(), "0", "the current generation first");

    // A writer renames the procedure: one rebuild, the page shows it.
    let file = site
        .path()
        .join("content/procedures/cap-xa/dang-ky-khai-sinh.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let renamed = text.replacen(
        "name: \"Đăng ký khai sinh\"",
        "name: \"Đăng ký khai sinh cho trẻ em\"",
        1,
    );
    std::fs::write(&file, &renamed).unwrap();
    assert_eq!(events.next(), "1");
    let (_, body) = get(port, page);
    assert!(
        body.contains("<h1>Đăng ký khai sinh cho trẻ em</h1>"),
        "rebuilt"
    );
    assert!(body.contains(r#"data-generation="1""#));

    // A broken file: the previous site stays, every page says what is wrong and where.
    std::fs::write(
        &file,
        renamed.replacen("level: commune", "levle: commune", 1),
    )
    .unwrap();
    assert_eq!(events.next(), "2");
    let (status, body) = get(port, page);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        body.contains("<h1>Đăng ký khai sinh cho trẻ em</h1>"),
        "the last good site"
    );
    assert!(body.contains(r#"<div role="alert""#), "{body}");
    assert!(
        body.contains("dang-ky-khai-sinh.md:"),
        "the file is named: {body}"
    );
    assert!(body.contains("levle"), "the problem is shown");

    // Fixed again: the banner goes.
    std::fs::write(&file, &text).unwrap();
    assert_eq!(events.next(), "3");
    let (_, body) = get(port, page);
    assert!(!body.contains("role=\"alert\""));
    assert!(body.contains("<h1>Đăng ký khai sinh</h1>"));
}
