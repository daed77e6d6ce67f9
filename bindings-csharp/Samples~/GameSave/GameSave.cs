#if UNITY_5_3_OR_NEWER
using System;
using CognitoSync;
using UnityEngine;

// Attach next to a CognitoSyncPump. Reads the "save" dataset at start, writes the level on pause.
public sealed class GameSave : MonoBehaviour
{
    public string endpoint = "http://127.0.0.1:4566";
    public string identityPoolId = "us-east-1:00000000-0000-0000-0000-000000000001";
    public string identityId = "us-east-1:11111111-2222-3333-4444-555555555555";
    public int level = 1;
    private Client client;
    private string session;
    private long syncCount;

    private void Start()
    {
        client = new Client(new ClientConfig { Region = "us-east-1", EndpointUrl = endpoint, AccessKeyId = "test", SecretAccessKey = "test" });
        MainThread.Then(client.ListRecordsAsync(identityPoolId, identityId, "save"), page =>
        {
            session = page.SyncSessionToken;
            foreach (var r in page.Records)
                if (r.Key == "level") { level = int.Parse(r.Value); syncCount = r.SyncCount; }
            Debug.Log("loaded level " + level);
        }, e => Debug.LogWarning("load failed: " + e.Message));
        GetComponent<CognitoSyncPump>().Paused += Save;
    }

    private void Save()
    {
        if (session == null) return;
        MainThread.Then(client.UpdateRecordsAsync(identityPoolId, identityId, "save",
            new[] { RecordPatch.Replace("level", level.ToString(), syncCount) }, session),
            w => { syncCount = w.Records[0].SyncCount; session = null; Debug.Log("saved"); },
            e => Debug.LogWarning("save failed: " + e.Message));
    }

    private void OnDestroy() { if (client != null) client.Dispose(); }
}
#endif
