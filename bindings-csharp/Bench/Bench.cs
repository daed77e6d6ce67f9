// C# overhead over the C ABI, in one run against one emulator: µs and managed bytes per
// ListRecords (10 records of 100-byte values) and UpdateRecords (10 replace patches), one call
// at a time, blocking and async, next to benches/c/bench_c.c's blocking and non-blocking
// drivers on the same identities and the same library. Run by scripts/bench-csharp.sh.
//
// Managed allocations: GC.GetAllocatedBytesForCurrentThread on the calling thread, plus for
// async calls what each completion allocated on the library thread that ran it (the runtime's
// CompletionProbe; this program is compiled together with the runtime sources to reach it).
// Mono's GC.GetTotalMemory does not count the nursery, so it cannot give these figures.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using CognitoSync;

internal static class Bench
{
    // Mono's exit waits for the library's worker threads once they ran callbacks (see the
    // package README, "Process exit under Mono"): end with _exit after flushing.
    [System.Runtime.InteropServices.DllImport("libc")] private static extern void _exit(int code);

    private const int Records = 10, ValueLen = 100, Rounds = 5;
    private static string endpoint, pool, benchC;
    private static int calls = 2000, warmup = 100;

    private static int Main(string[] args)
    {
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--endpoint": endpoint = args[i + 1]; break;
                case "--pool": pool = args[i + 1]; break;
                case "--bench-c": benchC = args[i + 1]; break;
                case "--calls": calls = int.Parse(args[i + 1]); break;
                default: Console.Error.WriteLine("unknown flag " + args[i]); return 2;
            }
        }
        if (endpoint == null || pool == null) { Console.Error.WriteLine("--endpoint and --pool are required"); return 2; }
        using (var client = new Client(new ClientConfig { Region = "us-east-1", EndpointUrl = endpoint, AccessKeyId = "test", SecretAccessKey = "test" }))
        {
            var patches = Enumerable.Range(0, Records).Select(i => RecordPatch.Replace("key" + i, Value(i), 0)).ToList();
            string listId = "us-east-1:" + Guid.NewGuid(), updateId = "us-east-1:" + Guid.NewGuid();
            var p = client.ListRecords(pool, listId, "bench-list");
            client.UpdateRecords(pool, listId, "bench-list", patches, p.SyncSessionToken);
            client.UpdateRecords(pool, updateId, "bench-update", patches,
                client.ListRecords(pool, updateId, "bench-update").SyncSessionToken);

            var rows = new List<string[]>();
            foreach (var op in new[] { "list", "update" })
                foreach (var async in new[] { false, true })
                {
                    // Rounds alternate C and C# so both see the same machine load; medians.
                    var csRounds = new List<Result>();
                    var cRounds = new List<double>();
                    for (int round = 0; round < Rounds; round++)
                    {
                        cRounds.Add(RunC(op, async, op == "list" ? listId : updateId));
                        csRounds.Add(Measure(client, op, async, listId, updateId));
                    }
                    var cs = csRounds.OrderBy(x => x.Us).ElementAt(Rounds / 2);
                    double c = cRounds.OrderBy(x => x).ElementAt(Rounds / 2);
                    rows.Add(new[]
                    {
                        op == "list" ? "ListRecords" : "UpdateRecords",
                        async ? "async (Task) vs C non-blocking" : "blocking vs C blocking",
                        F(c), F(cs.Us), double.IsNaN(c) ? "n/a" : (cs.Us / c).ToString("0.00", CultureInfo.InvariantCulture) + "x",
                        (cs.ThreadBytes + cs.CompletionBytes).ToString("0", CultureInfo.InvariantCulture),
                        cs.CompletionBytes.ToString("0", CultureInfo.InvariantCulture), "",
                    });
                }
            Console.WriteLine("| operation | mode | C µs/call | C# µs/call | C#/C | C# managed bytes/call | of which on the library thread |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var r in rows)
                Console.WriteLine("| " + r[0] + " | " + r[1] + " | " + r[2] + " | " + r[3] + " | " + r[4] + " | " + r[5] + " | " + r[6] + " |");
            Console.WriteLine();
            Console.WriteLine("Median of " + Rounds + " alternating rounds of " + calls + " calls (one at a time, after " + warmup +
                " warm-up calls each); C: benches/c/bench_c.c on the same library and identities; Mono " +
                Type.GetType("Mono.Runtime").GetMethod("GetDisplayName", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static).Invoke(null, null));
        }
        Console.Out.Flush();
        _exit(0);
        return 0;
    }

    private static string Value(int i)
    {
        var sb = new StringBuilder("value-" + i + "-");
        for (int n = sb.Length; n < ValueLen; n++) sb.Append((char)('a' + n % 26));
        return sb.ToString();
    }

    private static string F(double v) { return double.IsNaN(v) ? "n/a" : v.ToString("0.0", CultureInfo.InvariantCulture); }

    private struct Result { public double Us, ThreadBytes, CompletionBytes; }

    private static long completionBytes;

    private static Result Measure(Client client, string op, bool async, string listId, string updateId)
    {
        long syncCount = 0;
        string token = null;
        List<RecordPatch> patches = null;
        if (op == "update")
        {
            var page = client.ListRecords(pool, updateId, "bench-update");
            syncCount = page.DatasetSyncCount ?? 0;
            token = page.SyncSessionToken;
        }
        Action call = () =>
        {
            if (op == "list")
            {
                var r = async ? client.ListRecordsAsync(pool, listId, "bench-list", lastSyncCount: 0).Result
                              : client.ListRecords(pool, listId, "bench-list", lastSyncCount: 0);
                if (r.Records.Count != Records) throw new Exception("list returned " + r.Records.Count);
            }
            else
            {
                patches = new List<RecordPatch>(Records);
                for (int i = 0; i < Records; i++) patches.Add(RecordPatch.Replace("key" + i, Value(i), syncCount));
                var r = async ? client.UpdateRecordsAsync(pool, updateId, "bench-update", patches, token).Result
                              : client.UpdateRecords(pool, updateId, "bench-update", patches, token);
                if (r.Records.Count != Records) throw new Exception("update returned " + r.Records.Count);
                syncCount++;
            }
        };
        for (int i = 0; i < warmup; i++) call();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        System.Threading.Interlocked.Exchange(ref completionBytes, 0);
        CompletionProbe.Allocated = b => System.Threading.Interlocked.Add(ref completionBytes, b);
        long thread0 = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++) call();
        sw.Stop();
        long thread1 = GC.GetAllocatedBytesForCurrentThread();
        CompletionProbe.Allocated = null;
        return new Result
        {
            Us = sw.Elapsed.TotalMilliseconds * 1000.0 / calls,
            ThreadBytes = (double)(thread1 - thread0) / calls,
            CompletionBytes = (double)System.Threading.Interlocked.Read(ref completionBytes) / calls,
        };
    }

    /// <summary>µs per call of the C driver on the same identity (NaN without --bench-c).</summary>
    private static double RunC(string op, bool nonBlocking, string identity)
    {
        if (benchC == null) return double.NaN;
        var psi = new ProcessStartInfo(benchC, string.Join(" ", new[]
        {
            "--client", nonBlocking ? "c-nonblocking" : "c-blocking", "--op", op, "--conc", "1",
            "--calls", calls.ToString(), "--warmup", warmup.ToString(), "--max-time", "60",
            "--target", "emulator", "--endpoint", endpoint, "--pool", pool, "--identities", identity,
        }))
        { UseShellExecute = false, RedirectStandardOutput = true };
        using (var proc = Process.Start(psi))
        {
            string json = proc.StandardOutput.ReadToEnd();
            proc.WaitForExit();
            if (proc.ExitCode != 0) throw new Exception("bench-c failed: " + json);
            double n = Field(json, "calls"), wall = Field(json, "wall_s");
            return wall * 1e6 / n;
        }
    }

    private static double Field(string json, string name)
    {
        int i = json.IndexOf("\"" + name + "\":", StringComparison.Ordinal) + name.Length + 3;
        int j = i;
        while (j < json.Length && "0123456789.eE-+".IndexOf(json[j]) >= 0) j++;
        return double.Parse(json.Substring(i, j - i), CultureInfo.InvariantCulture);
    }
}
