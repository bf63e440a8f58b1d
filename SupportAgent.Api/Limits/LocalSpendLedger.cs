using System.Collections.Concurrent;

namespace SupportAgent.Api.Limits;

/// <summary>
/// What this process knows about each customer's day: the last total Redis reported, plus spend recorded while
/// Redis was away and not yet written back. In fallback the cap is checked against their sum, so an outage does not
/// hand every customer a fresh day's budget.
/// </summary>
internal sealed class LocalSpendLedger
{
    private readonly ConcurrentDictionary<(string CustomerId, DateOnly Day), Entry> _entries = new();
    private DateOnly _pruned;

    public long Known(string customerId, DateOnly day) =>
        _entries.TryGetValue((customerId, day), out var entry) ? Interlocked.Read(ref entry.Known) : 0;

    public long Pending(string customerId, DateOnly day) =>
        _entries.TryGetValue((customerId, day), out var entry) ? Interlocked.Read(ref entry.Pending) : 0;

    public void Remember(string customerId, DateOnly day, long redisTotal)
    {
        Prune(day);
        Interlocked.Exchange(ref For(customerId, day).Known, redisTotal);
    }

    public void AddPending(string customerId, DateOnly day, long micros)
    {
        Prune(day);
        Interlocked.Add(ref For(customerId, day).Pending, micros);
    }

    /// <summary>Takes every pending amount out, to be written to Redis; put back what could not be.</summary>
    public List<(string CustomerId, DateOnly Day, long Micros)> TakePending()
    {
        List<(string, DateOnly, long)> taken = [];
        foreach (var (key, entry) in _entries)
        {
            var micros = Interlocked.Exchange(ref entry.Pending, 0);
            if (micros > 0)
            {
                taken.Add((key.CustomerId, key.Day, micros));
            }
        }
        return taken;
    }

    private Entry For(string customerId, DateOnly day) => _entries.GetOrAdd((customerId, day), static _ => new Entry());

    /// <summary>Yesterday's entries are only useful while their spend is still pending.</summary>
    private void Prune(DateOnly today)
    {
        if (_pruned == today)
        {
            return;
        }
        _pruned = today;
        foreach (var (key, entry) in _entries)
        {
            if (key.Day < today && Interlocked.Read(ref entry.Pending) == 0)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry
    {
        public long Known;
        public long Pending;
    }
}
