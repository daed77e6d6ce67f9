#if UNITY_5_3_OR_NEWER
using System;
using CognitoSync;
using UnityEngine;

// A game save that works offline and follows the player across devices.
// Add it next to a CognitoSyncPump: the pump raises events and completions on the main thread
// and synchronizes the open datasets when the app is paused.
public sealed class GameSave : MonoBehaviour
{
    public string endpoint = "http://127.0.0.1:4566";          // the emulator; null for AWS
    public string identityPoolId = "us-east-1:00000000-0000-0000-0000-000000000001";
    public int level = 1;

    private Client client;
    private SyncManager manager;
    private Dataset save;

    private void Start()
    {
        client = new Client(new ClientConfig { Region = "us-east-1", EndpointUrl = endpoint, CognitoIdentityPoolId = identityPoolId });
        manager = new SyncManager(new SyncManagerOptions
        {
            Client = client,
            IdentityPoolId = identityPoolId,
            StorePath = System.IO.Path.Combine(Application.persistentDataPath, "cognito-sync.db"),
            // Runs on a library thread: no Unity API here. Keep the higher level.
            ConflictResolver = c => ConflictResolution.UseValue(Math.Max(Parse(c.LocalValue), Parse(c.RemoteValue)).ToString()),
        });
        save = manager.OpenDataset("save");
        level = Parse(save.Get("level"));                       // local: works offline
        manager.EventReceived += e =>                           // main thread (pumped)
        {
            if (e.Kind == SyncEventKind.SyncSucceeded && e.Dataset == "save") level = Parse(save.Get("level"));
        };
        GetComponent<CognitoSyncPump>().Paused += () => save.Put("level", level.ToString());
        MainThread.Then(save.SynchronizeAsync(), r => Debug.Log("synced, " + r.ChangedKeys.Count + " changed"),
            e => Debug.LogWarning("sync failed (kept locally): " + e.Message));
    }

    private static int Parse(string s) { int v; return int.TryParse(s, out v) ? v : 1; }

    private void OnDestroy()
    {
        if (manager != null) manager.Dispose();
        if (client != null) client.Dispose();
    }
}
#endif
