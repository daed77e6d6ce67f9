//! A one-line progress display on stderr (`\r`-rewritten, at most 5 times a second), shown
//! only when stderr is a terminal and `--quiet` is not given: logs and pipes stay clean.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Progress of one long task.
pub struct Progress {
    what: &'static str,
    total: Option<u64>,
    done: u64,
    start: Instant,
    last: Option<Instant>,
    shown: bool,
}

impl Progress {
    /// A display of `what` (e.g. "identities"), shown unless `quiet` or stderr is not a tty.
    pub fn new(what: &'static str, total: Option<u64>, quiet: bool) -> Progress {
        Progress {
            what,
            total,
            done: 0,
            start: Instant::now(),
            last: None,
            shown: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Sets the count done.
    pub fn set(&mut self, done: u64) {
        self.done = done;
        if !self.shown {
            return;
        }
        let now = Instant::now();
        if self
            .last
            .is_some_and(|l| now - l < Duration::from_millis(200))
        {
            return;
        }
        self.last = Some(now);
        self.draw();
    }

    fn draw(&self) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = self.done as f64 / secs;
        let line = match self.total {
            Some(t) => format!("{} / {t} {} ({rate:.0}/s)", self.done, self.what),
            None => format!("{} {} ({rate:.0}/s)", self.done, self.what),
        };
        let mut err = std::io::stderr();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    /// Ends the display (leaves the last state on its line).
    pub fn finish(&mut self) {
        if self.shown {
            self.draw();
            eprintln!();
        }
    }
}
