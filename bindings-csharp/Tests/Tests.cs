// The C# suite: runs against the emulators scripts/test-csharp.sh starts on 127.0.0.1.
// Prints one line per test and "N passed, N failed"; exit code 1 on any failure.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync;

internal static partial class Tests
{
    private static string Endpoint = Environment.GetEnvironmentVariable("CS_TEST_ENDPOINT");
    private static string FaultEndpoint = Environment.GetEnvironmentVariable("CS_TEST_FAULT_ENDPOINT");
    private static string Pool = Environment.GetEnvironmentVariable("CS_TEST_POOL");
    private static int passed, failed;
    [System.Runtime.InteropServices.DllImport("libc")] private static extern void _exit(int code);

    private static ClientConfig Config(string endpoint = null)
    {
        return new ClientConfig
        {
            Region = "us-east-1", EndpointUrl = endpoint ?? Endpoint, AccessKeyId = "test", SecretAccessKey = "test",
            MaxAttempts = 1, CallTimeout = TimeSpan.FromSeconds(10),
        };
    }

    private static string NewId() { return "us-east-1:" + Guid.NewGuid(); }

    /// <summary>A client with Cognito Identity credentials (a fresh guest identity of Pool).</summary>
    private static Client IdentityClient(string endpoint = null, IDictionary<string, string> logins = null, string identityId = null)
    {
        return new Client(new ClientConfig
        {
            Region = "us-east-1", EndpointUrl = endpoint ?? Endpoint, CognitoIdentityPoolId = Pool,
            Logins = logins, CognitoIdentityId = identityId, MaxAttempts = 1, CallTimeout = TimeSpan.FromSeconds(10),
        });
    }

    private static void Check(bool ok, string what) { if (!ok) throw new Exception("check failed: " + what); }

    private static T Throws<T>(Action a) where T : Exception
    {
        try { a(); }
        catch (T e) { return e; }
        catch (AggregateException e) when (e.InnerException is T) { return (T)e.InnerException; }
        catch (Exception e) { throw new Exception("expected " + typeof(T).Name + ", got " + e.GetType().Name + ": " + e.Message); }
        throw new Exception("expected " + typeof(T).Name + ", nothing thrown");
    }

    private static readonly string Only = Environment.GetEnvironmentVariable("CS_TEST_ONLY");

    private static void Run(string name, Action test)
    {
        if (Only != null && !name.Contains(Only)) return;
        try { test(); passed++; Console.WriteLine("ok   " + name); }
        catch (Exception e) { failed++; Console.WriteLine("FAIL " + name + ": " + e); }
    }

    private static int Main()
    {
        if (Endpoint == null || Pool == null) { Console.WriteLine("CS_TEST_ENDPOINT and CS_TEST_POOL must be set"); return 2; }
        var client = new Client(Config());

        Run("generated bindings cover the header", () =>
            Check(CognitoSync.Native.NativeMethods.FunctionCount > 200, "FunctionCount"));

        Run("list, update, list again (blocking)", () =>
        {
            string id = NewId();
            var page = client.ListRecords(Pool, id, "save", lastSyncCount: 0);
            Check(page.Records.Count == 0, "empty dataset");
            Check(page.SyncSessionToken != null, "session token");
            var when = DateTimeOffset.FromUnixTimeMilliseconds(1700000000123);
            var w = client.UpdateRecords(Pool, id, "save", new[] { RecordPatch.Replace("level", "3 \u00e9\u4e16\U0001F600", 0, when) }, page.SyncSessionToken);
            Check(w.Records.Count == 1 && w.Records[0].SyncCount == 1, "one record written");
            Check(w.Records[0].DeviceLastModifiedDate == when, "device clock kept: " + w.Records[0].DeviceLastModifiedDate);
            var again = client.ListRecords(Pool, id, "save");
            Check(again.Records.Single().Value == "3 \u00e9\u4e16\U0001F600", "UTF-8 round trip: " + again.Records.Single().Value);
            Check(again.DatasetSyncCount == 1, "dataset sync count");
        });

        Run("list and update (async)", () =>
        {
            string id = NewId();
            var page = client.ListRecordsAsync(Pool, id, "save").Result;
            var w = client.UpdateRecordsAsync(Pool, id, "save", new[] { RecordPatch.Replace("k", "v", 0) }, page.SyncSessionToken).Result;
            Check(w.Records[0].Key == "k", "written");
            var again = client.ListRecordsAsync(Pool, id, "save").Result;
            Check(again.Records.Count == 1, "listed");
        });

        Run("stale sync count gives ResourceConflictException", () =>
        {
            string id = NewId();
            var page = client.ListRecords(Pool, id, "save");
            client.UpdateRecords(Pool, id, "save", new[] { RecordPatch.Replace("k", "1", 0) }, page.SyncSessionToken);
            var p2 = client.ListRecords(Pool, id, "save");
            var e = Throws<ResourceConflictException>(() =>
                client.UpdateRecords(Pool, id, "save", new[] { RecordPatch.Replace("k", "2", 0) }, p2.SyncSessionToken));
            Check(e.StatusCode == 409 || e.StatusCode == 400, "status " + e.StatusCode);
            Check(e.Code == "ResourceConflictException", "code " + e.Code);
            Check(e.RequestId != null, "request id");
        });

        Run("null and invalid strings give ValidationException", () =>
        {
            Throws<ValidationException>(() => client.ListRecords(null, NewId(), "save"));
            Throws<ValidationException>(() => client.ListRecords(Pool, NewId(), "bad\ud800name"));
            Throws<ValidationException>(() => client.ListRecords(Pool, NewId(), "nul\0"));
            Throws<ValidationException>(() => client.ListRecords(Pool, NewId(), "not a valid name!"));
            Throws<ValidationException>(() => client.ListRecordsAsync(Pool, NewId(), "not a valid name!").Wait());
            Throws<ValidationException>(() => client.UpdateRecords(Pool, NewId(), "save", new RecordPatch[] { null }, "t"));
            Throws<ValidationException>(() => new Client(null));
        });

        Run("AppName goes into the User-Agent; one that cannot is refused", () =>
        {
            var named = Config();
            named.AppName = "csharp-test/1.0";
            using (var c = new Client(named)) c.ListRecords(Pool, NewId(), "save");
            var bad = Config();
            bad.AppName = "line\nbreak";
            Throws<ValidationException>(() => new Client(bad));
        });

        Run("pagination: records, datasets, pool usage", () =>
        {
            string id = NewId();
            var page = client.ListRecords(Pool, id, "save");
            var patches = Enumerable.Range(0, 5).Select(i => RecordPatch.Replace("k" + i, "v" + i, 0)).ToList();
            client.UpdateRecords(Pool, id, "save", patches, page.SyncSessionToken);
            var one = client.ListRecords(Pool, id, "save", maxResults: 2);
            Check(one.Records.Count == 2 && one.NextToken != null, "first page of 2");
            Check(client.ListAllRecords(Pool, id, "save", pageSize: 2).Count() == 5, "all 5 records");
            foreach (var ds in new[] { "a", "b" })
            {
                var p = client.ListRecords(Pool, id, ds);
                client.UpdateRecords(Pool, id, ds, new[] { RecordPatch.Replace("x", "y", 0) }, p.SyncSessionToken);
            }
            var names = client.ListAllDatasets(Pool, id, pageSize: 1).Select(d => d.DatasetName).OrderBy(n => n).ToList();
            Check(string.Join(",", names) == "a,b,save", "datasets " + string.Join(",", names));
            var pools = client.ListAllIdentityPoolUsage(pageSize: 1).ToList();
            Check(pools.Any(u => u.IdentityPoolId == Pool), "pool listed");
            Check(client.ListIdentityPoolUsageAsync(maxResults: 1).Result.IdentityPoolUsages.Count == 1, "async page");
        });

        Run("describe and delete a dataset, usage", () =>
        {
            string id = NewId();
            var p = client.ListRecords(Pool, id, "save");
            client.UpdateRecords(Pool, id, "save", new[] { RecordPatch.Replace("x", "y", 0) }, p.SyncSessionToken);
            var d = client.DescribeDataset(Pool, id, "save");
            Check(d.NumRecords == 1 && d.IdentityId == id && d.CreationDate.HasValue, "metadata");
            Check(client.DescribeDatasetAsync(Pool, id, "save").Result.DatasetName == "save", "async describe");
            var u = client.DescribeIdentityUsage(Pool, id);
            Check(u.DatasetCount == 1, "identity usage " + u.DatasetCount);
            Check(client.DescribeIdentityUsageAsync(Pool, id).Result.IdentityId == id, "async usage");
            Check(client.DescribeIdentityPoolUsage(Pool).IdentityPoolId == Pool, "pool usage");
            Check(client.DescribeIdentityPoolUsageAsync(Pool).Result.IdentityPoolId == Pool, "async pool usage");
            Check(client.DeleteDataset(Pool, id, "save").DatasetName == "save", "deleted");
            Throws<ResourceNotFoundException>(() => client.DescribeDataset(Pool, id, "save"));
            Throws<ResourceNotFoundException>(() => client.DeleteDatasetAsync(Pool, id, "save").Wait());
        });

        Run("wrong keys give a ServiceException with the code, never the secret", () =>
        {
            var cfg = Config(); cfg.SecretAccessKey = "wrong-secret-xyz";
            using (var c = new Client(cfg))
            {
                var e = Throws<ServiceException>(() => c.ListIdentityPoolUsage());
                Check(e.Code != null && e.StatusCode >= 400, "code " + e.Code);
                Check(!e.Message.Contains("wrong-secret-xyz"), "no secret in the message");
            }
        });

        if (FaultEndpoint != null)
        {
            var faults = new Client(Config(FaultEndpoint));
            Run("service error classes from the fault emulator", () =>
            {
                var e = Throws<TooManyRequestsException>(() => faults.DescribeIdentityUsage(Pool, NewId()));
                Check(e.StatusCode == 429 && e.Retryable, "429 retryable");
                Throws<InternalErrorException>(() => faults.DescribeIdentityPoolUsage(Pool));
                Throws<LambdaThrottledException>(() => faults.ListDatasets(Pool, NewId()));
                var other = Throws<ServiceException>(() => faults.DescribeDataset(Pool, NewId(), "save"));
                Check(other.Code == "BrandNewException", "unknown code kept: " + other.Code);
                Throws<TransportException>(() => faults.DeleteDataset(Pool, NewId(), "save"));
                Throws<TransportException>(() => faults.DeleteDatasetAsync(Pool, NewId(), "save").Wait());
            });
            Run("call timeout gives CallTimeoutException", () =>
            {
                var cfg = Config(FaultEndpoint); cfg.CallTimeout = TimeSpan.FromMilliseconds(100);
                using (var c = new Client(cfg))
                    Throws<CallTimeoutException>(() => c.ListIdentityPoolUsage());
            });
            Run("cancellation frees a call in flight", () =>
            {
                using (var cts = new CancellationTokenSource())
                {
                    var t = faults.ListIdentityPoolUsageAsync(cancellationToken: cts.Token);
                    Thread.Sleep(50);
                    Check(!t.IsCompleted, "still in flight");
                    cts.Cancel();
                    Throws<TaskCanceledException>(() => t.Wait());
                    Check(t.IsCanceled, "cancelled");
                }
                var pre = new CancellationTokenSource(); pre.Cancel();
                Check(faults.ListIdentityPoolUsageAsync(cancellationToken: pre.Token).IsCanceled, "already cancelled");
            });
            Run("Dispose cancels calls in flight with ObjectDisposedException", () =>
            {
                var c = new Client(Config(FaultEndpoint));
                var t = c.ListIdentityPoolUsageAsync();
                c.Dispose();
                Throws<ObjectDisposedException>(() => t.Wait());
            });
            faults.Dispose();
        }

        PoolOperationTests(client);
        if (FaultEndpoint != null) MoreErrorClassTests();
        SyncTests(client);

        Run("64 async calls in flight complete on worker threads under GC.Collect", () =>
        {
            int main = Thread.CurrentThread.ManagedThreadId;
            var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
            var tasks = new List<Task<ListRecordsResult>>();
            for (int i = 0; i < 64; i++)
            {
                var t = client.ListRecordsAsync(Pool, NewId(), "save");
                tasks.Add(t);
                tasks[i].ContinueWith(x => threads.Add(Thread.CurrentThread.ManagedThreadId), TaskContinuationOptions.ExecuteSynchronously);
                if (i % 8 == 0) { GC.Collect(); GC.WaitForPendingFinalizers(); }
            }
            GC.Collect(); GC.WaitForPendingFinalizers();
            Check(Task.WaitAll(tasks.ToArray(), 20000), "all done");
            Check(tasks.All(t => t.Result.Records.Count == 0), "results");
            Thread.Sleep(50);
            Check(threads.Any(t => t != main), "completions on worker threads");
        });

        Run("finalizers of undisposed clients, double Dispose, use after Dispose", () =>
        {
            for (int i = 0; i < 20; i++) new Client(Config()).ListRecordsAsync(Pool, NewId(), "save");
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            var c = new Client(Config());
            c.Dispose();
            c.Dispose();
            Throws<ObjectDisposedException>(() => c.ListRecords(Pool, NewId(), "save"));
            Throws<ObjectDisposedException>(() => c.ListRecordsAsync(Pool, NewId(), "save").Wait());
        });

        client.Dispose();
        Console.WriteLine(passed + " passed, " + failed + " failed");
        // Mono's own shutdown never ends once a library worker thread has run a callback into
        // managed code: the runtime aborts every attached thread and waits for it, and these
        // native threads stay parked in the library for the life of the process (see "Process
        // exit under Mono" in the package README). The program therefore ends with _exit after
        // flushing; CS_TEST_MONO_EXIT=1 takes the normal path to show the hang.
        Console.Out.Flush();
        if (Environment.GetEnvironmentVariable("CS_TEST_MONO_EXIT") != "1") _exit(failed == 0 ? 0 : 1);
        return failed == 0 ? 0 : 1;
    }
}
