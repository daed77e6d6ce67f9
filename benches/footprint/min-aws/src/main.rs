//! `min-aws ENDPOINT CALLS`: makes CALLS ListRecords calls with aws-sdk-cognitosync against
//! the benchmark's canned server and prints its peak resident memory as JSON.

use aws_sdk_cognitosync::config::{BehaviorVersion, Credentials, Region};

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
    let endpoint = args.next().ok_or("usage: min-aws ENDPOINT CALLS")?;
    let calls: usize = args.next().unwrap_or_else(|| "1".into()).parse()?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let config = aws_sdk_cognitosync::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new("test", "test", None, None, "min"))
            .build();
        let client = aws_sdk_cognitosync::Client::from_conf(config);
        for _ in 0..calls {
            let out = client
                .list_records()
                .identity_pool_id("us-east-1:00000000-0000-4000-8000-000000000001")
                .identity_id("us-east-1:00000000-0000-4000-8000-0000000000aa")
                .dataset_name("bench-list")
                .last_sync_count(0)
                .send()
                .await?;
            if out.records().is_empty() {
                return Err("no records".into());
            }
        }
        Ok::<(), Box<dyn std::error::Error>>(())
    })?;
    println!("{{\"max_rss_kib\":{}}}", peak_rss_kib());
    Ok(())
}
