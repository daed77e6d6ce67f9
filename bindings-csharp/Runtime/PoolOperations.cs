using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync.Native;
using N = CognitoSync.Native.NativeMethods;

namespace CognitoSync
{
    // The pool-administration and push operations (developer credentials, except RegisterDevice
    // and Subscribe/Unsubscribe which use the identity's): BulkPublish, GetBulkPublishDetails,
    // Get/SetCognitoEvents, Get/SetIdentityPoolConfiguration, RegisterDevice,
    // SubscribeToDataset, UnsubscribeFromDataset.
    public sealed partial class Client
    {
        // ---------------------------------------------------------------- BulkPublish
        private static Func<Utf8Arena, IntPtr> PoolReq<TReq>(string identityPoolId, Func<IntPtr, TReq> make) where TReq : struct
        {
            return a => a.Struct(make(a.Required(identityPoolId, "identityPoolId")));
        }

        private static Func<Utf8Arena, IntPtr> BulkPublishReq(string identityPoolId)
        {
            return PoolReq(identityPoolId, p => new cognito_sync_bulk_publish_request { identity_pool_id = p });
        }

        /// <summary>Starts publishing every dataset of the pool to its Cognito stream; returns the pool id.</summary>
        public string BulkPublish(string identityPoolId)
        {
            return Call(BulkPublishReq(identityPoolId), N.cognito_sync_bulk_publish,
                o => Utf8.Read(N.cognito_sync_bulk_publish_output_identity_pool_id(o)), N.cognito_sync_bulk_publish_output_free);
        }

        public Task<string> BulkPublishAsync(string identityPoolId, CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(BulkPublishReq(identityPoolId), N.cognito_sync_bulk_publish_start, N.cognito_sync_bulk_publish_finish,
                o => Utf8.Read(N.cognito_sync_bulk_publish_output_identity_pool_id(o)), N.cognito_sync_bulk_publish_output_free,
                cancellationToken);
        }

        // ---------------------------------------------------------------- GetBulkPublishDetails
        private static Func<Utf8Arena, IntPtr> BulkDetailsReq(string identityPoolId)
        {
            return PoolReq(identityPoolId, p => new cognito_sync_get_bulk_publish_details_request { identity_pool_id = p });
        }

        private static BulkPublishDetails ReadBulkDetails(IntPtr o)
        {
            return new BulkPublishDetails(Utf8.Read(N.cognito_sync_get_bulk_publish_details_output_identity_pool_id(o)),
                Read.Ms(N.cognito_sync_get_bulk_publish_details_output_bulk_publish_start_time, o),
                Read.Ms(N.cognito_sync_get_bulk_publish_details_output_bulk_publish_complete_time, o),
                Utf8.Read(N.cognito_sync_get_bulk_publish_details_output_bulk_publish_status(o)),
                Utf8.Read(N.cognito_sync_get_bulk_publish_details_output_failure_message(o)));
        }

        public BulkPublishDetails GetBulkPublishDetails(string identityPoolId)
        {
            return Call(BulkDetailsReq(identityPoolId), N.cognito_sync_get_bulk_publish_details, ReadBulkDetails,
                N.cognito_sync_get_bulk_publish_details_output_free);
        }

        public Task<BulkPublishDetails> GetBulkPublishDetailsAsync(string identityPoolId,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(BulkDetailsReq(identityPoolId), N.cognito_sync_get_bulk_publish_details_start,
                N.cognito_sync_get_bulk_publish_details_finish, ReadBulkDetails, N.cognito_sync_get_bulk_publish_details_output_free,
                cancellationToken);
        }

        // ---------------------------------------------------------------- Get/SetCognitoEvents
        private static Func<Utf8Arena, IntPtr> GetEventsReq(string identityPoolId)
        {
            return PoolReq(identityPoolId, p => new cognito_sync_get_cognito_events_request { identity_pool_id = p });
        }

        private static ReadOnlyDictionary<string, string> ReadEvents(IntPtr o)
        {
            var d = new Dictionary<string, string>();
            int n = (int)N.cognito_sync_get_cognito_events_output_event_count(o);
            for (int i = 0; i < n; i++)
                d[Utf8.Read(N.cognito_sync_get_cognito_events_output_event_type(o, (UIntPtr)i))] =
                    Utf8.Read(N.cognito_sync_get_cognito_events_output_event_lambda_function_arn(o, (UIntPtr)i));
            return new ReadOnlyDictionary<string, string>(d);
        }

        /// <summary>Event type (e.g. "SyncTrigger") to Lambda function ARN.</summary>
        public ReadOnlyDictionary<string, string> GetCognitoEvents(string identityPoolId)
        {
            return Call(GetEventsReq(identityPoolId), N.cognito_sync_get_cognito_events, ReadEvents,
                N.cognito_sync_get_cognito_events_output_free);
        }

        public Task<ReadOnlyDictionary<string, string>> GetCognitoEventsAsync(string identityPoolId,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(GetEventsReq(identityPoolId), N.cognito_sync_get_cognito_events_start,
                N.cognito_sync_get_cognito_events_finish, ReadEvents, N.cognito_sync_get_cognito_events_output_free, cancellationToken);
        }

        private static Func<Utf8Arena, IntPtr> SetEventsReq(string identityPoolId, IDictionary<string, string> events)
        {
            return a =>
            {
                if (events == null) throw new ValidationException("events is required (got null)");
                int size = Marshal.SizeOf(typeof(cognito_sync_cognito_event));
                IntPtr array = events.Count == 0 ? IntPtr.Zero : a.Alloc(size * events.Count);
                int i = 0;
                foreach (var kv in events)
                {
                    var e = new cognito_sync_cognito_event
                    {
                        event_type = a.Required(kv.Key, "events key"),
                        lambda_function_arn = a.Required(kv.Value, "events[" + kv.Key + "]"),
                    };
                    Marshal.StructureToPtr(e, new IntPtr(array.ToInt64() + (long)size * i++), false);
                }
                return a.Struct(new cognito_sync_set_cognito_events_request
                {
                    identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                    events = array,
                    event_count = (UIntPtr)events.Count,
                });
            };
        }

        /// <summary>Sets the Lambda function of each event type; an empty ARN removes the event.</summary>
        public void SetCognitoEvents(string identityPoolId, IDictionary<string, string> events)
        {
            Call(SetEventsReq(identityPoolId, events), N.cognito_sync_set_cognito_events);
        }

        public Task SetCognitoEventsAsync(string identityPoolId, IDictionary<string, string> events,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(SetEventsReq(identityPoolId, events), N.cognito_sync_set_cognito_events_start,
                N.cognito_sync_set_cognito_events_finish, cancellationToken);
        }

        // ---------------------------------------------------------------- Get/SetIdentityPoolConfiguration
        private static IdentityPoolConfiguration ReadConfiguration(string id, IntPtr push, IntPtr streams)
        {
            PushSync p = null;
            if (push != IntPtr.Zero)
                p = new PushSync(Read.Many(push, N.cognito_sync_push_sync_application_arn_count, N.cognito_sync_push_sync_application_arn, Utf8.Read),
                    Utf8.Read(N.cognito_sync_push_sync_role_arn(push)));
            CognitoStreams s = null;
            if (streams != IntPtr.Zero)
                s = new CognitoStreams(Utf8.Read(N.cognito_sync_cognito_streams_stream_name(streams)),
                    Utf8.Read(N.cognito_sync_cognito_streams_role_arn(streams)),
                    Utf8.Read(N.cognito_sync_cognito_streams_streaming_status(streams)));
            return new IdentityPoolConfiguration(id, p, s);
        }

        private static IdentityPoolConfiguration ReadGetConfiguration(IntPtr o)
        {
            return ReadConfiguration(Utf8.Read(N.cognito_sync_get_identity_pool_configuration_output_identity_pool_id(o)),
                N.cognito_sync_get_identity_pool_configuration_output_push_sync(o),
                N.cognito_sync_get_identity_pool_configuration_output_cognito_streams(o));
        }

        private static IdentityPoolConfiguration ReadSetConfiguration(IntPtr o)
        {
            return ReadConfiguration(Utf8.Read(N.cognito_sync_set_identity_pool_configuration_output_identity_pool_id(o)),
                N.cognito_sync_set_identity_pool_configuration_output_push_sync(o),
                N.cognito_sync_set_identity_pool_configuration_output_cognito_streams(o));
        }

        private static Func<Utf8Arena, IntPtr> GetConfigurationReq(string identityPoolId)
        {
            return PoolReq(identityPoolId, p => new cognito_sync_get_identity_pool_configuration_request { identity_pool_id = p });
        }

        public IdentityPoolConfiguration GetIdentityPoolConfiguration(string identityPoolId)
        {
            return Call(GetConfigurationReq(identityPoolId), N.cognito_sync_get_identity_pool_configuration, ReadGetConfiguration,
                N.cognito_sync_get_identity_pool_configuration_output_free);
        }

        public Task<IdentityPoolConfiguration> GetIdentityPoolConfigurationAsync(string identityPoolId,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(GetConfigurationReq(identityPoolId), N.cognito_sync_get_identity_pool_configuration_start,
                N.cognito_sync_get_identity_pool_configuration_finish, ReadGetConfiguration,
                N.cognito_sync_get_identity_pool_configuration_output_free, cancellationToken);
        }

        private static Func<Utf8Arena, IntPtr> SetConfigurationReq(string identityPoolId, PushSync pushSync, CognitoStreams cognitoStreams)
        {
            return a =>
            {
                IntPtr push = IntPtr.Zero, streams = IntPtr.Zero;
                if (pushSync != null)
                {
                    IntPtr arns = IntPtr.Zero;
                    int n = pushSync.ApplicationArns == null ? 0 : pushSync.ApplicationArns.Count;
                    if (pushSync.ApplicationArns != null)
                    {
                        arns = a.Alloc(IntPtr.Size * n);
                        for (int i = 0; i < n; i++)
                            Marshal.WriteIntPtr(arns, IntPtr.Size * i, a.Required(pushSync.ApplicationArns[i], "pushSync.ApplicationArns[" + i + "]"));
                    }
                    push = a.Struct(new cognito_sync_push_sync_input
                    {
                        application_arns = arns,
                        application_arn_count = (UIntPtr)n,
                        role_arn = a.Str(pushSync.RoleArn, "pushSync.RoleArn"),
                    });
                }
                if (cognitoStreams != null)
                    streams = a.Struct(new cognito_sync_cognito_streams_input
                    {
                        stream_name = a.Str(cognitoStreams.StreamName, "cognitoStreams.StreamName"),
                        role_arn = a.Str(cognitoStreams.RoleArn, "cognitoStreams.RoleArn"),
                        streaming_status = a.Str(cognitoStreams.StreamingStatus, "cognitoStreams.StreamingStatus"),
                    });
                return a.Struct(new cognito_sync_set_identity_pool_configuration_request
                {
                    identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                    push_sync = push,
                    cognito_streams = streams,
                });
            };
        }

        /// <summary>Sets the pool's push sync and/or Cognito streams configuration (null leaves one unchanged).</summary>
        public IdentityPoolConfiguration SetIdentityPoolConfiguration(string identityPoolId, PushSync pushSync = null,
            CognitoStreams cognitoStreams = null)
        {
            return Call(SetConfigurationReq(identityPoolId, pushSync, cognitoStreams), N.cognito_sync_set_identity_pool_configuration,
                ReadSetConfiguration, N.cognito_sync_set_identity_pool_configuration_output_free);
        }

        public Task<IdentityPoolConfiguration> SetIdentityPoolConfigurationAsync(string identityPoolId, PushSync pushSync = null,
            CognitoStreams cognitoStreams = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(SetConfigurationReq(identityPoolId, pushSync, cognitoStreams),
                N.cognito_sync_set_identity_pool_configuration_start, N.cognito_sync_set_identity_pool_configuration_finish,
                ReadSetConfiguration, N.cognito_sync_set_identity_pool_configuration_output_free, cancellationToken);
        }

        // ---------------------------------------------------------------- RegisterDevice
        private static Func<Utf8Arena, IntPtr> RegisterDeviceReq(string identityPoolId, string identityId, string platform, string token)
        {
            return a => a.Struct(new cognito_sync_register_device_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
                platform = a.Required(platform, "platform"),
                token = a.Required(token, "token"),
            });
        }

        /// <summary>Registers a device for push (platform "APNS", "APNS_SANDBOX", "GCM" or "ADM"); returns its device id.</summary>
        public string RegisterDevice(string identityPoolId, string identityId, string platform, string token)
        {
            return Call(RegisterDeviceReq(identityPoolId, identityId, platform, token), N.cognito_sync_register_device,
                o => Utf8.Read(N.cognito_sync_register_device_output_device_id(o)), N.cognito_sync_register_device_output_free);
        }

        public Task<string> RegisterDeviceAsync(string identityPoolId, string identityId, string platform, string token,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(RegisterDeviceReq(identityPoolId, identityId, platform, token), N.cognito_sync_register_device_start,
                N.cognito_sync_register_device_finish, o => Utf8.Read(N.cognito_sync_register_device_output_device_id(o)),
                N.cognito_sync_register_device_output_free, cancellationToken);
        }

        // ---------------------------------------------------------------- Subscribe / Unsubscribe
        private static Func<Utf8Arena, IntPtr> SubscribeReq(string identityPoolId, string identityId, string datasetName, string deviceId)
        {
            return a => a.Struct(new cognito_sync_subscribe_to_dataset_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
                dataset_name = a.Required(datasetName, "datasetName"),
                device_id = a.Required(deviceId, "deviceId"),
            });
        }

        private static Func<Utf8Arena, IntPtr> UnsubscribeReq(string identityPoolId, string identityId, string datasetName, string deviceId)
        {
            return a => a.Struct(new cognito_sync_unsubscribe_from_dataset_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
                dataset_name = a.Required(datasetName, "datasetName"),
                device_id = a.Required(deviceId, "deviceId"),
            });
        }

        public void SubscribeToDataset(string identityPoolId, string identityId, string datasetName, string deviceId)
        {
            Call(SubscribeReq(identityPoolId, identityId, datasetName, deviceId), N.cognito_sync_subscribe_to_dataset);
        }

        public Task SubscribeToDatasetAsync(string identityPoolId, string identityId, string datasetName, string deviceId,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(SubscribeReq(identityPoolId, identityId, datasetName, deviceId), N.cognito_sync_subscribe_to_dataset_start,
                N.cognito_sync_subscribe_to_dataset_finish, cancellationToken);
        }

        public void UnsubscribeFromDataset(string identityPoolId, string identityId, string datasetName, string deviceId)
        {
            Call(UnsubscribeReq(identityPoolId, identityId, datasetName, deviceId), N.cognito_sync_unsubscribe_from_dataset);
        }

        public Task UnsubscribeFromDatasetAsync(string identityPoolId, string identityId, string datasetName, string deviceId,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(UnsubscribeReq(identityPoolId, identityId, datasetName, deviceId), N.cognito_sync_unsubscribe_from_dataset_start,
                N.cognito_sync_unsubscribe_from_dataset_finish, cancellationToken);
        }
    }
}
