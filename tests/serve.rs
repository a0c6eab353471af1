//! `congkhai serve`: builds, then serves the site on the loopback address.

use std::io::{Read, Write};
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

#[test]
fn serve_builds_and_serves_pages_folders_and_404() {
    let site = copy_fixture("basic");
    let port = free_port();
    let child = congkhai()
        .args([
            "serve",
            "--root",
            path(site.path()),
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
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
