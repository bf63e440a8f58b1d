using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SupportAgent.Api.Limits;

namespace SupportAgent.Tests.Limits;

/// <summary>Listens to one test app's <c>SupportAgent.Limits</c> meter (several apps may be alive at once).</summary>
internal sealed class LimitsMeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _rejected = new();
    private long _fallbackActive = -1;

    public LimitsMeterProbe(IMeterFactory appMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LimitsMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, appMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "limits.rejected")
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                    {
                        _rejected.AddOrUpdate((string)tag.Value!, value, (_, total) => total + value);
                    }
                }
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "limits.fallback_active")
            {
                Interlocked.Exchange(ref _fallbackActive, value);
            }
        });
        _listener.Start();
    }

    public long Rejected(string reason) => _rejected.GetValueOrDefault(reason);

    /// <summary>Reads the observable gauge now: 1 in fallback, 0 otherwise.</summary>
    public long FallbackActive()
    {
        _listener.RecordObservableInstruments();
        return Interlocked.Read(ref _fallbackActive);
    }

    public void Dispose() => _listener.Dispose();
}
