//! The preview's HTTP side: files only from the output folder (no path escapes), folders
//! mapped to `index.html`, unknown paths answered 404 with the site's own `404.html`, HTML
//! decorated for live reload (see `live`), and the reload event stream. One thread per
//! connection: this is a local preview for one writer, not a production server.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::live::{self, Live};

/// Answers every connection of `listener` from `dir`, until the process ends.
pub fn run(listener: TcpListener, dir: PathBuf, live: Arc<Live>) {
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        let live = Arc::clone(&live);
        std::thread::spawn(move || {
            let _ = handle(stream, &dir, &live);
        });
    }
}

fn handle(mut stream: TcpStream, dir: &Path, live: &Live) -> std::io::Result<()> {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut line)?;
    // Drain the headers.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed",
            method == "HEAD",
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if let Some(own) = path.strip_prefix(live::PREFIX) {
        return match own {
            "events" => events(stream, live),
            "reload.js" => respond(
                &mut stream,
                "200 OK",
                "text/javascript; charset=utf-8",
                live::SCRIPT.as_bytes(),
                method == "HEAD",
            ),
            _ => respond(
                &mut stream,
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"not found",
                method == "HEAD",
            ),
        };
    }
    match resolve(dir, &percent_decode(path)) {
        Some(file) => {
            let mut body = fs::read(&file)?;
            if file.extension().is_some_and(|e| e == "html") {
                body = live.decorate(&body);
            }
            respond(
                &mut stream,
                "200 OK",
                content_type(&file),
                &body,
                method == "HEAD",
            )
        }
        None => {
            let body = match fs::read(dir.join("404.html")) {
                Ok(page) => live.decorate(&page),
                Err(_) => b"not found".to_vec(),
            };
            respond(
                &mut stream,
                "404 Not Found",
                "text/html; charset=utf-8",
                &body,
                method == "HEAD",
            )
        }
    }
}

/// The reload event stream: the current generation at once, then each new one; a comment
/// every 15 s finds out when the page has gone (the write fails) and ends the thread.
fn events(mut stream: TcpStream, live: &Live) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n",
    )?;
    let mut seen = live.generation();
    write!(stream, "data: {seen}\n\n")?;
    stream.flush()?;
    loop {
        let now = live.wait_past(seen, Duration::from_secs(15));
        if now == seen {
            stream.write_all(b": ping\n\n")?;
        } else {
            seen = now;
            write!(stream, "data: {seen}\n\n")?;
        }
        stream.flush()?;
    }
}

/// The file a URL path names inside `dir`, refusing `..` and absolute parts.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = Path::new(url_path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = dir.join(rel);
    if file.is_dir() {
        if !url_path.ends_with('/') {
            return None;
        }
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}
