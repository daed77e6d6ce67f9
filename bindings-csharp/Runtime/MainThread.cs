using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace CognitoSync
{
    /// <summary>
    /// Completions arrive on the library's worker threads; game code must only touch Unity
    /// APIs on the main thread. Post work here from any thread and call Pump() from Update()
    /// (CognitoSyncPump does it for you in Unity).
    /// </summary>
    public static class MainThread
    {
        private static readonly Queue<Action> queue = new Queue<Action>();
        private static readonly List<Func<bool>> pollers = new List<Func<bool>>();

        /// <summary>Adds work Pump() runs each time (e.g. a SyncManager's event dispatch);
        /// the poller returns false to be removed.</summary>
        internal static void AddPoller(Func<bool> poller)
        {
            lock (pollers) pollers.Add(poller);
        }

        public static void Post(Action action)
        {
            if (action == null) throw new ArgumentNullException("action");
            lock (queue) queue.Enqueue(action);
        }

        /// <summary>Runs a task's outcome on the main thread at the next Pump().</summary>
        public static void Then<T>(Task<T> task, Action<T> onResult, Action<Exception> onError)
        {
            task.ContinueWith(t => Post(() =>
            {
                if (t.IsFaulted) onError(t.Exception.InnerException);
                else if (t.IsCanceled) onError(new TaskCanceledException(t));
                else onResult(t.Result);
            }), TaskContinuationOptions.ExecuteSynchronously);
        }

        /// <summary>Runs everything posted so far, then raises the SyncManagers' queued events
        /// (EventReceived); returns how many posted actions ran.</summary>
        public static int Pump()
        {
            int n = RunPosted();
            Func<bool>[] ps;
            lock (pollers) ps = pollers.ToArray();
            foreach (var p in ps)
                if (!p()) lock (pollers) pollers.Remove(p);
            return n;
        }

        private static int RunPosted()
        {
            int n = 0;
            while (true)
            {
                Action a;
                lock (queue)
                {
                    if (queue.Count == 0) return n;
                    a = queue.Dequeue();
                }
                a();
                n++;
            }
        }
    }

#if UNITY_5_3_OR_NEWER
    /// <summary>
    /// Add to one GameObject (it survives scene loads): pumps MainThread every frame, and when
    /// the app is paused raises Paused, then synchronizes the open datasets of every live
    /// SyncManager (SyncManager.SynchronizeAllOpenDatasetsAsync); failures are logged as warnings
    /// on the main thread. Synchronizes still running when the OS suspends the app resume with it.
    /// </summary>
    public sealed class CognitoSyncPump : UnityEngine.MonoBehaviour
    {
        /// <summary>Raised on the main thread when the app is paused, before the synchronize
        /// (e.g. to Put the latest state into a dataset).</summary>
        public event Action Paused;

        /// <summary>Set false to skip the automatic synchronize on pause.</summary>
        public bool synchronizeOnPause = true;

        private void Awake() { DontDestroyOnLoad(gameObject); }

        private void Update() { MainThread.Pump(); }

        private void OnApplicationPause(bool paused)
        {
            if (!paused) return;
            if (Paused != null) Paused();
            if (!synchronizeOnPause) return;
            SyncManager.SynchronizeAllOpenDatasetsAsync().ContinueWith(t =>
            {
                if (t.IsFaulted)
                    MainThread.Post(() => UnityEngine.Debug.LogWarning("Cognito Sync on pause: " + t.Exception.InnerException.Message));
            }, TaskContinuationOptions.ExecuteSynchronously);
        }
    }
#endif
}
