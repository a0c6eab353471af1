//! Live reload for `congkhai serve`: each rebuild bumps a generation number; open pages
//! hold an event stream (`/__congkhai/events`) and reload when the number they were served
//! with is no longer current. A failed rebuild also bumps it, and every page served then
//! carries a banner with the problems, so the writer sees them in the browser while the
//! previous site stays served.
//!
//! Nothing of this reaches the built files: the script and the banner are added to HTML
//! responses only, by the preview server.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::text::escape_xml;

/// The URL prefix the preview server keeps for itself (no portal page can use it: slugs
/// have no `_`).
pub const PREFIX: &str = "/__congkhai/";

/// The client side: one small script, served from the same origin.
pub const SCRIPT: &str = r#"// congkhai serve: reloads this page when the site is rebuilt.
(() => {
  const served = document.currentScript.dataset.generation;
  const events = new EventSource("/__congkhai/events");
  events.onmessage = (e) => { if (e.data !== served) location.reload(); };
})();
"#;

#[derive(Debug, Default)]
struct State {
    generation: u64,
    /// The problems of the last rebuild, when it failed.
    problems: Option<String>,
}

/// What the watcher tells the open pages.
#[derive(Debug, Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    pub fn new() -> Live {
        Live::default()
    }

    /// A rebuild finished: `problems` is `None` when it succeeded.
    pub fn rebuilt(&self, problems: Option<String>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.generation += 1;
        state.problems = problems;
        self.changed.notify_all();
    }

    pub fn generation(&self) -> u64 {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .generation
    }

    /// Waits until the generation differs from `seen`, or `timeout` passes; returns the
    /// current generation.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        state.generation
    }

    /// An HTML page as the preview serves it: the reload script before `</body>` and, after a
    /// failed rebuild, the problems at the top of the page.
    pub fn decorate(&self, html: &[u8]) -> Vec<u8> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let html = String::from_utf8_lossy(html);
        let script = format!(
            "<script src=\"{PREFIX}reload.js\" data-generation=\"{}\"></script>",
            state.generation
        );
        let banner = state.problems.as_deref().map(banner).unwrap_or_default();
        let mut out = String::with_capacity(html.len() + script.len() + banner.len());
        let body_open = html
            .find("<body")
            .and_then(|i| html[i..].find('>').map(|j| i + j + 1));
        let body_close = html.rfind("</body>").unwrap_or(html.len());
        match body_open {
            Some(open) if open <= body_close => {
                out.push_str(&html[..open]);
                out.push_str(&banner);
                out.push_str(&html[open..body_close]);
            }
            _ => out.push_str(&html[..body_close]),
        }
        out.push_str(&script);
        out.push_str(&html[body_close..]);
        out.into_bytes()
    }
}

fn banner(problems: &str) -> String {
    format!(
        "<div role=\"alert\" style=\"background:#fff3cd;color:#1a1a1a;border:3px solid #a15c00;\
         padding:1rem;margin:0;font:16px/1.5 sans-serif\"><p style=\"margin:0 0 .5rem\">\
         <strong>Lần dựng mới nhất thất bại</strong> — trang dưới đây là bản dựng trước. \
         Sửa các lỗi sau rồi lưu tệp:</p><pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;\
         margin:0\">{}</pre></div>",
        escape_xml(problems)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_script_and_after_a_failure_the_escaped_problems() {
        let live = Live::new();
        let page = b"<!doctype html><html><body class=\"x\"><h1>A</h1></body></html>";
        let ok = String::from_utf8(live.decorate(page)).unwrap();
        assert_eq!(
            ok,
            "<!doctype html><html><body class=\"x\"><h1>A</h1>\
             <script src=\"/__congkhai/reload.js\" data-generation=\"0\"></script></body></html>"
        );
        live.rebuilt(Some("content/a.md:3:1: <script> is not a key".into()));
        let failed = String::from_utf8(live.decorate(page)).unwrap();
        assert!(failed.contains("<body class=\"x\"><div role=\"alert\""));
        assert!(failed.contains("content/a.md:3:1: &lt;script&gt; is not a key"));
        assert!(failed.contains("data-generation=\"1\""));
        live.rebuilt(None);
        assert!(
            !String::from_utf8(live.decorate(page))
                .unwrap()
                .contains("alert")
        );
    }

    #[test]
    fn waiting_returns_at_once_when_the_generation_moved() {
        let live = Live::new();
        live.rebuilt(None);
        assert_eq!(live.wait_past(0, Duration::from_secs(5)), 1);
        assert_eq!(live.wait_past(1, Duration::from_millis(10)), 1, "times out");
    }
}
