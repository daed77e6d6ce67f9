using System;
using System.Collections.Generic;
using CognitoSync.Native;

namespace CognitoSync
{
    /// <summary>How a Client reaches the service. Unset values use the library's defaults.</summary>
    public sealed class ClientConfig
    {
        public string Region { get; set; }
        /// <summary>e.g. http://127.0.0.1:4566 for the emulator.</summary>
        public string EndpointUrl { get; set; }
        public string AccessKeyId { get; set; }
        public string SecretAccessKey { get; set; }
        public string SessionToken { get; set; }
        /// <summary>A named profile of ~/.aws/credentials and ~/.aws/config (instead of keys or Cognito Identity).</summary>
        public string Profile { get; set; }
        /// <summary>Appended to the User-Agent as app/NAME (printable ASCII).</summary>
        public string AppName { get; set; }
        /// <summary>Cognito Identity pool: credentials come from GetId + GetCredentialsForIdentity.</summary>
        public string CognitoIdentityPoolId { get; set; }
        public string CognitoIdentityEndpointUrl { get; set; }
        public string CognitoIdentityId { get; set; }
        public IDictionary<string, string> Logins { get; set; }
        public uint? MaxAttempts { get; set; }
        public TimeSpan? ConnectTimeout { get; set; }
        public TimeSpan? CallTimeout { get; set; }

        /// <summary>Reads AWS_ENDPOINT_URL_COGNITO_SYNC, AWS_REGION and the developer keys.</summary>
        public static ClientConfig FromEnvironment()
        {
            return new ClientConfig
            {
                Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1",
                EndpointUrl = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_COGNITO_SYNC"),
                AccessKeyId = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"),
                SecretAccessKey = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
                SessionToken = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"),
            };
        }

        internal ConfigHandle Build()
        {
            var h = new ConfigHandle();
            h.Adopt(NativeMethods.cognito_sync_config_new());
            if (h.IsInvalid) throw new CognitoSyncException("cognito_sync_config_new returned NULL");
            try
            {
                IntPtr c = h.Ptr("ClientConfig");
                IntPtr err;
                using (var a = new Utf8Arena())
                {
                    if (Region != null) Errors.Check(NativeMethods.cognito_sync_config_set_region(c, a.Str(Region, "Region"), out err), err);
                    if (EndpointUrl != null) Errors.Check(NativeMethods.cognito_sync_config_set_endpoint_url(c, a.Str(EndpointUrl, "EndpointUrl"), out err), err);
                    if (AccessKeyId != null || SecretAccessKey != null)
                        Errors.Check(NativeMethods.cognito_sync_config_set_static_credentials(c,
                            a.Required(AccessKeyId, "AccessKeyId"), a.Required(SecretAccessKey, "SecretAccessKey"),
                            a.Str(SessionToken, "SessionToken"), out err), err);
                    if (Profile != null) Errors.Check(NativeMethods.cognito_sync_config_use_profile(c, a.Str(Profile, "Profile"), out err), err);
                    if (CognitoIdentityPoolId != null)
                        Errors.Check(NativeMethods.cognito_sync_config_set_cognito_identity(c, a.Str(CognitoIdentityPoolId, "CognitoIdentityPoolId"), out err), err);
                    if (CognitoIdentityEndpointUrl != null)
                        Errors.Check(NativeMethods.cognito_sync_config_set_cognito_identity_endpoint_url(c, a.Str(CognitoIdentityEndpointUrl, "CognitoIdentityEndpointUrl"), out err), err);
                    if (CognitoIdentityId != null)
                        Errors.Check(NativeMethods.cognito_sync_config_set_cognito_identity_id(c, a.Str(CognitoIdentityId, "CognitoIdentityId"), out err), err);
                    if (Logins != null)
                        foreach (var kv in Logins)
                            Errors.Check(NativeMethods.cognito_sync_config_add_cognito_login(c, a.Required(kv.Key, "Logins key"), a.Required(kv.Value, "Logins value"), out err), err);
                    if (AppName != null) Errors.Check(NativeMethods.cognito_sync_config_set_app_name(c, a.Str(AppName, "AppName"), out err), err);
                    if (MaxAttempts.HasValue) Errors.Check(NativeMethods.cognito_sync_config_set_max_attempts(c, MaxAttempts.Value, out err), err);
                    if (ConnectTimeout.HasValue) Errors.Check(NativeMethods.cognito_sync_config_set_connect_timeout_ms(c, (ulong)ConnectTimeout.Value.TotalMilliseconds, out err), err);
                    if (CallTimeout.HasValue) Errors.Check(NativeMethods.cognito_sync_config_set_call_timeout_ms(c, (ulong)CallTimeout.Value.TotalMilliseconds, out err), err);
                }
                return h;
            }
            catch
            {
                h.Dispose();
                throw;
            }
        }
    }
}
