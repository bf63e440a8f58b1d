using System.Collections.Concurrent;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// A small bounded pool for objects that are expensive to build and not thread-safe (ML.NET's PredictionEngine).
/// Each caller rents its own instance, so predictions run in parallel without a lock; the pool keeps at most
/// <paramref name="capacity"/> idle instances and disposes the rest.
/// </summary>
internal sealed class EnginePool<T>(Func<T> create, int capacity) : IDisposable where T : class
{
    private readonly ConcurrentBag<T> idle = [];
    private int idleCount;
    private bool disposed;

    public TResult Use<TResult>(Func<T, TResult> work)
    {
        var item = Rent();
        try
        {
            return work(item);
        }
        finally
        {
            Return(item);
        }
    }

    private T Rent()
    {
        if (idle.TryTake(out var item))
        {
            Interlocked.Decrement(ref idleCount);
            return item;
        }
        return create();
    }

    private void Return(T item)
    {
        if (!Volatile.Read(ref disposed))
        {
            if (Interlocked.Increment(ref idleCount) <= capacity)
            {
                idle.Add(item);
                return;
            }
            Interlocked.Decrement(ref idleCount);
        }
        (item as IDisposable)?.Dispose();
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        while (idle.TryTake(out var item)) (item as IDisposable)?.Dispose();
    }
}
