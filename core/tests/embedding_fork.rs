//! The shared runtime across a real `fork()`: the child forgets the parent's runtime,
//! builds its own with the same worker-thread count, and it works. Alone in its test
//! binary, so no other test's threads are around when it forks.

#![cfg(unix)]

use cognito_sync::embedding;

/// What the child checks; its exit code says which check failed (0: all passed).
fn child(parent_runtime: usize, parent_generation: u64, parent_workers: usize) -> i32 {
    embedding::after_fork_in_child();
    if embedding::generation() != parent_generation + 1 {
        return 2;
    }
    let Ok(rt) = embedding::runtime() else {
        return 3;
    };
    if std::ptr::from_ref(rt) as usize == parent_runtime {
        return 4;
    }
    let answer = rt.block_on(async { tokio::spawn(async { 41 + 1 }).await.unwrap_or(0) });
    if answer != 42 {
        return 5;
    }
    if embedding::worker_threads() != Some(parent_workers) {
        return 6;
    }
    if !matches!(embedding::block_on(async { 7 }), Ok(7)) {
        return 7;
    }
    // A fork of the fork: the grandchild leaves the child's generation too.
    if parent_generation == 0 {
        let status = fork_and_wait(|| {
            child(
                std::ptr::from_ref(rt) as usize,
                parent_generation + 1,
                parent_workers,
            )
        });
        if status != 0 {
            return 10 + status;
        }
    }
    0
}

/// Runs `body` in a forked child and returns its exit code (a signal as 100 + it).
fn fork_and_wait(body: impl FnOnce() -> i32) -> i32 {
    // SAFETY: the child runs only `body` and leaves with `_exit`; a hang ends with SIGALRM.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        // SAFETY: plain libc calls in the child.
        unsafe {
            libc::alarm(30);
            libc::_exit(body());
        }
    }
    let mut status = 0;
    // SAFETY: waiting for the child forked above.
    let waited = unsafe { libc::waitpid(pid, &mut status, 0) };
    assert_eq!(waited, pid);
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        100 + libc::WTERMSIG(status)
    }
}

#[test]
fn a_forked_child_builds_its_own_runtime_and_the_parent_keeps_its_one() {
    let parent = embedding::runtime().unwrap();
    assert_eq!(
        parent.block_on(async { tokio::spawn(async { 1 }).await.unwrap() }),
        1
    );
    let generation = embedding::generation();
    let workers = embedding::worker_threads().unwrap();
    let address = std::ptr::from_ref(parent) as usize;
    let status = fork_and_wait(|| child(address, generation, workers));
    assert_eq!(status, 0, "the child failed check {status}");
    // The parent is untouched: same generation, same runtime, still working.
    assert_eq!(embedding::generation(), generation);
    let again = embedding::runtime().unwrap();
    assert!(std::ptr::eq(parent, again));
    assert_eq!(
        again.block_on(async { tokio::spawn(async { 2 }).await.unwrap() }),
        2
    );
}
