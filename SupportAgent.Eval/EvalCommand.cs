using SupportAgent.Eval.Hosting;

namespace SupportAgent.Eval;

/// <summary>
/// <c>dotnet run --project SupportAgent.Eval -- SCENARIO_DIR [options]</c>: the scenario suite against the real app
/// (scenarios/README.md), started through the AppHost unless <c>--api</c> names one that is running.
/// </summary>
public static class EvalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        EvalOptions options;
        IReadOnlyList<Scenario> scenarios;
        try
        {
            options = EvalOptions.Parse(args);
            scenarios = Select(ScenarioLoader.LoadDirectory(options.ScenarioDirectory), options.Filter);
        }
        catch (EvalUsageException ex)
        {
            if (ex.Message.Length > 0) output.WriteLine(ex.Message);
            output.WriteLine(EvalOptions.Usage);
            return 2;
        }
        catch (ScenarioException ex)
        {
            output.WriteLine(ex.Message);
            return 2;
        }
        output.WriteLine($"{scenarios.Count} scenarios from {Path.GetFullPath(options.ScenarioDirectory)}");

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // stop cleanly: the app's servers must not outlive the eval
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var report = await RunAsync(options, scenarios, output, cancel.Token);
            report.Print(output);
            await report.WriteJsonAsync(options.Out, cancel.Token);
            output.WriteLine($"results written to {Path.GetFullPath(options.Out)}");
            return report.Passes(options.MinCorrect) ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            output.WriteLine("Cancelled.");
            return 130;
        }
        catch (Exception ex) when (ex is ScenarioException or InvalidOperationException or TimeoutException or HttpRequestException)
        {
            output.WriteLine($"The eval could not run: {ex.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<EvalReport> RunAsync(EvalOptions options, IReadOnlyList<Scenario> scenarios, TextWriter output, CancellationToken ct)
    {
        if (options.Api is { } api)
        {
            if (options.Model != ModelChoice.Offline) output.WriteLine("Note: with --api the running app's own model settings apply; --provider and its options are ignored.");
            return await EvalSuite.RunAsync(new EvalTarget(api, options.Backends, "the running app's models", options.BackendsKey), scenarios, options.Cap, output, ct);
        }
        var dataPath = AppHostRunner.NewDataPath("supportagent-eval");
        output.WriteLine($"Starting the app through the AppHost (local PostgreSQL and Redis, data in {dataPath}) ...");
        try
        {
            await using var app = await AppHostRunner.StartAsync(dataPath, EvalSuite.ConfigureApp, [.. options.Model.AppHostArgs()]);
            var target = new EvalTarget(app.GetEndpoint("api", "http"), app.GetEndpoint("mockbackends", "http"), options.Model.Describe(),
                AppHostRunner.BackendsSigningKey);
            return await EvalSuite.RunAsync(target, scenarios, options.Cap, output, ct);
        }
        finally
        {
            // After the app has stopped: its PostgreSQL keeps files open until then.
            if (options.Keep) output.WriteLine($"Data kept in {dataPath}");
            else AppHostRunner.DeleteDataPath(dataPath);
        }
    }

    private static IReadOnlyList<Scenario> Select(IReadOnlyList<Scenario> scenarios, string? filter) =>
        filter is null
            ? scenarios
            : scenarios.Where(s => s.Id.Contains(filter, StringComparison.OrdinalIgnoreCase)
                || s.Source.Contains(filter, StringComparison.OrdinalIgnoreCase)
                || s.Tags.Any(t => t.Equals(filter, StringComparison.OrdinalIgnoreCase))).ToList();
}
