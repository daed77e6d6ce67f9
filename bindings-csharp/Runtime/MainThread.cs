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

        /// <summary>Runs everything posted so far; returns how many actions ran.</summary>
        public static int Pump()
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
    /// <summary>Add to one GameObject: pumps MainThread every frame.</summary>
    public sealed class CognitoSyncPump : UnityEngine.MonoBehaviour
    {
        /// <summary>Called when the app is paused (e.g. to save and push a dataset).</summary>
        public event Action Paused;

        private void Update() { MainThread.Pump(); }

        private void OnApplicationPause(bool paused)
        {
            if (paused && Paused != null) Paused();
        }
    }
#endif
}
