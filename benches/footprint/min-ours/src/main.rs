//! `min-ours ENDPOINT CALLS`: makes CALLS ListRecords calls with our client against the
//! benchmark's canned server and prints its peak resident memory as JSON.

use cognito_sync::model::ListRecordsInput;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let endpoint = args.next().ok_or("usage: min-ours ENDPOINT CALLS")?;
    let calls: usize = args.next().unwrap_or_else(|| "1".into()).parse()?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let client = cognito_sync::Client::builder()
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials(cognito_sync::Credentials::new("test", "test", None))
            .build()?;
        for _ in 0..calls {
            let out = client
                .list_records(ListRecordsInput {
                    identity_pool_id: "us-east-1:00000000-0000-4000-8000-000000000001".into(),
                    identity_id: "us-east-1:00000000-0000-4000-8000-0000000000aa".into(),
                    dataset_name: "bench-list".into(),
                    last_sync_count: Some(0),
                    ..Default::default()
                })
                .await?;
            if out.records.as_ref().is_none_or(Vec::is_empty) {
                return Err("no records".into());
            }
        }
        Ok::<(), Box<dyn std::error::Error>>(())
    })?;
    println!("{{\"max_rss_kib\":{}}}", peak_rss_kib());
    Ok(())
}
