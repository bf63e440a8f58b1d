using System.Globalization;

namespace SupportAgent.Eval;

/// <summary>The models the eval's app runs with; the offline engine unless <c>--provider</c> says otherwise.</summary>
public sealed record ModelChoice(string Provider, string? Endpoint, string? Model, string? Key, bool OfflineRouter, decimal? PriceIn, decimal? PriceOut)
{
    public static readonly ModelChoice Offline = new("Offline", null, null, null, true, null, null);

    public string Describe() => Provider == "Offline" ? "offline engine" : $"{Provider} {Model} at {Endpoint}{(OfflineRouter ? " (offline router)" : "")}";

    /// <summary>
    /// As AppHost configuration: the AppHost hands every <c>Models:*</c> setting to the Api
    /// (SupportAgent.AppHost/Infrastructure/ModelSettings.cs), the same path a developer's user secrets take.
    /// </summary>
    public IEnumerable<string> AppHostArgs()
    {
        foreach (var role in new[] { "Agent", "Router" })
        {
            if (Provider == "Offline" || role == "Router" && OfflineRouter) continue;
            yield return $"Models:{role}:Provider={Provider}";
            if (Endpoint is not null) yield return $"Models:{role}:Endpoint={Endpoint}";
            if (Model is not null) yield return $"Models:{role}:Model={Model}";
            if (Key is not null) yield return $"Models:{role}:ApiKey={Key}";
            if (PriceIn is { } pin) yield return $"Models:{role}:InputPricePerMillion={pin.ToString(CultureInfo.InvariantCulture)}";
            if (PriceOut is { } pout) yield return $"Models:{role}:OutputPricePerMillion={pout.ToString(CultureInfo.InvariantCulture)}";
        }
    }
}
