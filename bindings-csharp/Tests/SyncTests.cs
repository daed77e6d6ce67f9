// SyncManager and Dataset: local reads and writes, two devices converging with a C# resolver
// (called from library worker threads), events through the main-thread pump, handlers,
// guest-to-login identity switch, cancellation, Dispose and finalizers.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync;

internal static partial class Tests
{
    private static SyncManager Device(Client client, string identityId, ConflictResolver resolver = null, string store = null)
    {
        return new SyncManager(new SyncManagerOptions
        {
            Client = client, IdentityPoolId = Pool, IdentityId = identityId, ConflictResolver = resolver, StorePath = store,
        });
    }

    private static string UniqueName(string prefix) { return prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 12); }

    private static void SyncTests(Client dev)
    {
        int mainThread = Thread.CurrentThread.ManagedThreadId;

        Run("sync manager: local get, put, remove, get all, count, size, unsynced (UTF-8)", () =>
        {
            using (var m = new SyncManager(new SyncManagerOptions()))
            using (var ds = m.OpenDataset("save"))
            {
                Check(ds.Get("level") == null && ds.Count() == 0 && !ds.HasUnsyncedChanges(), "empty");
                ds.Put("level", "3");
                ds.Put("name", "\u00e9\u4e16\U0001F600");
                ds.Put("gone", "x");
                ds.Remove("gone");
                Check(ds.Get("name") == "\u00e9\u4e16\U0001F600", "UTF-8 value");
                Check(ds.Get("gone") == null, "removed");
                var all = ds.GetAll();
                Check(string.Join(",", all.Keys) == "level,name" && all["level"] == "3", "get all sorted: " + string.Join(",", all.Keys));
                Check(ds.Count() == 2 && ds.SizeInBytes() == "level3name".Length + 9 + 0 && ds.HasUnsyncedChanges(), "count " + ds.Count() + " size " + ds.SizeInBytes());
                Check(m.ListDatasets().SequenceEqual(new[] { "save" }), "list");
                Check(m.OpenDatasets.Single() == ds, "open datasets");
                Throws<ValidationException>(() => ds.Synchronize()); // no client: validation
                Throws<ValidationException>(() => ds.Put(null, "v"));
                Throws<ValidationException>(() => ds.Put("k", null));
                Throws<ValidationException>(() => ds.Get("bad\ud800"));
                Throws<ValidationException>(() => m.OpenDataset("not a valid name!"));
                Throws<ValidationException>(() => m.OpenDataset(null));
                var big = new string('x', 100 * 1024);
                var limit = Throws<LocalLimitExceededException>(() => { for (int i = 0; i < 12; i++) ds.Put("big" + i, big); });
                Check(limit.NativeStatus == 401, "status " + limit.NativeStatus);
                Check(ds.Get("level") == "3", "earlier data intact after the refused write");
                ds.Delete();
                Check(m.ListDatasets().Count == 0, "deleted locally");
                m.Wipe();
            }
            Throws<ValidationException>(() => new SyncManager(null));
            Throws<ValidationException>(() => new SyncManager(new SyncManagerOptions { Client = dev })); // no pool id
            var e = Throws<StorageException>(() => new SyncManager(new SyncManagerOptions { StorePath = "/nonexistent-dir/cognito/store.db" }));
            Check(e.Message.Length > 0, "message");
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cs-sync-" + Guid.NewGuid().ToString("N") + ".db");
            using (var m = new SyncManager(new SyncManagerOptions { StorePath = path }))
                m.OpenDataset("kept").Put("k", "on disk");
            using (var m = new SyncManager(new SyncManagerOptions { StorePath = path }))
            using (var d = m.OpenDataset("kept"))
                Check(d.Get("k") == "on disk", "the store file keeps data across managers");
            System.IO.File.Delete(path);
        });

        Run("two devices converge through the sync manager with a C# resolver on worker threads", () =>
        {
            using (var user = IdentityClient())
            {
                string id = user.IdentityId();
                var resolverThreads = new ConcurrentBag<int>();
                var seen = new List<Conflict>();
                Exception insideResolver = null;
                ConflictResolver merge = c =>
                {
                    resolverThreads.Add(Thread.CurrentThread.ManagedThreadId);
                    try { user.ListRecords(Pool, id, "other"); } // blocking: refused inside a callback
                    catch (Exception e) { insideResolver = e; }
                    lock (seen) seen.Add(c);
                    return ConflictResolution.UseValue(c.LocalValue + "+" + c.RemoteValue);
                };
                using (var a = Device(user, id))
                using (var b = Device(user, id, merge))
                {
                    string name = UniqueName("save");
                    var sa = a.OpenDataset(name);
                    var sb = b.OpenDataset(name);
                    sa.Put("score", "10");
                    var r = sa.Synchronize();
                    Check(r.Pushed == 1 && r.Conflicts == 0 && r.LastSyncCount == 1 && r.Dataset == name && r.IdentityId == id, "first push");
                    var rb = sb.SynchronizeAsync().Result;
                    Check(rb.ChangedKeys.SequenceEqual(new[] { "score" }) && sb.Get("score") == "10", "pulled on B");

                    sa.Put("score", "20");
                    sb.Put("score", "30");
                    sa.Synchronize();
                    rb = sb.SynchronizeAsync().Result; // the resolver runs on a library worker thread
                    Check(rb.Conflicts == 1, "one conflict");
                    Check(seen.Count == 1 && seen[0].Key == "score" && seen[0].LocalValue == "30" && seen[0].RemoteValue == "20", "conflict seen");
                    Check(seen[0].RemoteSyncCount == 2 && seen[0].Dataset == name && seen[0].IdentityId == id, "conflict details");
                    Check(resolverThreads.All(t => t != mainThread), "resolver on a worker thread");
                    Check(insideResolver is ReentrantCallException, "blocking call inside the resolver: " + insideResolver);
                    sa.Synchronize();
                    Check(sa.Get("score") == "30+20" && sb.Get("score") == "30+20", "converged: " + sa.Get("score") + " / " + sb.Get("score"));
                    Check(!sa.HasUnsyncedChanges() && !sb.HasUnsyncedChanges(), "nothing left to push");
                    var service = user.ListRecords(Pool, id, name).Records.Single(x => x.Key == "score");
                    Check(service.Value == "30+20", "the service has the merge");
                }
            }
        });

        Run("resolver Abort or exception: SyncAbortedException, nothing lost; Keep* policies", () =>
        {
            using (var user = IdentityClient())
            {
                string id = user.IdentityId();
                ConflictResolution answer = ConflictResolution.Abort;
                bool throwIt = false;
                ConflictResolver r = c => { if (throwIt) throw new InvalidOperationException("resolver bug"); return answer; };
                using (var a = Device(user, id))
                using (var b = Device(user, id, r))
                {
                    string name = UniqueName("abort");
                    var sa = a.OpenDataset(name);
                    var sb = b.OpenDataset(name);
                    sa.Put("k", "a1"); sa.Synchronize(); sb.Synchronize();
                    sa.Put("k", "a2"); sb.Put("k", "b2"); sa.Synchronize();
                    Throws<SyncAbortedException>(() => sb.Synchronize());
                    Check(sb.Get("k") == "b2" && sb.HasUnsyncedChanges(), "local change kept");
                    throwIt = true;
                    Throws<SyncAbortedException>(() => sb.SynchronizeAsync().Wait());
                    Check(b.LastCallbackError is InvalidOperationException, "exception kept: " + b.LastCallbackError);
                    throwIt = false;
                    answer = ConflictResolution.KeepLocal;
                    sb.Synchronize();
                    sa.Synchronize();
                    Check(sa.Get("k") == "b2", "keep local won");
                    sa.Put("k", "a3"); sb.Put("k", "b3"); sa.Synchronize();
                    answer = ConflictResolution.Remove;
                    sb.Synchronize();
                    Check(sb.Get("k") == null, "removed everywhere");
                }
            }
        });

        Run("events reach game code through MainThread.Pump on the pumping thread", () =>
        {
            using (var m = Device(dev, NewId()))
            {
                var got = new List<SyncEvent>();
                var threads = new List<int>();
                m.EventReceived += e => { got.Add(e); threads.Add(Thread.CurrentThread.ManagedThreadId); };
                var ds = m.OpenDataset("events");
                ds.Put("a", "1");
                var report = ds.SynchronizeAsync().Result;
                for (int i = 0; i < 50 && !got.Any(e => e.Kind == SyncEventKind.SyncSucceeded); i++) { MainThread.Pump(); Thread.Sleep(10); }
                Check(got.Any(e => e.Kind == SyncEventKind.Changed && e.Source == ChangeSource.Local && e.Keys.Contains("a")), "local change event");
                Check(got.Any(e => e.Kind == SyncEventKind.SyncStarted && e.SyncId == report.SyncId), "sync started");
                var ok = got.Single(e => e.Kind == SyncEventKind.SyncSucceeded);
                Check(ok.Report != null && ok.Report.Pushed == 1 && ok.Dataset == "events", "succeeded with its report");
                Check(threads.All(t => t == mainThread), "raised on the pumping thread");
                Check(m.PollEvent() == null, "queue drained");
            }
            using (var m = Device(new Client(Config(FaultEndpoint ?? Endpoint)), NewId()))
            {
                var ds = m.OpenDataset("fails");
                ds.Put("a", "1");
                m.WaitEvent(TimeSpan.FromMilliseconds(100)); // the Changed event
                if (FaultEndpoint != null)
                {
                    Throws<LambdaThrottledException>(() => m.SynchronizeAll()); // ListDatasets is faulted
                }
            }
        });

        Run("deleted and merged handlers; synchronize all and refresh on a new device", () =>
        {
            using (var user = IdentityClient())
            {
                string id = user.IdentityId();
                using (var a = Device(user, id))
                using (var b = Device(user, id))
                {
                    var deleted = new List<string>();
                    int handlerThread = 0;
                    a.DatasetDeletedHandler = (identity, dataset) =>
                    {
                        lock (deleted) deleted.Add(identity + "/" + dataset);
                        handlerThread = Thread.CurrentThread.ManagedThreadId;
                        return DatasetDeletedAction.DeleteLocal;
                    };
                    int merged = 0;
                    a.DatasetsMergedHandler = (identity, dataset, mergedNames) => Interlocked.Increment(ref merged);
                    string one = UniqueName("one"), two = UniqueName("two");
                    var d1 = a.OpenDataset(one);
                    var d2 = a.OpenDataset(two);
                    d1.Put("k", "v1"); d2.Put("k", "v2");
                    Check(a.SynchronizeAll().Count == 0, "all synced");
                    d2.Put("k", "v2b");
                    Check(a.SynchronizeAllAsync().Result.Count == 0, "all synced (async)");
                    var names = b.RefreshDatasets();
                    Check(names.Contains(one) && names.Contains(two), "new device learns the datasets");
                    b.SynchronizeAll();
                    using (var copy = b.OpenDataset(two)) Check(copy.Get("k") == "v2b", "new device pulled");

                    user.DeleteDataset(Pool, id, one);
                    var r = d1.SynchronizeAsync().Result;
                    Check(r.DeletedRemotely && r.Deleted, "deleted remotely");
                    Check(deleted.SequenceEqual(new[] { id + "/" + one }), "handler told: " + string.Join(",", deleted));
                    Check(handlerThread != mainThread, "handler on a worker thread");
                    Check(!a.ListDatasets().Contains(one), "local copy deleted");
                    Check(merged == 0, "no merge here");
                    a.DatasetDeletedHandler = null;
                    a.DatasetsMergedHandler = null;
                }
            }
        });

        Run("identity merge on the service: the merged handler and the DatasetsMerged event", () =>
        {
            var logins = new Dictionary<string, string> { { "graph.facebook.com", "player-" + Guid.NewGuid().ToString("N") } };
            string x, g;
            using (var account = IdentityClient(logins: logins))
            using (var guest = IdentityClient())
            {
                x = account.IdentityId();
                g = guest.IdentityId();
                Check(x != g, "two identities");
                foreach (var c in new[] { Tuple.Create(account, x), Tuple.Create(guest, g) })
                {
                    var page = c.Item1.ListRecords(Pool, c.Item2, "save");
                    c.Item1.UpdateRecords(Pool, c.Item2, "save", new[] { RecordPatch.Replace("level", c.Item2 == x ? "7" : "2", 0) }, page.SyncSessionToken);
                }
            }
            // The guest signs in with the account's login: the service merges the guest into it.
            using (var signedIn = IdentityClient(logins: logins, identityId: g))
                signedIn.ListRecords(Pool, x, "save"); // its credentials are the account's now
            var names = dev.ListAllDatasets(Pool, x).Select(d => d.DatasetName).ToList();
            Check(names.Contains("save." + g), "merged dataset on the service: " + string.Join(",", names));
            using (var account = IdentityClient(logins: logins))
            using (var m = Device(account, x))
            {
                var told = new List<string>();
                int thread = 0;
                m.DatasetsMergedHandler = (identity, dataset, merged) =>
                {
                    lock (told) told.AddRange(merged.Select(n => identity + "/" + dataset + "<-" + n));
                    thread = Thread.CurrentThread.ManagedThreadId;
                };
                var events = new List<SyncEvent>();
                m.EventReceived += events.Add;
                var r = m.OpenDataset("save").SynchronizeAsync().Result;
                Check(r.MergedDatasets.Contains("save." + g), "report: " + string.Join(",", r.MergedDatasets));
                Check(told.Contains(x + "/save<-save." + g), "handler: " + string.Join(",", told));
                Check(thread != mainThread, "handler on a worker thread");
                m.DispatchEvents();
                Check(events.Any(e => e.Kind == SyncEventKind.DatasetsMerged && e.Keys.Contains("save." + g)), "event");
            }
        });

        Run("guest to login: switch identity moves the guest's datasets; collisions refused", () =>
        {
            string guest = NewId(), login = NewId();
            using (var m = Device(dev, guest))
            {
                var save = m.OpenDataset("save");
                save.Put("level", "5");
                Check(m.IdentityId() == guest, "guest active");
                var moved = m.SwitchIdentity(login, IdentitySwitch.MoveData);
                Check(moved.SequenceEqual(new[] { "save" }), "moved: " + string.Join(",", moved));
                Check(m.IdentityId() == login, "login active");
                Throws<IdentityChangedException>(() => save.Get("level"));
                var again = m.OpenDataset("save");
                Check(again.Get("level") == "5" && again.HasUnsyncedChanges(), "carried over as local changes");
                Check(again.Synchronize().Pushed == 1, "pushed under the login identity");
                Check(dev.ListRecords(Pool, login, "save").Records.Single().Value == "5", "on the service under the login");
                Check(dev.ListRecords(Pool, guest, "save").DatasetExists != true, "nothing under the guest");

                m.SwitchIdentity(guest, IdentitySwitch.KeepSeparate);
                m.OpenDataset("save").Put("level", "1");
                Throws<IdentityCollisionException>(() => m.SwitchIdentity(login, IdentitySwitch.MoveData));
                Check(m.IdentityId() == guest, "nothing changed");
                m.SwitchIdentity(login, IdentitySwitch.DiscardPrevious);
                m.SwitchIdentity(guest, IdentitySwitch.KeepSeparate);
                Check(m.ListDatasets().Count == 0, "guest data discarded");
                Throws<ValidationException>(() => m.SwitchIdentity(null, IdentitySwitch.MoveData));
            }
        });

        Run("synchronize in flight: cancellation, Dispose, SynchronizeAllOpenDatasetsAsync (on pause)", () =>
        {
            if (FaultEndpoint != null)
                using (var slow = new Client(Config(FaultEndpoint)))
                using (var m = Device(slow, NewId()))
                {
                    // The fault emulator's DeleteDataset drops the connection; a dataset deleted
                    // locally is deleted remotely first, so its synchronize fails with Transport.
                    var ds = m.OpenDataset("gone");
                    ds.Put("k", "v");
                    ds.Delete();
                    Throws<TransportException>(() => ds.Synchronize());
                }
            using (var m = Device(dev, NewId()))
            {
                var ds = m.OpenDataset("pause");
                ds.Put("k", "v");
                var other = m.OpenDataset("pause2");
                other.Put("k", "w");
                var reports = SyncManager.SynchronizeAllOpenDatasetsAsync();
                Check(reports.Wait(20000), "on-pause synchronize finished");
                Check(!ds.HasUnsyncedChanges() && !other.HasUnsyncedChanges(), "both pushed");

                using (var cts = new CancellationTokenSource())
                {
                    ds.Put("k", "v2");
                    cts.Cancel();
                    Check(ds.SynchronizeAsync(cts.Token).IsCanceled, "cancelled before start");
                }
                ds.Put("k", "v3");
                var cancelled = 0;
                var tasks = new List<Task<SyncReport>>();
                for (int i = 0; i < 8; i++)
                {
                    var cts = new CancellationTokenSource();
                    var t = ds.SynchronizeAsync(cts.Token);
                    cts.Cancel();
                    tasks.Add(t);
                }
                foreach (var t in tasks)
                {
                    try { t.Wait(); } catch (AggregateException e) when (e.InnerException is TaskCanceledException) { cancelled++; }
                }
                Check(tasks.All(t => t.IsCompleted), "every task ended (" + cancelled + " cancelled in flight)");
                Check(ds.Get("k") == "v3", "local data intact after cancellations");
                var pending = ds.SynchronizeAsync();
                ds.Dispose();
                try { pending.Wait(); } catch (AggregateException e) when (e.InnerException is ObjectDisposedException) { }
                ds.Dispose(); // double Dispose
                Throws<ObjectDisposedException>(() => ds.Get("k"));
                Throws<ObjectDisposedException>(() => ds.SynchronizeAsync().Wait());
                var pending2 = m.SynchronizeAllAsync();
                m.Dispose();
                try { pending2.Wait(); } catch (AggregateException e) when (e.InnerException is ObjectDisposedException) { }
                Throws<ObjectDisposedException>(() => other.Get("k")); // disposed with its manager
                Throws<ObjectDisposedException>(() => m.OpenDataset("x"));
                m.Dispose();
            }
        });

        Run("managers and datasets left to finalizers with synchronizes and resolvers in flight", () =>
        {
            var tasks = new List<Task<SyncReport>>();
            for (int i = 0; i < 8; i++)
            {
                var m = Device(dev, NewId(), c => ConflictResolution.KeepRemote);
                var ds = m.OpenDataset("fin");
                ds.Put("k", "v" + i);
                tasks.Add(ds.SynchronizeAsync());
                if (i % 2 == 0) { GC.Collect(); GC.WaitForPendingFinalizers(); }
            }
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            Check(Task.WaitAll(tasks.ToArray(), 20000), "every synchronize completed");
            Check(tasks.All(t => t.Result.Pushed == 1), "pushed");
            tasks = null;
            for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        });
    }
}
