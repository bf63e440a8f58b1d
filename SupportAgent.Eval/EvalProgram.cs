namespace SupportAgent.Eval;

/// <summary>
/// <c>dotnet run --project SupportAgent.Eval -- SCENARIO_DIR [options]</c> (scenarios/README.md). A named entry point
/// rather than top-level statements: the referenced Api already has a public <c>Program</c>.
/// </summary>
internal static class EvalProgram
{
    private static Task<int> Main(string[] args) => EvalCommand.RunAsync(args, Console.Out);
}
