// The pool-administration and push operations, blocking and async, and the error classes
// they reach against the emulator (real conditions first, the fault emulator for the rest).
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync;

internal static partial class Tests
{
    private static void PoolOperationTests(Client dev)
    {
        Run("identity id, blocking and async (Cognito Identity credentials)", () =>
        {
            using (var user = IdentityClient())
            {
                string id = user.IdentityId();
                Check(id != null && id.StartsWith("us-east-1:"), "identity " + id);
                Check(user.IdentityIdAsync().Result == id, "async identity id is the cached one");
            }
            Throws<ValidationException>(() => dev.IdentityId()); // developer keys have no identity
        });

        Run("BulkPublish needs streaming: InvalidParameterException", () =>
        {
            var e = Throws<InvalidParameterException>(() => dev.BulkPublish(Pool));
            Check(e.StatusCode == 400 && e.Code == "InvalidParameterException", "400 " + e.Code);
        });

        Run("RegisterDevice needs push sync: InvalidConfigurationException", () =>
        {
            using (var user = IdentityClient())
                Throws<InvalidConfigurationException>(() => user.RegisterDevice(Pool, user.IdentityId(), "GCM", "t-0"));
        });

        Run("pool configuration, Cognito events, device, subscriptions, bulk publish (blocking and async)", () =>
        {
            var push = new PushSync(new[] { "arn:aws:sns:us-east-1:123456789012:app/GCM/game" }, "arn:aws:iam::123456789012:role/push");
            var streams = new CognitoStreams("game-stream", "arn:aws:iam::123456789012:role/streams", "ENABLED");
            var set = dev.SetIdentityPoolConfiguration(Pool, push, streams);
            Check(set.IdentityPoolId == Pool, "set: pool");
            Check(set.PushSync.ApplicationArns.Single() == push.ApplicationArns[0] && set.PushSync.RoleArn == push.RoleArn, "set: push sync");
            Check(set.CognitoStreams.StreamName == "game-stream" && set.CognitoStreams.StreamingStatus == "ENABLED", "set: streams");
            var got = dev.GetIdentityPoolConfiguration(Pool);
            Check(got.PushSync.ApplicationArns[0] == push.ApplicationArns[0] && got.CognitoStreams.RoleArn == streams.RoleArn, "get");
            var gotAsync = dev.GetIdentityPoolConfigurationAsync(Pool).Result;
            Check(gotAsync.CognitoStreams.StreamName == "game-stream", "get async");
            var setAsync = dev.SetIdentityPoolConfigurationAsync(Pool, cognitoStreams: streams).Result;
            Check(setAsync.PushSync != null && setAsync.PushSync.RoleArn == push.RoleArn, "push sync unchanged when null");

            const string fn = "arn:aws:lambda:us-east-1:123456789012:function:f";
            dev.SetCognitoEvents(Pool, new Dictionary<string, string> { { "SyncTrigger", fn } });
            var events = dev.GetCognitoEvents(Pool);
            Check(events.Count == 1 && events["SyncTrigger"] == fn, "events");
            dev.SetCognitoEventsAsync(Pool, new Dictionary<string, string> { { "SyncTrigger", "" } }).Wait();
            Check(dev.GetCognitoEventsAsync(Pool).Result.Count == 0, "event removed (async)");
            Throws<ValidationException>(() => dev.SetCognitoEvents(Pool, null));

            using (var user = IdentityClient())
            {
                string id = user.IdentityId();
                string device = user.RegisterDevice(Pool, id, "GCM", "push-token-1");
                Check(!string.IsNullOrEmpty(device), "device id");
                Check(user.RegisterDeviceAsync(Pool, id, "GCM", "push-token-1").Result == device, "stable device id (async)");
                var page = user.ListRecords(Pool, id, "push");
                user.UpdateRecords(Pool, id, "push", new[] { RecordPatch.Replace("k", "v", 0) }, page.SyncSessionToken, device);
                user.SubscribeToDataset(Pool, id, "push", device);
                user.UnsubscribeFromDataset(Pool, id, "push", device);
                user.SubscribeToDatasetAsync(Pool, id, "push", device).Wait();
                user.UnsubscribeFromDatasetAsync(Pool, id, "push", device).Wait();
                Throws<ResourceNotFoundException>(() => user.SubscribeToDataset(Pool, id, "no-such-dataset", device));
                Throws<ValidationException>(() => user.SubscribeToDatasetAsync(Pool, id, "push", null).Wait());
            }

            Check(dev.BulkPublishAsync(Pool).Result == Pool, "bulk publish started");
            var details = dev.GetBulkPublishDetails(Pool);
            Check(details.IdentityPoolId == Pool && (details.Status == "IN_PROGRESS" || details.Status == "SUCCEEDED"), "status " + details.Status);
            Check(details.StartTime.HasValue && details.FailureMessage == null, "start time");
            Check(details.Status == "IN_PROGRESS", "in progress for --bulk-publish-ms");
            Throws<DuplicateRequestException>(() => dev.BulkPublish(Pool));
            for (int i = 0; i < 200 && details.Status != "SUCCEEDED"; i++)
            {
                Thread.Sleep(50);
                details = dev.GetBulkPublishDetailsAsync(Pool).Result;
            }
            Check(details.Status == "SUCCEEDED" && details.CompleteTime.HasValue, "bulk publish completes");
            Throws<AlreadyStreamedException>(() => dev.BulkPublish(Pool));
        });

        Run("unknown identity pool: CredentialsException; developer-only operation as a user: NotAuthorizedException", () =>
        {
            using (var c = new Client(new ClientConfig
            {
                Region = "us-east-1", EndpointUrl = Endpoint, MaxAttempts = 1,
                CognitoIdentityPoolId = "us-east-1:99999999-9999-9999-9999-999999999999",
            }))
            {
                Throws<CredentialsException>(() => c.IdentityId());
                Throws<CredentialsException>(() => c.ListRecordsAsync(Pool, NewId(), "save").Wait());
            }
            using (var user = IdentityClient())
            {
                var e = Throws<NotAuthorizedException>(() => user.GetIdentityPoolConfiguration(Pool));
                Check(e.StatusCode == 403 && !e.Retryable, "403, not retryable");
            }
        });

        Run("null and invalid input on every operation group gives ValidationException", () =>
        {
            Throws<ValidationException>(() => dev.BulkPublish(null));
            Throws<ValidationException>(() => dev.GetBulkPublishDetailsAsync("not a pool").Wait());
            Throws<ValidationException>(() => dev.GetCognitoEvents("bad\ud800"));
            Throws<ValidationException>(() => dev.SetCognitoEvents(Pool, new Dictionary<string, string> { { "SyncTrigger", null } }));
            Throws<ValidationException>(() => dev.SetIdentityPoolConfiguration(Pool, new PushSync(new string[] { null }, null)));
            Throws<ValidationException>(() => dev.RegisterDevice(Pool, NewId(), null, "t"));
            Throws<ValidationException>(() => dev.UnsubscribeFromDataset(Pool, NewId(), "save", "dev\0ice"));
            Throws<ValidationException>(() => dev.DescribeIdentityUsage(Pool, null));
            Throws<ValidationException>(() => dev.DeleteDatasetAsync(Pool, NewId(), null).Wait());
        });
    }

    private static void MoreErrorClassTests()
    {
        Run("fault emulator: ConcurrentModification, InvalidLambdaFunctionOutput, LimitExceeded (blocking and async)", () =>
        {
            using (var faults = new Client(Config(FaultEndpoint)))
            {
                Throws<ConcurrentModificationException>(() => faults.GetBulkPublishDetails(Pool));
                Throws<ConcurrentModificationException>(() => faults.GetBulkPublishDetailsAsync(Pool).Wait());
                Throws<InvalidLambdaFunctionOutputException>(() => faults.GetIdentityPoolConfiguration(Pool));
                Throws<InvalidLambdaFunctionOutputException>(() => faults.GetIdentityPoolConfigurationAsync(Pool).Wait());
                var e = Throws<LimitExceededException>(() => faults.SetCognitoEvents(Pool, new Dictionary<string, string>()));
                Check(e.Code == "LimitExceededException" && e.RequestId != null, "code and request id");
                Throws<LimitExceededException>(() => faults.SetCognitoEventsAsync(Pool, new Dictionary<string, string>()).Wait());
            }
        });

        Run("every async operation can be cancelled in flight (slow GetCognitoEvents)", () =>
        {
            using (var faults = new Client(Config(FaultEndpoint)))
            using (var cts = new CancellationTokenSource())
            {
                var t = faults.GetCognitoEventsAsync(Pool, cts.Token);
                Thread.Sleep(50);
                Check(!t.IsCompleted && faults.CallsInFlight == 1, "in flight");
                cts.Cancel();
                Throws<TaskCanceledException>(() => t.Wait());
                Check(faults.CallsInFlight == 0, "nothing left in flight");
            }
        });
    }
}
