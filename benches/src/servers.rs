//! Server child processes: started from this same executable (`serve-canned`,
//! `serve-emulator`), announced on their first output lines, asked for their CPU time through
//! standard input, and stopped by closing it.

use crate::run::{Target, TargetKind};
use crate::stats::CpuTimes;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A running server child.
pub struct ServerChild {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// What the clients need to reach it.
    pub target: Target,
}

impl ServerChild {
    /// Starts `kind`'s server and reads its announcement.
    pub fn start(kind: TargetKind) -> Result<ServerChild, String> {
        let exe = std::env::current_exe().map_err(|e| format!("current exe: {e}"))?;
        let sub = match kind {
            TargetKind::Canned => "serve-canned",
            TargetKind::Emulator => "serve-emulator",
        };
        let mut child = Command::new(exe)
            .arg(sub)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("starting {sub}: {e}"))?;
        let stdin = child.stdin.take();
        let mut stdout =
            BufReader::new(child.stdout.take().ok_or_else(|| "no stdout".to_string())?);
        let mut read_line = |prefix: &str| -> Result<String, String> {
            let mut line = String::new();
            stdout
                .read_line(&mut line)
                .map_err(|e| format!("{sub}: {e}"))?;
            line.trim()
                .strip_prefix(prefix)
                .map(str::to_string)
                .ok_or_else(|| format!("{sub} printed {line:?}, expected {prefix:?}"))
        };
        let endpoint = read_line("listening on ")?;
        let (pool, identities) = match kind {
            TargetKind::Canned => (
                crate::fixtures::CANNED_POOL.to_string(),
                vec![crate::fixtures::CANNED_IDENTITY.to_string()],
            ),
            TargetKind::Emulator => {
                let pool = read_line("pool ")?;
                let ids = read_line("identities ")?;
                (pool, ids.split(',').map(str::to_string).collect())
            }
        };
        Ok(ServerChild {
            child,
            stdin,
            stdout,
            target: Target {
                kind,
                endpoint,
                pool,
                identities,
            },
        })
    }

    /// The server process's CPU time so far.
    pub fn cpu(&mut self) -> Result<CpuTimes, String> {
        let stdin = self.stdin.as_mut().ok_or("server stdin closed")?;
        writeln!(stdin, "rusage").map_err(|e| format!("server: {e}"))?;
        stdin.flush().map_err(|e| format!("server: {e}"))?;
        let mut line = String::new();
        self.stdout
            .read_line(&mut line)
            .map_err(|e| format!("server: {e}"))?;
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some("rusage"), Some(u), Some(s)) => Ok(CpuTimes {
                user_us: u.parse().map_err(|_| format!("bad rusage line {line:?}"))?,
                sys_us: s.parse().map_err(|_| format!("bad rusage line {line:?}"))?,
            }),
            _ => Err(format!("bad rusage line {line:?}")),
        }
    }
}

impl Drop for ServerChild {
    fn drop(&mut self) {
        // Closing stdin makes the server exit by itself; wait so no process is left behind.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
