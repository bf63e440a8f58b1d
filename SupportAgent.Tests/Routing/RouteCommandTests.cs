using System.Diagnostics;
using System.Text.Json;

namespace SupportAgent.Tests.Routing;

/// <summary>
/// <c>dotnet run --project SupportAgent.Api -- route IN OUT</c>: the Api's own executable routes a JSON Lines file with
/// no server, no database and no other process.
/// </summary>
public sealed class RouteCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("route-").FullName;

    [Fact]
    public async Task Route_writes_one_lane_and_confidence_per_message_in_input_order()
    {
        var input = Path.Combine(folder, "in.jsonl");
        var output = Path.Combine(folder, "out.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id": "a", "text": "I want my money back for order 1042, it arrived broken", "style": "ignored"}""",
            "",
            """{"id": 7, "text": "where is my parcel? tracking hasn't moved in a week"}""",
            """{"id": "c", "text": "How do I reset my password?"}""",
        ]);

        var (exit, console) = await RunApiAsync("route", input, output);

        Assert.True(exit == 0, console);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["a", "7", "c"], lines.Select(l => l.GetProperty("id").ToString()));
        Assert.Equal(["REFUND", "SHIPPING", "GENERAL"], lines.Select(l => l.GetProperty("lane").GetString()));
        Assert.All(lines, l => Assert.InRange(l.GetProperty("confidence").GetDouble(), 0.0, 1.0));
    }

    [Fact]
    public async Task Route_refuses_a_line_without_text_and_names_it()
    {
        var input = Path.Combine(folder, "bad.jsonl");
        await File.WriteAllLinesAsync(input, ["""{"id": "a", "text": "hi"}""", """{"id": "b"}"""]);

        var (exit, console) = await RunApiAsync("route", input, Path.Combine(folder, "out.jsonl"));

        Assert.Equal(2, exit);
        Assert.Contains("bad.jsonl:2", console);
    }

    /// <summary>The Api's executable as built beside the tests, started the way <c>dotnet run</c> starts it.</summary>
    private static async Task<(int Exit, string Console)> RunApiAsync(params string[] args)
    {
        var api = Path.Combine(AppContext.BaseDirectory, "SupportAgent.Api.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(api);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
