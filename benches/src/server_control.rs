//! How the harness talks to a server child process: through its standard input. A `rusage`
//! line makes the server print its own CPU time, so the harness can report the server's cost
//! per call apart from the client's; end of input makes it exit, so a server never outlives
//! the harness that started it.

use std::io::{BufRead, Write};

/// Starts a thread that serves `rusage` requests and exits the process at end of input.
pub fn spawn_stdin_watcher() {
    std::thread::spawn(|| {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let Ok(line) = line else { break };
            if line.trim() == "rusage" {
                let cpu = crate::stats::CpuTimes::now();
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "rusage {} {}", cpu.user_us, cpu.sys_us);
                let _ = out.flush();
            }
        }
        std::process::exit(0);
    });
}
