//! Runs one measured window: `conc` workers (tokio tasks or OS threads) each warm up, wait at
//! a barrier, then make their share of calls back to back until done or out of time. The
//! window's wall time and process CPU time are taken at the barrier and after the last call.

use crate::stats::{CpuTimes, RunResult};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Which operation a run measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// ListRecords of the 10-record dataset.
    List,
    /// UpdateRecords with 10 replace patches.
    Update,
}

impl Op {
    /// Name on the command line and in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::List => "list",
            Op::Update => "update",
        }
    }

    /// Parses [`Op::as_str`]'s names.
    pub fn parse(s: &str) -> Result<Op, String> {
        match s {
            "list" => Ok(Op::List),
            "update" => Ok(Op::Update),
            _ => Err(format!("unknown op {s:?} (list, update)")),
        }
    }
}

/// One worker's state: who it is and where its dataset stands.
#[derive(Debug, Clone)]
pub struct Worker {
    /// 0..conc.
    pub index: usize,
    /// Identity this worker reads and writes (its own on the emulator).
    pub identity: String,
    /// Sync count the next UpdateRecords patches carry (the dataset's current count).
    pub sync_count: i64,
    /// Session token for UpdateRecords.
    pub session_token: String,
    /// Calls made so far, warm-up included.
    pub sequence: usize,
}

/// How many calls a run makes and for how long at most.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Calls in the measured window, split evenly over the workers.
    pub calls: usize,
    /// Calls each worker makes before the window opens.
    pub warmup: usize,
    /// The window closes early once this much time has passed.
    pub max_time: Duration,
}

impl Plan {
    /// Calls worker `index` makes in the window.
    pub fn share(&self, index: usize, conc: usize) -> usize {
        self.calls / conc + usize::from(index < self.calls % conc)
    }
}

/// A client that makes one call per `call`, on a tokio runtime.
pub trait AsyncCall: Send + Sync + 'static {
    /// Makes the next call for `worker` and updates its state.
    fn call(&self, worker: &mut Worker) -> impl Future<Output = Result<(), String>> + Send;
}

/// A client that makes one call per `call`, blocking the calling thread.
pub trait BlockingCall: Send + Sync + 'static {
    /// Makes the next call for `worker` and updates its state.
    fn call(&self, worker: &mut Worker) -> Result<(), String>;
}

/// Warm-up then measured calls for one worker; returns latencies (ns) of the measured calls.
async fn async_worker<C: AsyncCall>(
    client: Arc<C>,
    mut worker: Worker,
    share: usize,
    warmup: usize,
    gate: Arc<tokio::sync::Barrier>,
    deadline: Arc<std::sync::OnceLock<Instant>>,
) -> Result<Vec<u64>, String> {
    let mut warm = Ok(());
    for _ in 0..warmup {
        warm = client.call(&mut worker).await;
        if warm.is_err() {
            break;
        }
    }
    // Every worker passes both gates even after an error, so the run never hangs.
    gate.wait().await; // everyone warm
    gate.wait().await; // window open
    warm?;
    let deadline = deadline.get().copied();
    let mut latencies = Vec::with_capacity(share);
    for _ in 0..share {
        let start = Instant::now();
        client.call(&mut worker).await?;
        let end = Instant::now();
        latencies.push((end - start).as_nanos() as u64);
        if deadline.is_some_and(|d| end >= d) {
            break;
        }
    }
    Ok(latencies)
}

/// Runs `workers` concurrently on `rt` and measures the window.
pub fn run_async<C: AsyncCall>(
    rt: &tokio::runtime::Runtime,
    client: Arc<C>,
    workers: Vec<Worker>,
    plan: Plan,
) -> Result<RunResult, String> {
    let conc = workers.len();
    rt.block_on(async move {
        let gate = Arc::new(tokio::sync::Barrier::new(conc + 1));
        let deadline = Arc::new(std::sync::OnceLock::new());
        let handles: Vec<_> = workers
            .into_iter()
            .map(|w| {
                let share = plan.share(w.index, conc);
                tokio::spawn(async_worker(
                    client.clone(),
                    w,
                    share,
                    plan.warmup,
                    gate.clone(),
                    deadline.clone(),
                ))
            })
            .collect();
        gate.wait().await;
        let cpu0 = CpuTimes::now();
        let t0 = Instant::now();
        let _ = deadline.set(t0 + plan.max_time);
        gate.wait().await;
        let mut latencies = Vec::with_capacity(plan.calls);
        let mut first_error = None;
        for h in handles {
            match h.await {
                Ok(Ok(l)) => latencies.extend(l),
                Ok(Err(e)) => first_error = first_error.or(Some(e)),
                Err(e) => first_error = first_error.or(Some(format!("worker died: {e}"))),
            }
        }
        let wall = t0.elapsed();
        let cpu = CpuTimes::now().total_us() - cpu0.total_us();
        match first_error {
            Some(e) => Err(e),
            None => Ok(RunResult::from_window(wall, cpu, &mut latencies)),
        }
    })
}

/// Runs `workers` on one OS thread each and measures the window.
pub fn run_blocking<C: BlockingCall>(
    client: Arc<C>,
    workers: Vec<Worker>,
    plan: Plan,
) -> Result<RunResult, String> {
    let conc = workers.len();
    let gate = Arc::new(std::sync::Barrier::new(conc + 1));
    let deadline: Arc<std::sync::OnceLock<Instant>> = Arc::new(std::sync::OnceLock::new());
    let handles: Vec<_> = workers
        .into_iter()
        .map(|mut worker| {
            let client = client.clone();
            let gate = gate.clone();
            let deadline = deadline.clone();
            let share = plan.share(worker.index, conc);
            std::thread::spawn(move || -> Result<Vec<u64>, String> {
                let mut warm = Ok(());
                for _ in 0..plan.warmup {
                    warm = client.call(&mut worker);
                    if warm.is_err() {
                        break;
                    }
                }
                gate.wait();
                gate.wait();
                warm?;
                let deadline = deadline.get().copied();
                let mut latencies = Vec::with_capacity(share);
                for _ in 0..share {
                    let start = Instant::now();
                    client.call(&mut worker)?;
                    let end = Instant::now();
                    latencies.push((end - start).as_nanos() as u64);
                    if deadline.is_some_and(|d| end >= d) {
                        break;
                    }
                }
                Ok(latencies)
            })
        })
        .collect();
    gate.wait();
    let cpu0 = CpuTimes::now();
    let t0 = Instant::now();
    let _ = deadline.set(t0 + plan.max_time);
    gate.wait();
    let mut latencies = Vec::with_capacity(plan.calls);
    let mut first_error = None;
    for h in handles {
        match h.join() {
            Ok(Ok(l)) => latencies.extend(l),
            Ok(Err(e)) => first_error = first_error.or(Some(e)),
            Err(_) => first_error = first_error.or(Some("worker thread panicked".to_string())),
        }
    }
    let wall = t0.elapsed();
    let cpu = CpuTimes::now().total_us() - cpu0.total_us();
    match first_error {
        Some(e) => Err(e),
        None => Ok(RunResult::from_window(wall, cpu, &mut latencies)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up() {
        let plan = Plan {
            calls: 1000,
            warmup: 0,
            max_time: Duration::from_secs(1),
        };
        assert_eq!((0..64).map(|i| plan.share(i, 64)).sum::<usize>(), 1000);
        assert_eq!(plan.share(0, 1), 1000);
    }
}
