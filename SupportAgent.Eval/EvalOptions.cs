using System.Globalization;

namespace SupportAgent.Eval;

/// <summary>The eval command line (see <see cref="Usage"/>).</summary>
public sealed record EvalOptions
{
    public const string Usage = """
        Usage: dotnet run --project SupportAgent.Eval -- SCENARIO_DIR [options]

        Runs the scenario suite against the real graph, ToolsService, MockBackends, PostgreSQL and Redis and prints
        correct outcomes, deflection, escalation, policy violations, and tokens and cost per resolved ticket.
        By default it starts all of that itself through the AppHost (local PostgreSQL and Redis processes, as the
        tests run it), from a fresh database, and removes it afterwards.

          --provider offline|openai  the agent (and router) model; default offline (the deterministic local engine)
          --endpoint URL             OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://localhost:11434/v1
          --model NAME               model or deployment name
          --key KEY                  API key (or set OPENAI_API_KEY)
          --offline-router           keep the local classifier as router while the agent uses --provider
          --price-in N, --price-out N  dollars per million input / output tokens, for the cost figures
          --api URL                  use an app that is already running (e.g. http://localhost:5100) instead
          --backends URL             with --api: its MockBackends, so refunds and reships are read from the backends
          --backends-key KEY         with --backends: its Auth:BackendsSigningKey (or set SUPPORTAGENT_BACKENDS_KEY)
          --filter TEXT              only scenarios whose id, file or tag contains TEXT
          --out FILE                 results as JSON (default eval-results.json)
          --min-correct RATE         exit code 1 below this share of correct outcomes (default 0.95)
          --cap DOLLARS              the refund approval cap the policy check assumes (default 500)
          --keep                     keep the app's data folder (PostgreSQL data)
        Exit code: 0 when there is no policy violation and the share of correct outcomes is reached, 1 otherwise, 2 on bad usage.
        """;

    public required string ScenarioDirectory { get; init; }
    public ModelChoice Model { get; init; } = ModelChoice.Offline;
    public Uri? Api { get; init; }
    public Uri? Backends { get; init; }
    public string? BackendsKey { get; init; }
    public string? Filter { get; init; }
    public string Out { get; init; } = "eval-results.json";
    public double MinCorrect { get; init; } = 0.95;
    public decimal Cap { get; init; } = 500m;
    public bool Keep { get; init; }

    public static EvalOptions Parse(IReadOnlyList<string> args)
    {
        string? directory = null, provider = null, endpoint = null, model = null, key = null, filter = null, output = null, backendsKey = null;
        Uri? api = null, backends = null;
        decimal? priceIn = null, priceOut = null;
        double minCorrect = 0.95;
        decimal cap = 500m;
        bool keep = false, offlineRouter = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => ++i < args.Count ? args[i] : throw new EvalUsageException($"{arg} needs a value.");
            switch (arg)
            {
                case "--provider": provider = Value().ToLowerInvariant(); break;
                case "--endpoint": endpoint = Value(); break;
                case "--model": model = Value(); break;
                case "--key": key = Value(); break;
                case "--offline-router": offlineRouter = true; break;
                case "--price-in": priceIn = Number(arg, Value()); break;
                case "--price-out": priceOut = Number(arg, Value()); break;
                case "--api": api = Url(arg, Value()); break;
                case "--backends": backends = Url(arg, Value()); break;
                case "--backends-key": backendsKey = Value(); break;
                case "--filter": filter = Value(); break;
                case "--out": output = Value(); break;
                case "--min-correct": minCorrect = (double)Number(arg, Value()); break;
                case "--cap": cap = Number(arg, Value()); break;
                case "--keep": keep = true; break;
                case "-h" or "--help": throw new EvalUsageException(null);
                default:
                    if (arg.StartsWith('-') || directory is not null) throw new EvalUsageException($"Unknown argument '{arg}'.");
                    directory = arg;
                    break;
            }
        }
        if (directory is null) throw new EvalUsageException("SCENARIO_DIR is required.");
        if (minCorrect is < 0 or > 1) throw new EvalUsageException("--min-correct is a share between 0 and 1.");

        var choice = ModelChoice.Offline;
        if (provider is "openai")
        {
            key ??= Environment.GetEnvironmentVariable("OPENAI_API_KEY");
            if (endpoint is null || model is null) throw new EvalUsageException("--provider openai needs --endpoint and --model.");
            choice = new ModelChoice("OpenAI", endpoint, model, key, offlineRouter, priceIn, priceOut);
        }
        else if (provider is not (null or "offline")) throw new EvalUsageException($"Unknown provider '{provider}' (offline or openai).");
        if (backends is not null && api is null) throw new EvalUsageException("--backends goes with --api.");
        backendsKey ??= Environment.GetEnvironmentVariable("SUPPORTAGENT_BACKENDS_KEY");
        if (backends is not null && string.IsNullOrEmpty(backendsKey))
            throw new EvalUsageException("--backends needs --backends-key (MockBackends only answers service tokens).");

        return new EvalOptions
        {
            ScenarioDirectory = UserPaths.Directory(directory), Model = choice, Api = api, Backends = backends, BackendsKey = backendsKey, Filter = filter,
            Out = UserPaths.File(output ?? "eval-results.json"), MinCorrect = minCorrect, Cap = cap, Keep = keep,
        };
    }

    private static decimal Number(string name, string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new EvalUsageException($"{name} needs a non-negative number, not '{value}'.");

    private static Uri Url(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new EvalUsageException($"{name} needs an http(s) address, not '{value}'.");
}

public sealed class EvalUsageException(string? message) : Exception(message ?? "");
